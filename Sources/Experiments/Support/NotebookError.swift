/// Why a notebook stopped.
public enum NotebookError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A file could not be read or written (exit status 74).
  case io(String)
  /// The data or a computation was not usable (exit status 65).
  case failed(String)

  public var description: String {
    switch self {
    case .io(let message), .failed(let message): message
    }
  }
}
