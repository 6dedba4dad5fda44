/// What a step does with a gradient that has a NaN or an infinity.
///
/// Either way the parameters and the optimizer state are left exactly as
/// they were: the gradient is scanned before anything is written.
public enum NonFiniteGradientPolicy: String, Sendable, Codable, CaseIterable {
  /// Throw ``OptimizerError/nonFiniteGradient(index:step:)`` naming the first bad entry (the default).
  case refuse
  /// Skip the step, and count it in `skippedSteps`.
  case skip
}
