/// A GitHub-flavoured markdown table, built row by row.
///
/// ```swift
/// var table = MarkdownTable(["p", "test error %"])
/// table.append(["1/8", "5.97"])
/// print(table.markdown)
/// ```
public struct MarkdownTable: Sendable, Equatable {
  /// The column titles.
  public var header: [String]
  /// The cells, one array per row; short rows are padded with empty cells.
  public var rows: [[String]] = []

  /// An empty table with these column titles.
  public init(_ header: [String]) {
    self.header = header
  }

  /// Adds a row of cells.
  public mutating func append(_ cells: [String]) {
    rows.append(cells)
  }

  /// The table as markdown, with `|` in cells escaped.
  public var markdown: String {
    let width = header.count
    func line(_ cells: [String]) -> String {
      let padded = cells + [String](repeating: "", count: Swift.max(0, width - cells.count))
      return "| " + padded.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |"
    }
    return ([line(header), "|" + String(repeating: "---|", count: width)] + rows.map(line)).joined(separator: "\n")
  }
}
