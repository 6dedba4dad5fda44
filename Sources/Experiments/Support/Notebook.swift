import FileOutput
import Foundation
import Plotting

/// A notebook run: prints its markdown summary as it goes, writes plots into
/// its output directory and, at the end, the whole summary to `summary.md`.
///
/// ```swift
/// var notebook = try Notebook(name: "PadamExponent", options: options)
/// notebook.heading("Padam: the partial exponent p")
/// notebook.table(table)
/// try notebook.figure(plot.svg(), named: "sweep")
/// try notebook.finish()
/// ```
/// Every file is written atomically, so an interrupted run leaves the
/// previous files, never half of one.
public struct Notebook: Sendable {
  /// The notebook's name (its executable and its default output folder).
  public let name: String
  /// The options it was started with.
  public let options: NotebookOptions
  /// Where its files go.
  public let outputDirectory: String
  /// The markdown printed so far.
  public private(set) var summary: [String] = []

  /// Prepares the output directory (`--out`, or `out/notebooks/<name>`).
  ///
  /// - Throws: ``NotebookError/io(_:)`` when the directory cannot be created.
  public init(name: String, options: NotebookOptions) throws(NotebookError) {
    self.name = name
    self.options = options
    outputDirectory = options.out ?? "out/notebooks/\(name)"
    do {
      try OutputDirectory.create(outputDirectory)
    } catch {
      throw .io(error.description)
    }
  }

  /// Whether this is the small CI run.
  public var isQuick: Bool { options.quick }

  /// Prints a markdown heading (`level` 1 is the title).
  public mutating func heading(_ text: String, level: Int = 2) {
    emit(String(repeating: "#", count: Swift.max(1, level)) + " " + text)
  }

  /// Prints a paragraph.
  public mutating func paragraph(_ text: String) {
    emit(text)
  }

  /// Prints a bulleted list.
  public mutating func bullets(_ items: [String]) {
    emit(items.map { "- " + $0 }.joined(separator: "\n"))
  }

  /// Prints a table.
  public mutating func table(_ table: MarkdownTable) {
    emit(table.markdown)
  }

  /// Writes `svg` to `<out>/<name>.svg` and, when `rsvg-convert` is installed,
  /// `<out>/<name>.png`; the summary links the picture.
  ///
  /// - Throws: ``NotebookError/io(_:)`` when a file cannot be written.
  public mutating func figure(_ svg: String, named fileName: String, caption: String) throws(NotebookError) {
    let base = outputDirectory + "/" + fileName
    do {
      try SVGFile.write(svg, to: base + ".svg")
      if PNGRenderer.isAvailable {
        try PNGRenderer.render(svg: svg, to: base + ".png")
        emit("![\(caption)](\(fileName).png)")
      } else {
        emit("![\(caption)](\(fileName).svg) (no PNG: \(PlotError.rendererMissing.description))")
      }
    } catch {
      throw .io(error.description)
    }
  }

  /// Writes a text file (a CSV, say) into the output directory.
  public func write(_ text: String, named fileName: String) throws(NotebookError) {
    do {
      try AtomicFile.write(text, to: outputDirectory + "/" + fileName)
    } catch {
      throw .io(error.description)
    }
  }

  /// Writes the whole summary to `<out>/summary.md` and says where it is.
  public func finish() throws(NotebookError) {
    try write(summary.joined(separator: "\n\n") + "\n", named: "summary.md")
    FileHandle.standardError.write(Data("\(name): wrote \(outputDirectory)/summary.md\n".utf8))
  }

  private mutating func emit(_ block: String) {
    summary.append(block)
    print(block + "\n")
  }
}
