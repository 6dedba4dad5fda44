/// What a step does with a gradient that has a NaN or an infinity.
///
/// Under `refuse` and `skip` the parameters and the optimizer state are left
/// exactly as they were: the gradient is scanned before anything is written,
/// one more read of it per step (see Documentation/Performance.md for what
/// that costs). `propagate` does no scan.
public enum NonFiniteGradientPolicy: String, Sendable, Codable, CaseIterable {
  /// Throw ``OptimizerError/nonFiniteGradient(index:step:)`` naming the first bad entry (the default).
  case refuse
  /// Skip the step, and count it in `skippedSteps`.
  case skip
  /// No scan: the step runs on the gradient as given, as torch.optim does, and
  /// NaN or ∞ reach the parameters and state. For steps where the extra read
  /// matters and something else watches for divergence (`kfopt train` stops
  /// on a non-finite loss).
  case propagate
}
