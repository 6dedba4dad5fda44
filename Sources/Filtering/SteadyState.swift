import RealModule

/// Stationary posterior variances of the scalar filter under constant curvature.
///
/// Iterating `predicted(by:)` then `updated(with:)` with a fixed curvature λ
/// drives the posterior variance s to the positive root of the scalar
/// discrete Riccati equation. Two expressions are provided:
///
/// * ``exactPosteriorVariance(transition:curvature:)``: that root, exact for
///   any transition (a, q):
///   ```
///   s = (a²s + q) / (1 + λ(a²s + q))
///   ⇔ λa²·s² + (1 − a² + λq)·s − q = 0                       [AB-SS]
///   ```
/// * ``fixedPointPrecision(learningRate:priorVariance:meanSquaredGradient:)``:
///   the AdaBayes paper's closed form (Eq. 20), which AdaBayes-FP uses:
///   ```
///   1/σ²₊ = 1/(2σ²) + √(1/(4σ⁴) + ⟨g²⟩/η²)                  [AB-FP]
///   ```
///
/// When they differ: Eq. 20 is the continuous-time limit. In precision
/// form the exact OU root solves P² − (1/σ² + λ)·P − λa²/(σ²(1 − a²)) = 0,
/// while Eq. 20 solves P² − P/σ² − λ/η² = 0: it drops the "+λ" in the
/// linear coefficient and the O(η²/σ²) part of a²/(1 − a²) = σ²/η² − ½ + ….
/// To first order the two precisions differ by λ/2, so Eq. 20's variance is
/// high by the relative amount
/// ```
/// (s_Eq20 − s_exact)/s_exact ≈ λ·s/2                        [AB-FP-GAP]
/// ```
/// which is ≈ η√λ/2 in the Adam regime (s ≈ η/√λ) and ≈ λσ²/2 in the SGD
/// regime (s ≈ σ²). Numbers (η = 1e-3, σ² = 0.1/128, OU prior): λ = 1 gives
/// Eq. 20 = 5.472658e-4 against the exact 5.471160e-4 (+0.027 %); λ = 10⁴ gives
/// 9.936205e-6 against 9.454747e-6 (+5.1 %).
public enum SteadyState {
  /// The exact stationary posterior variance of the filter
  /// (`transition`, constant curvature λ): the positive root of [AB-SS].
  ///
  /// Evaluated in the cancellation-free form s = 2q / (b + √(b² + 4λa²q)) with
  /// b = (1 − a)(1 + a) + λq. With λ = 0 this is the stationary variance
  /// q/(1 − a²) (+∞ for a random walk).
  ///
  /// - Precondition: `curvature ≥ 0`.
  @inlinable
  public static func exactPosteriorVariance<Scalar: Real>(
    transition: ScalarTransition<Scalar>, curvature lambda: Scalar
  ) -> Scalar {
    precondition(lambda >= 0, "SteadyState.exactPosteriorVariance: curvature must be ≥ 0")
    let a = transition.scale, q = transition.noiseVariance
    // [AB-SS] λa²s² + (1 − a² + λq)s − q = 0, positive root
    let b = (1 - a) * (1 + a) + lambda * q
    let discriminant = b * b + 4 * lambda * a * a * q
    return 2 * q / (b + discriminant.squareRoot())
  }

  /// The AdaBayes fixed-point precision 1/σ²₊ of Eq. 20.
  ///
  /// ```
  /// 1/σ²₊ = 1/(2σ²) + √(1/(4σ⁴) + ⟨g²⟩/η²)                  [AB-FP]
  /// ```
  /// Limits: ⟨g²⟩ → 0 gives 1/σ² (SGD with rate σ²), [AB-LIM-SGD]; ⟨g²⟩ → ∞
  /// gives √⟨g²⟩/η (Adam with rate η), [AB-LIM-ADAM]; σ² = ∞ gives exactly
  /// √⟨g²⟩/η (AdamW, Eq. 26), [AB-LIM-ADAMW].
  ///
  /// - Parameters:
  ///   - learningRate: (η) the Adam-like rate, √ of the drift variance per step.
  ///   - priorVariance: (σ²) the SGD-like rate; may be +∞.
  ///   - meanSquaredGradient: (⟨g²⟩) of the summed-loss gradient.
  /// - References: [AB20] Eqs. 19–20, Alg. 2.
  @inlinable
  public static func fixedPointPrecision<Scalar: FilterScalar>(
    learningRate eta: Scalar, priorVariance sigma2: Scalar, meanSquaredGradient g2: Scalar
  ) -> Scalar {
    fixedPointPrecision(learningRate: eta, priorVariance: sigma2, rootMeanSquareGradient: Scalar.kernelSquareRoot(g2), epsilon: 0)
  }

  /// Eq. 20 from the root mean square √⟨g²⟩, with ε added to ⟨g²⟩ as
  /// AdaBayes-FP does; no square in it overflows or underflows ([RANGE]),
  /// so a float32 ⟨g²⟩ of 10⁴⁰ (gradients of 10²⁰) still gives σ²₊ ≈ η/10²⁰.
  ///
  /// ```
  /// 1/σ²₊ = 1/(2σ²) + √((1/(2σ²))² + (√⟨g²⟩/η)² + ε/η²)     [AB-FP] [RANGE]
  /// ```
  @inlinable @inline(__always)
  public static func fixedPointPrecision<Scalar: FilterScalar>(
    learningRate eta: Scalar, priorVariance sigma2: Scalar, rootMeanSquareGradient r: Scalar, epsilon: Scalar
  ) -> Scalar {
    let constants = FixedPointConstants(learningRate: eta, priorVariance: sigma2, epsilon: epsilon)
    return fixedPointPrecision(rootMeanSquareGradient: r, constants)
  }

  /// Eq. 20 with the per-step constants formed once (see
  /// ``FixedPointConstants``): 1/σ²₊ = (k/σ²₊)/k, kq = k·√⟨g²⟩/η.  [AB-FP] [RANGE]
  @inlinable @inline(__always)
  public static func fixedPointPrecision<Scalar: FilterScalar>(
    rootMeanSquareGradient r: Scalar, _ constants: FixedPointConstants<Scalar>
  ) -> Scalar {
    constants.scaledPrecision(scaledRootOverEta: (r * constants.inverseEta) * constants.scale) * constants.inverseScale
  }

  /// The AdaBayes fixed-point variance σ²₊ of Eq. 20, the reciprocal of
  /// ``fixedPointPrecision(learningRate:priorVariance:meanSquaredGradient:)``.
  @inlinable
  public static func fixedPointVariance<Scalar: FilterScalar>(
    learningRate eta: Scalar, priorVariance sigma2: Scalar, meanSquaredGradient g2: Scalar
  ) -> Scalar {
    1 / fixedPointPrecision(learningRate: eta, priorVariance: sigma2, meanSquaredGradient: g2)
  }

  /// Eq. 20 normalised by σ²: σ²₊/σ² = 2u/(u + √(u² + 4)) with u = (η/√⟨g²⟩)/σ².
  ///
  /// The curve of the signature plot; f(1) = 2/(1 + √5) (the golden-ratio
  /// conjugate), f(u) → u as u → 0 (Adam) and → 1 as u → ∞ (SGD).
  @inlinable
  public static func normalizedFixedPointVariance<Scalar: Real>(_ u: Scalar) -> Scalar {
    // Two algebraically equal forms, each free of overflow on its side of u = 1.
    if u > 1 { return 2 / (1 + (1 + 4 / (u * u)).squareRoot()) }
    return 2 * u / (u + (u * u + 4).squareRoot())
  }
}
