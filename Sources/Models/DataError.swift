/// A problem with an input file or data set, naming where it is.
///
/// Loaders never trap on bad input: every malformed byte or value becomes
/// one of these, with the file and (where it applies) the 1-based line and
/// column, so the message can be acted on.
public enum DataError: Error, Equatable, Sendable {
  /// The file could not be read (missing, unreadable, not a regular file).
  case unreadable(path: String, reason: String)
  /// The contents are malformed at a line (CSV) or byte offset (IDX).
  case malformed(path: String, line: Int?, reason: String)
  /// A value is missing or not a finite number.
  case badValue(path: String, line: Int, column: String, text: String)
  /// A named or numbered column does not exist.
  case noSuchColumn(path: String, column: String, available: [String])
  /// The data set is too small or inconsistent for the requested use.
  case invalid(path: String, reason: String)
}

extension DataError: CustomStringConvertible {
  public var description: String {
    switch self {
    case .unreadable(let path, let reason):
      return "\(path): cannot read: \(reason)"
    case .malformed(let path, let line, let reason):
      return line.map { "\(path):\($0): \(reason)" } ?? "\(path): \(reason)"
    case .badValue(let path, let line, let column, let text):
      let shown = text.isEmpty ? "an empty field" : "'\(text)'"
      return "\(path):\(line): column '\(column)' has \(shown), expected a finite number (missing values are not accepted)"
    case .noSuchColumn(let path, let column, let available):
      let list = available.prefix(12).joined(separator: ", ") + (available.count > 12 ? ", …" : "")
      return "\(path): no column '\(column)'; columns are: \(list)"
    case .invalid(let path, let reason):
      return "\(path): \(reason)"
    }
  }
}
