/// A step an optimizer refuses, with what is needed to act on it.
public enum OptimizerError: Error, Equatable, Sendable {
  /// The gradient does not have one entry per parameter.
  case gradientCountMismatch(parameters: Int, gradient: Int)
  /// A gradient entry is NaN or infinite; the step was refused and nothing changed.
  case nonFiniteGradient(index: Int, step: Int)
  /// Saved parameters or state do not fit this optimizer.
  case stateMismatch(String)
  /// The optimizer cannot use the evidence it was given (wrong kind or shape).
  case evidenceUnsupported(String)
  /// A linear-algebra failure inside a full-covariance update; nothing changed.
  case numerical(String)
}

extension OptimizerError: CustomStringConvertible {
  public var description: String {
    switch self {
    case .gradientCountMismatch(let parameters, let gradient):
      return "gradient has \(gradient) entries for \(parameters) parameters"
    case .nonFiniteGradient(let index, let step):
      return "gradient entry \(index) is NaN or infinite at step \(step); the step was refused and the state is unchanged"
    case .stateMismatch(let reason):
      return "saved optimizer state does not fit: \(reason)"
    case .evidenceUnsupported(let reason), .numerical(let reason):
      return reason
    }
  }
}
