import Models
import TestSupport
import Testing

@Suite("Dataset", .tags(.conformance))
struct DatasetTests {
  @Test func validatesShapesLabelsAndFiniteness() {
    typealias Make = () throws(DataError) -> Dataset<Double>
    let two = LearningTask.classification(classes: 2)
    let cases: [(String, Make)] = [
      ("at least one feature", { () throws(DataError) in try Dataset(name: "d", featureCount: 0, features: [], task: .regression) }),
      ("do not form rows of 2", { () throws(DataError) in
        try Dataset(name: "d", featureCount: 2, features: [1, 2, 3], targets: [1], task: .regression) }),
      ("2 examples but 1 targets", { () throws(DataError) in
        try Dataset(name: "d", featureCount: 1, features: [1, 2], targets: [1], task: .regression) }),
      ("2 examples but 3 labels", { () throws(DataError) in
        try Dataset(name: "d", featureCount: 1, features: [1, 2], labels: [0, 1, 1], task: two) }),
      ("example 1 has label 2", { () throws(DataError) in
        try Dataset(name: "d", featureCount: 1, features: [1, 2], labels: [0, 2], task: two) }),
      ("example 0 has label -1", { () throws(DataError) in
        try Dataset(name: "d", featureCount: 1, features: [1, 2], labels: [-1, 0], task: two) }),
      ("feature 1 of example 1 is nan", { () throws(DataError) in
        try Dataset(name: "d", featureCount: 2, features: [1, 2, 3, .nan], labels: [0, 0], task: two) }),
      ("example 0 has target inf", { () throws(DataError) in
        try Dataset(name: "d", featureCount: 1, features: [1], targets: [.infinity], task: .regression) }),
      ("no regression targets", { () throws(DataError) in
        try Dataset(name: "d", featureCount: 1, features: [1], labels: [0], targets: [1], task: two) }),
      ("no class labels", { () throws(DataError) in
        try Dataset(name: "d", featureCount: 1, features: [1], labels: [0], targets: [1], task: .regression) }),
    ]
    for (fragment, make) in cases {
      let error = #expect(throws: DataError.self, "\(fragment)") { try make() }
      let message = describe(error)
      #expect(message.hasPrefix("d: ") && message.contains(fragment), "\(message)")
    }
  }

  @Test func subsetRowAndConversionKeepExamplesTogether() throws {
    let data = try Dataset<Double>(
      name: "d", featureCount: 2, features: [0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5], labels: [0, 1, 2, 1],
      task: .classification(classes: 3))
    #expect(data.count == 4 && Array(data.row(2)) == [2, 2.5])
    let picked = data.subset([3, 0, 3], name: "picked")
    #expect(picked.name == "picked" && picked.count == 3 && picked.task == data.task)
    #expect(picked.features == [3, 3.5, 0, 0.5, 3, 3.5] && picked.labels == [1, 0, 1])
    #expect(data.subset([]).count == 0 && data.subset([1]).name == "d")
    let single = data.converted(to: Float.self)
    #expect(single.features == [0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5] && single.labels == data.labels)
    #expect(single.converted(to: Double.self) == data)
    let regression = try Dataset<Double>(
      name: "r", featureCount: 1, features: [1, 2, 3], targets: [0.1, 0.2, 0.3], task: .regression)
    #expect(regression.subset([2, 0]).targets == [0.3, 0.1] && regression.subset([2]).labels.isEmpty)
    #expect(regression.converted(to: Float.self).targets == [0.1, 0.2, 0.3])
  }
}
