import Models
import RealModule

/// A named sequence of scalar gradients, fed to one parameter to probe the step bounds.
///
/// The adversarial cases are the ones where a bound is tight: a lone spike
/// after a long silence (Adam's sparse case, the paper's α(1 − β₁)/√(1 − β₂)),
/// one-signed gradients changing at the rate that keeps the moments furthest
/// apart (Adam: growing like (β₂/β₁)ᵏ reaches the Cauchy–Schwarz bound;
/// AdaMax: decaying like β₂ᵏ keeps uₜ = |gₜ| and reaches (1 − β₁)/(1 − β₁/β₂)), and gradients at the scale of ε, where ε decides
/// the step. A constant gradient (|Δ| = α) and heavy-tailed noise are the
/// ordinary cases.
public struct GradientSequence: Sendable, Equatable {
  /// A short description for tables and legends.
  public var name: String
  /// g₁, g₂, …
  public var gradients: [Double]

  /// A sequence from its parts.
  public init(name: String, gradients: [Double]) {
    self.name = name
    self.gradients = gradients
  }

  /// g = `value` at every step.
  public static func constant(_ value: Double, steps: Int) -> GradientSequence {
    GradientSequence(name: "constant g = \(value)", gradients: [Double](repeating: value, count: steps))
  }

  /// Zeros with one gradient `size` at step `at` (1-based).
  public static func spike(at step: Int, steps: Int, size: Double = 1) -> GradientSequence {
    GradientSequence(name: "one spike at step \(step)", gradients: (1...steps).map { $0 == step ? size : 0 })
  }

  /// Zeros with a gradient `size` every `period` steps (a rarely active feature).
  public static func periodicSpikes(every period: Int, steps: Int, size: Double = 1) -> GradientSequence {
    GradientSequence(name: "spike every \(period) steps", gradients: (1...steps).map { $0 % period == 0 ? size : 0 })
  }

  /// gₖ = max(rᵏ⁻ⁿ, 1e-100) for k = 1…n: one-signed, multiplied by `ratio` each
  /// step (once above the floor), the last equal to 1. The floor keeps g² a
  /// normal Double: a gradient whose square underflows to 0 would leave v̂ = 0
  /// beside m ≠ 0, which no real-number bound describes.
  public static func geometric(ratio: Double, steps: Int, name: String) -> GradientSequence {
    GradientSequence(name: name, gradients: (1...steps).map { Swift.max(Double.pow(ratio, Double($0 - steps)), 1e-100) })
  }

  /// Gaussian noise with a log-normal scale, g = ξ·e^{spread·ζ} (heavy tails), drawn from `seed`.
  public static func heavyTailedNoise(steps: Int, spread: Double = 2, seed: UInt64) -> GradientSequence {
    var generator = SplitMix64(seed: seed)
    return GradientSequence(
      name: "heavy-tailed noise", gradients: (0..<steps).map { _ in generator.nextGaussian() * Double.exp(spread * generator.nextGaussian()) })
  }

  /// The adversarial and ordinary sequences the notebook runs, `steps` long.
  public static func catalogue(steps: Int, beta1: Double = 0.9, beta2: Double = 0.999, seed: UInt64) -> [GradientSequence] {
    [
      constant(-3, steps: steps),
      spike(at: steps * 4 / 5, steps: steps),
      periodicSpikes(every: 500, steps: steps),
      geometric(ratio: beta2 / beta1, steps: steps, name: "growing like (β₂/β₁)ᵏ"),
      geometric(ratio: beta2, steps: steps, name: "decaying like β₂ᵏ"),
      GradientSequence(name: "constant g = 1e-8 (= ε)", gradients: [Double](repeating: 1e-8, count: steps)),
      heavyTailedNoise(steps: steps, seed: seed),
    ]
  }
}
