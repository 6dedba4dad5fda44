import Models
import TestSupport
import Testing

@Suite("Train/test split", .tags(.property))
struct DataSplitTests {
  /// Classes of sizes 1, 2, 5, 37 and 100, interleaved; feature 0 is the example's index.
  static func unevenClasses() throws -> Dataset<Double> {
    let sizes = [1, 2, 5, 37, 100]
    var labels: [Int] = []
    var remaining = sizes
    while remaining.contains(where: { $0 > 0 }) {
      for c in remaining.indices where remaining[c] > 0 {
        labels.append(c)
        remaining[c] -= 1
      }
    }
    let features = labels.indices.flatMap { [Double($0), Double(labels[$0]) * 10] }
    return try Dataset(name: "uneven", featureCount: 2, features: features, labels: labels, task: .classification(classes: 5))
  }

  static func indices(_ data: Dataset<Double>) -> [Int] { (0..<data.count).map { Int(data.row($0).first ?? -1) } }

  @Test func stratifiedSplitIsDisjointCompleteAndPerClass() throws {
    let data = try Self.unevenClasses()
    let split = DataSplit.split(data, testFraction: 0.2, seed: 7)
    let train = Self.indices(split.train), test = Self.indices(split.test)
    #expect(Set(train).isDisjoint(with: test))
    #expect((train + test).sorted() == Array(0..<data.count))
    #expect(train == train.sorted() && test == test.sorted())
    // Per class: round(0.2·n), at least 1 and at most n − 1 once n ≥ 2.
    #expect((0..<5).map { c in split.test.labels.count { $0 == c } } == [0, 1, 1, 7, 20])
    #expect((0..<5).map { c in split.train.labels.count { $0 == c } } == [1, 1, 4, 30, 80])
    for part in [split.train, split.test] {
      for i in 0..<part.count { #expect(part.labels[i] == data.labels[Int(part.row(i)[part.row(i).startIndex])]) }
      #expect(part.task == data.task)
    }
    #expect(split.train.name == "uneven-train" && split.test.name == "uneven-test")
  }

  @Test func theSeedDecidesTheSplit() throws {
    let data = try Self.unevenClasses()
    let a = DataSplit.split(data, testFraction: 0.3, seed: 1)
    let b = DataSplit.split(data, testFraction: 0.3, seed: 1)
    let c = DataSplit.split(data, testFraction: 0.3, seed: 2)
    #expect(a.train == b.train && a.test == b.test)
    #expect(Self.indices(a.test) != Self.indices(c.test))
    #expect(a.test.count == c.test.count)
  }

  @Test func regressionSplitShufflesAllExamples() throws {
    let n = 101
    let data = try Dataset<Double>(
      name: "reg", featureCount: 1, features: (0..<n).map(Double.init), targets: (0..<n).map { Double($0) * 2 },
      task: .regression)
    let split = DataSplit.split(data, testFraction: 0.25, seed: 3)
    #expect(split.test.count == 25 && split.train.count == 76)
    let train = Self.indices(split.train), test = Self.indices(split.test)
    #expect((train + test).sorted() == Array(0..<n))
    #expect(split.test.targets == test.map { Double($0) * 2 })
    // Not simply the first or last quarter.
    #expect(test != Array(0..<25) && test != Array(76..<101))
    #expect(Self.indices(DataSplit.split(data, testFraction: 0.25, seed: 4).test) != test)
    let tiny = DataSplit.split(data.subset([0, 1]), testFraction: 0.01, seed: 0)
    #expect(tiny.test.count == 1 && tiny.train.count == 1)
  }
}
