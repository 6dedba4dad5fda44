/// Why writing or rendering a plot failed.
public enum PlotError: Error, Sendable, Equatable, CustomStringConvertible {
  /// `rsvg-convert`, the SVG-to-PNG renderer, was not found.
  case rendererMissing
  /// The renderer ran but exited with a non-zero status or wrote no image.
  case rendererFailed(status: Int32, message: String)
  /// A file could not be written (or renamed into place).
  case writeFailed(path: String, reason: String)
  /// A rendering parameter was out of range (for example a non-positive scale).
  case invalidArgument(String)

  /// A sentence for the user, saying what to do about it where there is something to do.
  public var description: String {
    switch self {
    case .rendererMissing:
      return "rsvg-convert (the SVG-to-PNG renderer) was not found on PATH; "
        + "install it with `sudo apt-get install librsvg2-bin` (or run `make deps`). "
        + "The SVG files can still be opened in any web browser."
    case .rendererFailed(let status, let message):
      let detail = message.trimmingWhitespace()
      return "rsvg-convert failed with exit status \(status)" + (detail.isEmpty ? "" : ": \(detail)")
    case .writeFailed(let path, let reason):
      return "could not write \(path): \(reason)"
    case .invalidArgument(let message):
      return "invalid argument: \(message)"
    }
  }
}

extension String {
  /// The string without leading and trailing spaces, tabs and newlines.
  func trimmingWhitespace() -> String {
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }
    guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
    return String(self[first...last])
  }
}
