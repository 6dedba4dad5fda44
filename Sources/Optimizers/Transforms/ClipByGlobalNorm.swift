/// Scales the whole update down so that its Euclidean norm is at most `maximumNorm`.
///
/// ```
/// u ← u · min(1, c/‖u‖₂)                                            [OPT-CLIP]
/// ```
/// Placed first in a chain, it clips the gradient (torch's
/// `clip_grad_norm_`, optax's `clip_by_global_norm`).
public struct ClipByGlobalNorm<Scalar: OptimizerScalar>: GradientTransformation {
  /// c > 0: the largest norm let through.
  public let maximumNorm: Double

  /// Clips to norm `maximumNorm`.
  public init(maximumNorm: Double) {
    precondition(maximumNorm > 0, "ClipByGlobalNorm: maximumNorm must be > 0")
    self.maximumNorm = maximumNorm
  }

  public func initialState(for parameters: [Scalar]) -> Int { 0 }

  public func update(_ updates: inout [Scalar], state: inout Int, parameters: [Scalar]) {
    // Accumulate in Double so that Float gradients with 10⁷ entries keep their norm.
    var sumOfSquares = 0.0
    for u in updates { sumOfSquares += Double(u) * Double(u) }
    let norm = sumOfSquares.squareRoot()
    // [OPT-CLIP] u ← u·min(1, c/‖u‖)
    if norm > maximumNorm {
      let scale = Scalar(maximumNorm / norm)
      for i in updates.indices { updates[i] *= scale }
    }
    state += 1
  }
}
