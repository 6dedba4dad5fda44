import Foundation
import Models
import TestSupport
import Testing

@Suite("CSV data sets", .tags(.conformance))
struct CSVDatasetTests {
  @Test(arguments: [
    ("digits.csv", 1797, 64, LearningTask.classification(classes: 10)),
    ("breast_cancer.csv", 569, 30, .classification(classes: 2)),
    ("diabetes.csv", 442, 10, .regression),
    ("iris.csv", 150, 4, .classification(classes: 3)),
    ("wine.csv", 178, 13, .classification(classes: 3)),
  ])
  func builtInFilesHaveTheDocumentedShapeAndTask(file: String, count: Int, features: Int, task: LearningTask) throws {
    let data = try Dataset<Double>.load(path: Repository.data(file))
    #expect(data.count == count && data.featureCount == features && data.task == task)
    #expect(data.features.count == count * features)
    #expect(data.name == Repository.data(file))
    if task == .regression {
      #expect(data.labels.isEmpty && data.targets.count == count)
      #expect(data.targets.min() == 25 && data.targets.max() == 346)
    } else {
      #expect(data.targets.isEmpty && data.labels.count == count)
      #expect(Set(data.labels) == Set(0..<(task.classCount ?? 0)))
    }
  }

  @Test func irisClassCountsAndFirstRowMatchTheFile() throws {
    let iris = try Dataset<Double>.load(path: Repository.data("iris.csv"), task: .classification)
    #expect((0..<3).map { c in iris.labels.count { $0 == c } } == [50, 50, 50])
    #expect(Array(iris.row(0)) == [5.1, 3.5, 1.4, 0.2])
    #expect(iris.labels[0] == 0)
  }

  @Test(arguments: ["petal_width_cm", "3", "-2"])
  func targetByNameOrIndex(spec: String) throws {
    let data = try Dataset<Double>.load(path: Repository.data("iris.csv"), target: spec)
    #expect(data.task == .regression)  // 0.2, 1.3, … are not classes
    #expect(data.featureCount == 4)
    #expect(Array(data.row(0)) == [5.1, 3.5, 1.4, 0])  // the class column is now a feature
    #expect(data.targets[0] == 0.2)
  }

  @Test func explicitTasksOverrideTheGuess() throws {
    let asRegression = try Dataset<Float>.load(path: Repository.data("iris.csv"), target: "-1", task: .regression, name: "r")
    #expect(asRegression.task == .regression && asRegression.targets.prefix(1) == [0] && asRegression.name == "r")
    let diabetesAsClasses = try Dataset<Double>.load(path: Repository.data("diabetes.csv"), task: .classification)
    #expect(diabetesAsClasses.task == .classification(classes: 347))
  }

  @Test func autoNeedsAtMost100DistinctNonNegativeIntegers() throws {
    let scratch = try DataTestScratch()
    defer { scratch.remove() }
    let hundred = try scratch.write("a.csv", text: "x,y\n" + (0..<100).map { "1,\($0)\n" }.joined())
    #expect(try Dataset<Double>.load(path: hundred).task == .classification(classes: 100))
    let many = try scratch.write("b.csv", text: "x,y\n" + (0..<101).map { "1,\($0)\n" }.joined())
    #expect(try Dataset<Double>.load(path: many).task == .regression)
    let negative = try scratch.write("c.csv", text: "x,y\n1,0\n2,-1\n")
    #expect(try Dataset<Double>.load(path: negative).task == .regression)
    let gaps = try scratch.write("d.csv", text: "x,y\n1,0\n2,4\n")
    #expect(try Dataset<Double>.load(path: gaps).task == .classification(classes: 5))
  }

  @Test(arguments: [
    ("a,target\n1,0\n\n2,1.5\n3,1\n", 4, "1.5"),
    ("a,target\n1,0\n2,-1\n", 3, "-1"),
    ("  \na,target\r\n1,1e9\r\n", 3, "1000000000"),
  ])
  func nonIntegerClassesNameFileLineAndValue(text: String, line: Int, value: String) throws {
    let scratch = try DataTestScratch()
    defer { scratch.remove() }
    let path = try scratch.write("classes.csv", text: text)
    let error = #expect(throws: DataError.self) { try Dataset<Double>.load(path: path, task: .classification) }
    let message = describe(error)
    #expect(message.hasPrefix("\(path):\(line): target column 'target' has \(value)"), "\(message)")
  }

  @Test(arguments: [
    ("a,target\n1,0\n2,NaN\n", "3: column 'target'"),
    ("a,target\n1,0\n,1\n", "3: column 'a' has an empty field"),
    ("a,target\n1,0\n2,1\n3\n", "4: 1 fields, the header has 2"),
  ])
  func missingValuesAndRaggedRowsNameFileAndLine(text: String, fragment: String) throws {
    let scratch = try DataTestScratch()
    defer { scratch.remove() }
    let path = try scratch.write("bad.csv", text: text)
    let error = #expect(throws: DataError.self) { try Dataset<Double>.load(path: path) }
    let message = describe(error)
    #expect(message.hasPrefix("\(path):\(fragment)"), "\(message)")
  }

  @Test func unknownTargetAndFeaturelessFilesAreErrors() throws {
    let scratch = try DataTestScratch()
    defer { scratch.remove() }
    let path = try scratch.write("t.csv", text: "a,b\n1,2\n")
    #expect(throws: DataError.noSuchColumn(path: path, column: "label", available: ["a", "b"])) {
      try Dataset<Double>.load(path: path, target: "label")
    }
    let single = try scratch.write("single.csv", text: "target\n1\n")
    let error = #expect(throws: DataError.self) { try Dataset<Double>.load(path: single) }
    #expect(describe(error).hasPrefix(single) && describe(error).contains("no feature columns"))
    #expect(throws: DataError.self) { try Dataset<Double>.load(path: scratch.path + "/absent.csv") }
  }
}
