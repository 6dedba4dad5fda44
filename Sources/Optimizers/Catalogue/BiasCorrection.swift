import RealModule

/// 1 − βᵗ, the bias correction of an exponential moving average started at 0
/// (computed in Double, as PyTorch computes it in Python floats).
@inlinable
func biasCorrection(_ beta: Double, step: Int) -> Double {
  1 - Double.pow(beta, Double(step))
}

/// Validates a β of an exponential moving average: 0 ≤ β < 1.
@inlinable
func checkBeta(_ beta: Double, _ name: String, _ owner: String) {
  precondition(beta >= 0 && beta < 1, "\(owner): \(name) must be in [0, 1), got \(beta)")
}
