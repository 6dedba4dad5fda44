import Foundation
import Models
import TestSupport
import Testing

@Suite("Built-in data sets", .tags(.conformance))
struct BuiltinDatasetTests {
  static let directory = Repository.root + "/Data"

  /// (train, test, features) with seed 0 and test fraction 0.2; the stratified
  /// test counts are Σ round(0.2 · n_class) over Data/README.md's class sizes.
  static let expected: [BuiltinDataset: (train: Int, test: Int, features: Int)] = [
    .mnist5k: (4000, 1000, 784), .digits: (1438, 359, 64), .breastCancer: (456, 113, 30),
    .diabetes: (354, 88, 10), .iris: (120, 30, 4), .wine: (142, 36, 13),
  ]

  @Test(arguments: BuiltinDataset.allCases)
  func loadsWithTheDocumentedSizes(dataset: BuiltinDataset) throws {
    let split: DataSplit<Double> = try dataset.load(from: Self.directory, seed: 0)
    let sizes = try #require(Self.expected[dataset])
    #expect(split.train.count == sizes.train && split.test.count == sizes.test)
    #expect(split.train.featureCount == sizes.features && split.test.featureCount == sizes.features)
    #expect(split.train.task == dataset.task && split.test.task == dataset.task)
    #expect(split.train.name == dataset.rawValue + "-train" && split.test.name == dataset.rawValue + "-test")
    if let classes = dataset.task.classCount {
      #expect(Set(split.train.labels) == Set(0..<classes) && Set(split.test.labels) == Set(0..<classes))
    }
  }

  @Test func irisIsStratifiedAndReproducible() throws {
    let a: DataSplit<Float> = try BuiltinDataset.iris.load(from: Self.directory, seed: 42, testFraction: 0.2)
    let b: DataSplit<Float> = try BuiltinDataset.iris.load(from: Self.directory, seed: 42)
    let c: DataSplit<Float> = try BuiltinDataset.iris.load(from: Self.directory, seed: 43)
    #expect((0..<3).map { k in a.test.labels.count { $0 == k } } == [10, 10, 10])
    #expect(a.train == b.train && a.test == b.test && a.test != c.test)
    let third: DataSplit<Float> = try BuiltinDataset.iris.load(from: Self.directory, seed: 0, testFraction: 1.0 / 3)
    #expect(third.train.count == 99 && third.test.count == 51)
  }

  @Test func namesAndErrors() throws {
    #expect(BuiltinDataset.allCases.map(\.rawValue) == ["mnist5k", "digits", "breast-cancer", "diabetes", "iris", "wine"])
    #expect(BuiltinDataset(rawValue: "breast-cancer") == .breastCancer)
    for fraction in [0.0, 1.0, -0.5, .nan] {
      let error = #expect(throws: DataError.self) {
        try BuiltinDataset.iris.load(from: Self.directory, seed: 0, testFraction: fraction) as DataSplit<Double>
      }
      #expect(describe(error).contains("test fraction"), "\(describe(error))")
    }
    let scratch = try DataTestScratch()
    defer { scratch.remove() }
    for dataset in BuiltinDataset.allCases {
      let error = #expect(throws: DataError.self) { try dataset.load(from: scratch.path, seed: 0) as DataSplit<Double> }
      guard case .unreadable(let path, _) = error else {
        Issue.record("expected .unreadable, got \(describe(error))")
        continue
      }
      #expect(path == scratch.path + "/" + dataset.fileNames[0])
    }
  }

  @Test func locatesTheDataDirectoryInTheDocumentedOrder() throws {
    let scratch = try DataTestScratch()
    defer { scratch.remove() }
    let fromVariable = scratch.path + "/custom"
    _ = try scratch.write("custom/iris.csv", text: "x,target\n1,0\n")
    _ = try scratch.write("repo/Data/iris.csv", text: "x,target\n1,0\n")
    _ = try scratch.write("empty/readme", text: "")
    let empty = scratch.path + "/empty"
    let repoData = scratch.path + "/repo/Data"
    let sixDeep = scratch.path + "/repo/1/2/3/4/5/6/tool"
    let sevenDeep = scratch.path + "/repo/1/2/3/4/5/6/7/tool"
    // 1. the environment variable wins, even over ./Data;
    #expect(
      BuiltinDataset.locateDataDirectory(
        environment: ["KALMANOPT_DATA": fromVariable], currentDirectory: scratch.path + "/repo", executable: sixDeep)
        == fromVariable)
    // 2. ./Data is next, when the variable names a directory without iris.csv;
    #expect(
      BuiltinDataset.locateDataDirectory(
        environment: ["KALMANOPT_DATA": empty], currentDirectory: scratch.path + "/repo", executable: "")
        == repoData)
    // 3. then Data beside an ancestor of the executable's directory, at most 6 levels up.
    #expect(BuiltinDataset.locateDataDirectory(environment: [:], currentDirectory: empty, executable: sixDeep) == repoData)
    #expect(BuiltinDataset.locateDataDirectory(environment: [:], currentDirectory: empty, executable: sevenDeep) == nil)
    #expect(BuiltinDataset.locateDataDirectory(environment: [:], currentDirectory: empty, executable: "") == nil)
    // The test runner itself is built inside this checkout.
    let found = try #require(BuiltinDataset.locateDataDirectory())
    #expect(FileManager.default.fileExists(atPath: found + "/iris.csv"))
  }
}
