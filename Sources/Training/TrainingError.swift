/// A training run that cannot start or continue; the case picks the CLI's exit status.
public enum TrainingError: Error, Equatable, Sendable {
  /// A flag or plan value is wrong (exit 64).
  case usage(String)
  /// The data, a model/data combination or a checkpoint's contents are wrong (exit 65).
  case data(String)
  /// A file could not be read or written (exit 74).
  case io(String)
  /// A numerical failure during training (exit 65).
  case numerical(String)
}

extension TrainingError: CustomStringConvertible {
  public var description: String {
    switch self {
    case .usage(let s), .data(let s), .io(let s), .numerical(let s): return s
    }
  }
}
