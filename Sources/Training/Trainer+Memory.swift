import Optimizers

extension Trainer {
  /// Refuses a run whose arrays alone would not fit in this machine's memory,
  /// before any of them is allocated (``MemoryBudget``).
  ///
  /// The estimate counts six arrays of the parameter count (θ, the gradient,
  /// up to three of optimizer state, the best θ kept for early stopping) and,
  /// for the full-covariance filters, the n × n covariance in Float64.
  static func checkMemory(parameters n: Int, plan: TrainingPlan) throws(TrainingError) {
    let fullCovariance = plan.optimizer == .kalman || plan.optimizer == .rls
    let bytes = MemoryBudget.bytes([[n, 6, MemoryLayout<Scalar>.stride]] + (fullCovariance ? [[n, n, MemoryLayout<Double>.stride]] : []))
    guard !MemoryBudget.fits(bytes) else { return }
    let what = fullCovariance ? "its \(n) × \(n) covariance (--optimizer \(plan.optimizer.rawValue)) needs" : "its parameters and optimizer state need"
    throw .usage("--model \(plan.model) has \(n) parameters: \(what) \(MemoryBudget.describe(bytes)), and this machine has \(MemoryBudget.machine)")
  }
}
