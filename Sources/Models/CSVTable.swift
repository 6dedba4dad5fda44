import Foundation

/// A numeric table read from a CSV file with a header row.
///
/// Format: one header row of column names, then one row per record, fields
/// separated by commas. Fields may be quoted with `"` (a quote inside is
/// doubled); surrounding spaces are ignored; `\n` and `\r\n` line ends are
/// accepted and blank lines are skipped. Every field after the header must be
/// a finite decimal number: missing values (an empty field, `NA`, `NaN`, …)
/// are rejected with the file, line and column, never imputed.
public struct CSVTable: Equatable, Sendable {
  /// The column names, from the header row.
  public let columns: [String]
  /// The records, each with one value per column.
  public let rows: [[Double]]
  /// Where the table came from (a path, or a label for in-memory text).
  public let source: String

  /// Reads and parses a CSV file.
  ///
  /// - Throws: ``DataError`` naming the file and line of the first problem.
  public static func load(path: String) throws(DataError) -> CSVTable {
    try parse(readText(path: path), source: path)
  }

  /// The UTF-8 text of the file at `path`.
  ///
  /// An empty file is refused before it is read (FoundationEssentials'
  /// `Data(contentsOf:)` leaks a 4 KiB buffer on an empty file, which the
  /// CSV fuzzer's leak sanitizer reports).
  static func readText(path: String) throws(DataError) -> String {
    var status = stat()
    if stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG, status.st_size == 0 {
      throw .malformed(path: path, line: nil, reason: "empty file (a CSV file needs a header line)")
    }
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw .unreadable(path: path, reason: (error as NSError).localizedDescription)
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw .malformed(path: path, line: nil, reason: "not UTF-8 text")
    }
    return text
  }

  /// Parses CSV text; `source` names it in errors.
  ///
  /// - Throws: ``DataError`` naming the line of the first problem.
  public static func parse(_ text: String, source: String) throws(DataError) -> CSVTable {
    let (columns, rows) = try parseCells(text, source: source, allowMissing: false)
    return CSVTable(columns: columns, rows: rows.map { $0.map { $0 ?? .nan } }, source: source)
  }

  /// Reads a CSV file in which an empty cell means a missing value (`nil`),
  /// as observation files of a state-space model allow; any other
  /// non-numeric text is still an error naming the line and column.
  public static func loadAllowingMissing(path: String) throws(DataError) -> (columns: [String], rows: [[Double?]]) {
    try parseCells(readText(path: path), source: path, allowMissing: true)
  }

  /// The parser behind both entry points: header, rows of numbers, empty cells `nil` when allowed.
  static func parseCells(_ text: String, source: String, allowMissing: Bool) throws(DataError) -> (columns: [String], rows: [[Double?]]) {
    var header: [String]?
    var rows: [[Double?]] = []
    var lineNumber = 0
    // "\r\n" is a single Character in Swift, so both line ends are separators.
    var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
    let isBlank = { (line: Substring) in line.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\r" } }
    while let last = lines.last, isBlank(last) { lines.removeLast() }
    for rawLine in lines {
      lineNumber += 1
      var line = Substring(rawLine)
      if line.last == "\r" { line = line.dropLast() }
      // A blank line is skipped, except inside the data of a table that allows
      // missing values, where it is a row of empty cells (one missing observation).
      if isBlank(line) && !(allowMissing && header != nil) { continue }
      let fields = isBlank(line) ? [String](repeating: "", count: header?.count ?? 1) : try splitFields(line, source: source, line: lineNumber)
      guard let names = header else {
        header = try validatedHeader(fields, source: source, line: lineNumber)
        continue
      }
      guard fields.count == names.count else {
        throw .malformed(path: source, line: lineNumber, reason: "\(fields.count) fields, the header has \(names.count)")
      }
      var row = [Double?]()
      row.reserveCapacity(fields.count)
      for (k, field) in fields.enumerated() {
        if allowMissing && field.isEmpty {
          row.append(nil)
          continue
        }
        guard let value = Double(field), value.isFinite else {
          throw .badValue(path: source, line: lineNumber, column: names[k], text: field)
        }
        row.append(value)
      }
      rows.append(row)
    }
    guard let columns = header else { throw .malformed(path: source, line: nil, reason: "empty file: no header row") }
    guard !rows.isEmpty else { throw .invalid(path: source, reason: "no data rows after the header") }
    return (columns, rows)
  }

  /// The index of a column given by name, or by a 0-based index (negative
  /// counts from the end, so `-1` is the last column).
  ///
  /// - Throws: ``DataError/noSuchColumn(path:column:available:)``.
  public func columnIndex(_ spec: String) throws(DataError) -> Int {
    if let k = columns.firstIndex(of: spec) { return k }
    if let k = Int(spec) {
      let index = k < 0 ? columns.count + k : k
      if index >= 0 && index < columns.count { return index }
    }
    throw .noSuchColumn(path: source, column: spec, available: columns)
  }

  /// The values of column k.
  public func column(_ k: Int) -> [Double] { rows.map { $0[k] } }

  // MARK: - Parsing helpers

  private static func validatedHeader(_ fields: [String], source: String, line: Int) throws(DataError) -> [String] {
    var seen = Set<String>()
    for (k, name) in fields.enumerated() {
      if name.isEmpty { throw .malformed(path: source, line: line, reason: "header column \(k + 1) has no name") }
      if !seen.insert(name).inserted { throw .malformed(path: source, line: line, reason: "header repeats column '\(name)'") }
    }
    return fields
  }

  /// Splits one line into trimmed fields, honouring double-quoted fields.
  private static func splitFields(_ line: Substring, source: String, line number: Int) throws(DataError) -> [String] {
    var fields: [String] = []
    var current = ""
    var inQuotes = false
    var wasQuoted = false
    var iterator = line.makeIterator()
    while let c = iterator.next() {
      if inQuotes {
        if c == "\"" {
          // A doubled quote is a literal quote; a single one closes the field.
          var lookahead = iterator
          if lookahead.next() == "\"" {
            current.append("\"")
            iterator = lookahead
          } else {
            inQuotes = false
          }
        } else {
          current.append(c)
        }
      } else if c == "," {
        fields.append(wasQuoted ? current : current.trimmingCharacters(in: .whitespaces))
        current = ""
        wasQuoted = false
      } else if c == "\"" && current.allSatisfy({ $0 == " " }) {
        current = ""
        inQuotes = true
        wasQuoted = true
      } else {
        current.append(c)
      }
    }
    if inQuotes { throw .malformed(path: source, line: number, reason: "unterminated quoted field") }
    fields.append(wasQuoted ? current : current.trimmingCharacters(in: .whitespaces))
    return fields
  }
}
