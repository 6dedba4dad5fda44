import Filtering
import Foundation
import RealModule

/// How fast AdaBayes' σ²_post approaches its fixed point under constant curvature.
///
/// One step of the filter maps the posterior variance s to
/// ```
/// f(s) = p/(1 + λp),   p = a²s + q                      [KF-P] then [KF-U]
/// ```
/// f is increasing and concave, and s* = f(s*) is the exact root [AB-SS]. So
/// from a start s₀ ≥ s* the iterates fall monotonically, and concavity bounds
/// the gap by the slope at the root:
/// ```
/// 0 ≤ s_t − s* ≤ ρᵗ (s₀ − s*),   ρ = f′(s*) = a²/(1 + λp*)² = a²(s*/p*)²     [AB-RELAX]
/// ```
/// In the small-step limit (a² = e^{−η²/σ²}, η² ≪ σ²) 1 − ρ ≈ η²(2/s* − 1/σ²),
/// so the relaxation time is
/// ```
/// τ = 1/(η²(2/s* − 1/σ²))  steps                       [AB-RELAX]
/// ```
/// which is σ²/η² in the SGD regime (s* → σ²) and s*/(2η²) in the Adam regime.
/// AdaBayes starts every parameter at s₀ = σ², above every fixed point.
public struct Relaxation: Sendable, Equatable {
  /// The prior dynamics (a, q).
  public let transition: ScalarTransition<Double>
  /// λ, the constant curvature (G² of the summed-loss gradient).
  public let curvature: Double

  /// The relaxation of the filter with `transition` under curvature `curvature`.
  public init(transition: ScalarTransition<Double>, curvature: Double) {
    self.transition = transition
    self.curvature = curvature
  }

  /// s*, the exact fixed point [AB-SS].
  public var fixedPoint: Double { SteadyState.exactPosteriorVariance(transition: transition, curvature: curvature) }

  /// ρ = f′(s*) = a²(s*/p*)², the contraction per step at the fixed point.
  public var contraction: Double {
    let a2 = transition.scale * transition.scale, s = fixedPoint
    let p = a2 * s + transition.noiseVariance
    // [AB-RELAX] ρ = a²(s*/p*)²
    return a2 * (s / p) * (s / p)
  }

  /// The bound on the relative gap (s_t − s*)/s* after `steps` steps from s₀:
  /// ρᵗ(s₀ − s*)/s*.
  public func gapBound(after steps: Int, from start: Double) -> Double {
    let s = fixedPoint
    return Foundation.pow(contraction, Double(steps)) * Swift.max(0, start - s) / s
  }

  /// τ = 1/(η²(2/s − 1/σ²)), the linearised relaxation time in steps, at variance `s`.
  ///
  /// - Parameters:
  ///   - learningRate: (η) the Adam-like rate.
  ///   - priorVariance: (σ²) the SGD-like rate.
  ///   - variance: (s) the fixed point σ²_post the filter relaxes to.
  public static func time(learningRate eta: Double, priorVariance sigma2: Double, variance s: Double) -> Double {
    // [AB-RELAX] τ = 1/(η²(2/s − 1/σ²))
    1 / (eta * eta * (2 / s - 1 / sigma2))
  }

  /// Eq. 20 over σ²: f(u) = 2u/(u + √(u² + 4)), u = (η/√⟨g²⟩)/σ² [AB-FP].
  public static func eq20Ratio(_ u: Double) -> Double {
    SteadyState.normalizedFixedPointVariance(u)
  }

  /// The linearised relaxation time at u, for rates η and σ²: τ at s = σ²·f(u).
  public static func time(learningRate eta: Double, priorVariance sigma2: Double, ratio u: Double) -> Double {
    time(learningRate: eta, priorVariance: sigma2, variance: sigma2 * eq20Ratio(u))
  }
}
