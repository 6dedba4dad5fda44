import Foundation
import Models
import TestSupport
import Testing

@Suite("MNIST/IDX data sets", .tags(.conformance))
struct IDXDatasetTests {
  @Test(.tags(.reference))
  func mnistTestSetHasScaledPixelsAndItsLabels() throws {
    let images = Repository.data("mnist5k-test-images-idx3-ubyte.gz")
    let labels = Repository.data("mnist5k-test-labels-idx1-ubyte.gz")
    let data = try Dataset<Double>.loadIDX(images: images, labels: labels)
    #expect(data.count == 1000 && data.featureCount == 784)
    #expect(data.task == .classification(classes: 10))
    #expect(data.name == images)
    #expect(data.targets.isEmpty)
    #expect(data.features.allSatisfy { $0 >= 0 && $0 <= 1 })
    #expect(data.features.max() == 1 && data.features.min() == 0)
    let raw = try IDXFile.load(path: images)
    #expect(data.features == raw.bytes.map { Double($0) / 255 })
    #expect(data.labels == (try IDXFile.load(path: labels)).bytes.map { Int($0) })
    let single = try Dataset<Float>.loadIDX(images: images, labels: labels, name: "t")
    #expect(single.name == "t" && single.features == data.features.map { Float($0) })
  }

  @Test func countMismatchNamesBothFiles() throws {
    let scratch = try DataTestScratch()
    defer { scratch.remove() }
    let images = try scratch.write("images.idx", bytes: idxBytes(dimensions: [3, 2, 2], payload: Array(repeating: 9, count: 12)))
    let labels = try scratch.write("labels.idx", bytes: idxBytes(dimensions: [2], payload: [0, 1]))
    let error = #expect(throws: DataError.self) { try Dataset<Double>.loadIDX(images: images, labels: labels) }
    let message = describe(error)
    #expect(message.contains(images) && message.contains(labels), "\(message)")
    #expect(message.contains("3 images") && message.contains("2 labels"), "\(message)")
  }

  @Test(arguments: [(10, 10), (3, 5)])
  func labelOutOfRangeNamesFileExampleAndValue(classes: Int, badLabel: UInt8) throws {
    let scratch = try DataTestScratch()
    defer { scratch.remove() }
    let images = try scratch.write("images.idx", bytes: idxBytes(dimensions: [3, 1, 2], payload: [0, 255, 1, 2, 3, 4]))
    let labels = try scratch.write("labels.idx", bytes: idxBytes(dimensions: [3], payload: [0, 1, badLabel]))
    let error = #expect(throws: DataError.self) {
      try Dataset<Double>.loadIDX(images: images, labels: labels, classes: classes)
    }
    let message = describe(error)
    #expect(message.hasPrefix(labels), "\(message)")
    #expect(message.contains("example 2") && message.contains("label \(badLabel)"), "\(message)")
    #expect(message.contains("0..<\(classes)"), "\(message)")
    // With enough classes the same files load.
    let ok = try Dataset<Double>.loadIDX(images: images, labels: labels, classes: Int(badLabel) + 1)
    #expect(ok.labels == [0, 1, Int(badLabel)] && ok.featureCount == 2 && ok.features[1] == 1)
  }

  @Test func wrongRanksAreErrorsNamingTheFile() throws {
    let scratch = try DataTestScratch()
    defer { scratch.remove() }
    let flat = try scratch.write("flat.idx", bytes: idxBytes(dimensions: [2], payload: [0, 1]))
    let images = try scratch.write("images.idx", bytes: idxBytes(dimensions: [2, 1, 1], payload: [0, 1]))
    let asImages = #expect(throws: DataError.self) { try Dataset<Double>.loadIDX(images: flat, labels: flat) }
    #expect(describe(asImages).hasPrefix(flat) && describe(asImages).contains("3 dimensions"))
    let asLabels = #expect(throws: DataError.self) { try Dataset<Double>.loadIDX(images: images, labels: images) }
    #expect(describe(asLabels).hasPrefix(images) && describe(asLabels).contains("1 dimension"))
    let missing = #expect(throws: DataError.self) { try Dataset<Double>.loadIDX(images: images, labels: flat + ".nope") }
    #expect(missing == .unreadable(path: flat + ".nope", reason: "no such file"))
  }
}
