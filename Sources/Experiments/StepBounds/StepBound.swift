import RealModule

/// Upper bounds on the size of one Adam or AdaMax step, in units of α.
///
/// Kingma & Ba (§2.1) state that Adam's effective step Δₜ = α·m̂ₜ/(√v̂ₜ + ε)
/// is approximately bounded:
/// ```
/// |Δₜ| ≤ α·(1 − β₁)/√(1 − β₂)   if (1 − β₁) > √(1 − β₂),   else |Δₜ| ≤ α      [OPT-ADAM-BOUND]
/// ```
/// The first case is exact for a single non-zero gradient after zeros (the
/// sparse case the paper discusses). For an arbitrary sequence Cauchy–Schwarz
/// on mₜ = (1 − β₁)Σⱼ β₁ʲ gₜ₋ⱼ against vₜ = (1 − β₂)Σⱼ β₂ʲ g²ₜ₋ⱼ gives
/// ```
/// |m̂ₜ|/√v̂ₜ ≤ (1 − β₁)/√(1 − β₂) · √(Σ_{j<t} (β₁²/β₂)ʲ) · √(1 − β₂ᵗ)/(1 − β₁ᵗ)      [OPT-ADAM-BOUND]
/// ```
/// attained by gradients of one sign growing like (β₂/β₁)ᵏ; for β₁² < β₂ it
/// tends to (1 − β₁)/√((1 − β₂)(1 − β₁²/β₂)), 2.30× the paper's value at
/// the defaults. ε only shrinks the step: |Δₜ| = α·(|m̂ₜ|/√v̂ₜ)·√v̂ₜ/(√v̂ₜ + ε).
///
/// AdaMax (§7.1): uₜ = max(β₂uₜ₋₁, |gₜ| + ε) ≥ β₂ʲ(|gₜ₋ⱼ| + ε), so
/// ```
/// |Δₜ| ≤ α(1 − β₁)/(1 − β₁ᵗ) · Σ_{j<t} (β₁/β₂)ʲ·|gₜ₋ⱼ|/(|gₜ₋ⱼ| + ε)  ≤  α(1 − β₁)/(1 − β₁/β₂)      [OPT-ADAMAX-BOUND]
/// ```
/// which is α for β₂ = 1 but 1.0091α at the defaults, attained by one-signed
/// gradients decaying like β₂ᵏ (then uₜ = |gₜ| at every step): the paper's
/// |Δₜ| ≤ α holds to within 1 %.
public struct StepBound: Sendable, Equatable {
  /// β₁.
  public var beta1: Double
  /// β₂.
  public var beta2: Double

  /// Bounds for these moment rates.
  public init(beta1: Double = 0.9, beta2: Double = 0.999) {
    precondition(beta1 >= 0 && beta1 < 1 && beta2 > 0 && beta2 < 1, "StepBound: β₁ ∈ [0, 1), β₂ ∈ (0, 1)")
    self.beta1 = beta1
    self.beta2 = beta2
  }

  /// The paper's bound on |Δ|/α for Adam: (1 − β₁)/√(1 − β₂) when (1 − β₁) > √(1 − β₂), else 1.   [OPT-ADAM-BOUND]
  public var paperAdam: Double {
    let ratio = (1 - beta1) / (1 - beta2).squareRoot()
    return ratio > 1 ? ratio : 1
  }

  /// The sparse case: |Δₜ|/α for one gradient at step t after t − 1 zeros,
  /// (1 − β₁)/(1 − β₁ᵗ)·√(1 − β₂ᵗ)/√(1 − β₂); it tends to the paper's bound as t grows.
  public func sparseAdam(step t: Int) -> Double {
    (1 - beta1) / (1 - Double.pow(beta1, Double(t))) * (1 - Double.pow(beta2, Double(t))).squareRoot() / (1 - beta2).squareRoot()
  }

  /// The Cauchy–Schwarz bound on |m̂ₜ|/√v̂ₜ at step t (≥ 1), which holds for every sequence.   [OPT-ADAM-BOUND]
  public func adam(step t: Int) -> Double {
    let ratio = beta1 * beta1 / beta2
    // Σ_{j<t} rʲ in closed form (r < 1 at any sensible β).
    let sum = ratio == 1 ? Double(t) : (1 - Double.pow(ratio, Double(t))) / (1 - ratio)
    return (1 - beta1) / (1 - beta2).squareRoot() * sum.squareRoot() * (1 - Double.pow(beta2, Double(t))).squareRoot()
      / (1 - Double.pow(beta1, Double(t)))
  }

  /// The supremum over t of ``adam(step:)``: (1 − β₁)/√((1 − β₂)(1 − β₁²/β₂)) (infinite when β₁² ≥ β₂).
  public var adamSupremum: Double {
    let ratio = beta1 * beta1 / beta2
    return ratio < 1 ? (1 - beta1) / ((1 - beta2) * (1 - ratio)).squareRoot() : .infinity
  }

  /// The supremum of AdaMax's |Δ|/α: (1 − β₁)/(1 − β₁/β₂) (infinite when β₁ ≥ β₂).   [OPT-ADAMAX-BOUND]
  public var adamaxSupremum: Double {
    beta1 < beta2 ? (1 - beta1) / (1 - beta1 / beta2) : .infinity
  }
}
