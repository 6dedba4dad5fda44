import Experiments
import Foundation
import TestSupport
import Testing

@Suite("Notebook support", .tags(.property))
struct NotebookSupportTests {
  @Test("markdown tables pad short rows and escape bars")
  func markdownTable() {
    var table = MarkdownTable(["a", "b|c"])
    table.append(["1"])
    table.append(["x|y", "2"])
    #expect(table.markdown == "| a | b\\|c |\n|---|---|\n| 1 |  |\n| x\\|y | 2 |")
  }

  @Test("mean ± sample standard deviation (ddof = 1)")
  func meanAndDeviation() {
    #expect(Formatting.meanAndDeviation([1, 2, 3]) == "2.00 ± 1.00")
    #expect(Formatting.meanAndDeviation([4.5]) == "4.50")
    #expect(Formatting.meanAndDeviation([]) == "–")
    #expect(Formatting.percent(0.12345) == "12.35")
  }

  @Test("a notebook writes its summary atomically into its output directory")
  func summaryFile() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kfopt-notebook-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: directory) }
    var options = NotebookOptions()
    options.out = directory + "/nested"
    var notebook = try Notebook(name: "Example", options: options)
    notebook.heading("Title", level: 1)
    notebook.bullets(["one", "two"])
    try notebook.finish()
    let text = try String(contentsOfFile: directory + "/nested/summary.md", encoding: .utf8)
    #expect(text == "# Title\n\n- one\n- two\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory + "/nested") == ["summary.md"])
  }

  @Test("an output directory that cannot be created is an I/O error naming it")
  func unwritableDirectory() throws {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("kfopt-file-\(UUID().uuidString)").path
    #expect(FileManager.default.createFile(atPath: file, contents: Data()))
    defer { try? FileManager.default.removeItem(atPath: file) }
    var options = NotebookOptions()
    options.out = file + "/sub"
    #expect {
      _ = try Notebook(name: "Example", options: options)
    } throws: { error in
      guard case NotebookError.io(let message) = error else { return false }
      return message.contains(file)
    }
  }
}
