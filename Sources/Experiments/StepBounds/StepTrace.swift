import Optimizers

/// The steps one optimizer takes on a ``GradientSequence``, in units of α,
/// beside the bound that holds at each step with ε accounted for exactly.
public struct StepTrace: Sendable, Equatable {
  /// |Δₜ|/α, t = 1…n.
  public var ratios: [Double]
  /// The bound on |Δₜ|/α at each step, ε included (see ``StepBound``).
  public var bounds: [Double]

  /// The largest |Δₜ|/α and its step (1-based).
  public var largest: (ratio: Double, step: Int) {
    var best = (ratio: 0.0, step: 0)
    for (t, r) in ratios.enumerated() where r > best.ratio { best = (r, t + 1) }
    return best
  }

  /// max over t of (|Δₜ|/α)/boundₜ (steps with a zero bound must have a zero step; they count as 0, or ∞ if not).
  public var largestFractionOfBound: Double {
    zip(ratios, bounds).map { r, b in b > 0 ? r / b : (r == 0 ? 0 : .infinity) }.max() ?? 0
  }

  /// Adam (Double, the update form, so no parameter subtraction rounds |Δ|) on `sequence`.
  ///
  /// The bound at step t is ``StepBound/adam(step:)`` times √v̂ₜ/(√v̂ₜ + ε).   [OPT-ADAM-BOUND]
  public static func adam(_ sequence: GradientSequence, learningRate alpha: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8)
    -> StepTrace
  {
    let adam = Adam<Double>(learningRate: alpha, beta1: beta1, beta2: beta2, epsilon: epsilon)
    let bound = StepBound(beta1: beta1, beta2: beta2)
    var theta = [0.0], state = adam.initialState(for: theta)
    var ratios: [Double] = [], bounds: [Double] = []
    for (t, g) in sequence.gradients.enumerated() {
      var update = [g]
      adam.update(&update, state: &state, parameters: theta)
      theta[0] += update[0]
      let root = (adam.meanSquaredGradients(state: state)?.first ?? 0).squareRoot()
      ratios.append(abs(update[0]) / alpha)
      bounds.append(root == 0 ? 0 : bound.adam(step: t + 1) * root / (root + epsilon))
    }
    return StepTrace(ratios: ratios, bounds: bounds)
  }

  /// AdaMax (Double, update form) on `sequence`.
  ///
  /// The bound at step t is (1 − β₁)/(1 − β₁ᵗ)·Sₜ with Sₜ = |gₜ|/(|gₜ| + ε) + (β₁/β₂)Sₜ₋₁.   [OPT-ADAMAX-BOUND]
  public static func adamax(_ sequence: GradientSequence, learningRate alpha: Double = 2e-3, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8)
    -> StepTrace
  {
    let adamax = Adamax<Double>(learningRate: alpha, beta1: beta1, beta2: beta2, epsilon: epsilon)
    var theta = [0.0], state = adamax.initialState(for: theta)
    var ratios: [Double] = [], bounds: [Double] = []
    var sum = 0.0, beta1Power = 1.0
    for g in sequence.gradients {
      var update = [g]
      adamax.update(&update, state: &state, parameters: theta)
      theta[0] += update[0]
      sum = (abs(g) + epsilon > 0 ? abs(g) / (abs(g) + epsilon) : 0) + beta1 / beta2 * sum
      beta1Power *= beta1
      ratios.append(abs(update[0]) / alpha)
      bounds.append((1 - beta1) / (1 - beta1Power) * sum)
    }
    return StepTrace(ratios: ratios, bounds: bounds)
  }
}
