import Foundation
import Models
import TestSupport
import Testing

@Suite("CSVTable loader", .tags(.conformance))
struct CSVTableTests {
  @Test func parsesHeaderRowsQuotesAndLineEnds() throws {
    let text = "a, \"b, with comma\",c\r\n1, 2.5 ,-3e-2\r\n\n\"4\",5,6\n"
    let table = try CSVTable.parse(text, source: "inline")
    #expect(table.columns == ["a", "b, with comma", "c"])
    #expect(table.rows == [[1, 2.5, -0.03], [4, 5, 6]])
    #expect(try table.columnIndex("c") == 2)
    #expect(try table.columnIndex("-1") == 2)
    #expect(try table.columnIndex("0") == 0)
    #expect(table.column(1) == [2.5, 5])
  }

  @Test(arguments: [
    ("x,y\n1,\n", 2, "y"), ("x,y\n1,2\n3,NA\n", 3, "y"), ("x,y\n1,2\nnan,4\n", 3, "x"), ("x,y\n1,inf\n", 2, "y"),
  ])
  func missingOrNonFiniteValuesNameFileLineAndColumn(text: String, line: Int, column: String) throws {
    #expect(throws: DataError.self) { try CSVTable.parse(text, source: "f.csv") }
    do {
      _ = try CSVTable.parse(text, source: "f.csv")
    } catch {
      guard case .badValue(let path, let l, let c, _) = error else {
        Issue.record("unexpected \(error)")
        return
      }
      #expect(path == "f.csv" && l == line && c == column)
      #expect(String(describing: error).hasPrefix("f.csv:\(line): column '\(column)'"))
    }
  }

  @Test(arguments: [
    ("", "empty file"), ("a,b\n", "no data rows"), ("a,b\n1,2,3\n", "3 fields"), ("a,a\n1,2\n", "repeats"),
    ("a,\n1,2\n", "no name"), ("a,b\n\"1,2\n", "unterminated"),
  ])
  func malformedFilesAreTypedErrors(text: String, fragment: String) {
    do {
      _ = try CSVTable.parse(text, source: "bad.csv")
      Issue.record("accepted malformed CSV")
    } catch {
      #expect(String(describing: error).contains(fragment), "\(error)")
      #expect(String(describing: error).hasPrefix("bad.csv"))
    }
  }

  /// Found by the CSV fuzzer: reading an empty file went through Foundation's
  /// `Data(contentsOf:)`, which leaks there; it is now refused before reading.
  @Test func anEmptyFileIsRefusedByNameBeforeItIsRead() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("kfopt-empty-\(UUID().uuidString).csv").path
    #expect(FileManager.default.createFile(atPath: path, contents: Data()))
    defer { try? FileManager.default.removeItem(atPath: path) }
    for load in [{ _ = try CSVTable.load(path: path) }, { _ = try CSVTable.loadAllowingMissing(path: path) }] {
      let message = (#expect(throws: DataError.self) { try load() })?.description ?? ""
      #expect(message.hasPrefix(path) && message.contains("empty file"), "\(message)")
    }
  }

  @Test func unknownColumnListsTheAvailableOnes() throws {
    let table = try CSVTable.parse("alpha,beta\n1,2\n", source: "t.csv")
    #expect(throws: DataError.noSuchColumn(path: "t.csv", column: "gamma", available: ["alpha", "beta"])) {
      try table.columnIndex("gamma")
    }
    #expect(throws: DataError.self) { try table.columnIndex("2") }
  }

  @Test func unreadableFileIsATypedError() {
    #expect(throws: DataError.self) { try CSVTable.load(path: Repository.data("no-such-file.csv")) }
  }

  @Test(arguments: [
    ("diabetes.csv", 442, 11), ("iris.csv", 150, 5), ("wine.csv", 178, 14), ("breast_cancer.csv", 569, 31),
    ("digits.csv", 1797, 65),
  ])
  func bundledDataSetsHaveTheDocumentedShapes(file: String, rows: Int, columns: Int) throws {
    let table = try CSVTable.load(path: Repository.data(file))
    #expect(table.rows.count == rows && table.columns.count == columns)
    #expect(table.columns.last == "target")
  }
}
