import RealModule

/// A Gaussian belief N(mean, variance) about one real quantity.
///
/// `predicted(by:)` and `updated(with:)` are the only place in the package
/// where the scalar Kalman equations are written. ``DiagonalGaussian`` maps
/// them over many quantities, and every filter-derived optimizer calls them;
/// the dense ``Gaussian`` re-derives them in matrix form and is tested
/// against them.
///
/// ```swift
/// let prior = ScalarGaussian(mean: 0.0, variance: 1.0)
/// let posterior = prior.updated(with: .observation(2, noiseVariance: 1, priorMean: prior.mean))
/// // posterior.mean == 1, posterior.variance == 0.5
/// ```
public struct ScalarGaussian<Scalar: Real>: Hashable {
  /// μ: the mean.
  public var mean: Scalar
  /// σ² ≥ 0: the variance.
  public var variance: Scalar

  /// The belief N(mean, variance).
  @inlinable
  public init(mean: Scalar, variance: Scalar) {
    self.mean = mean
    self.variance = variance
  }

  /// 1/σ²: the precision.
  @inlinable
  public var precision: Scalar { 1 / variance }

  /// The belief one step later under `transition`.
  ///
  /// ```
  /// μ⁻  = a·μ
  /// σ²⁻ = a²·σ² + q                                         [KF-P]
  /// ```
  /// References: [AB20] Eqs. 16a–b.
  @inlinable
  public func predicted(by transition: ScalarTransition<Scalar>) -> Self {
    let a = transition.scale
    // [KF-P] μ⁻ = aμ, σ²⁻ = a²σ² + q
    return Self(mean: a * mean, variance: a * a * variance + transition.noiseVariance)
  }

  /// The posterior after quadratic evidence (gradient g, curvature λ) taken at this mean.
  ///
  /// ```
  /// 1/σ²₊ = 1/σ²⁻ + λ                                       [KF-U]  precisions add
  /// μ₊    = μ⁻ − σ²₊·g                                      [KF-U]  a Newton step on the log posterior
  /// ```
  /// For a linear-Gaussian observation, ``QuadraticEvidence/observation(_:coefficient:noiseVariance:priorMean:)``
  /// makes this the textbook gain form; with λ = 0 it is a gradient step of
  /// size σ²⁻.
  ///
  /// Edge cases: σ²⁻ = 0 stays 0 (a known quantity ignores evidence);
  /// σ²⁻ = +∞ (an improper prior) gives σ²₊ = 1/λ.
  ///
  /// References: [AB20] Eqs. 17a–b (with the loss-descent sign).
  @inlinable
  public func updated(with evidence: QuadraticEvidence<Scalar>) -> Self {
    updated(gradient: evidence.gradient, scaledCurvature: evidence.curvature, squaredScale: 1)
  }

  /// The update in units scaled by k (k = 1 in ``updated(with:)``, exactly
  /// the plain equations): k²λ and k² are given instead of λ.
  ///
  /// ```
  /// 1/σ²₊ = (k²/σ²⁻ + k²λ)/k²                               [KF-U] [RANGE]
  /// μ₊    = μ⁻ − σ²₊·g                                      [KF-U]
  /// ```
  @inlinable @inline(__always)
  func updated(gradient: Scalar, scaledCurvature: Scalar, squaredScale k2: Scalar) -> Self {
    // [KF-U] 1/σ²₊ = 1/σ²⁻ + λ, multiplied through by k²
    let posteriorVariance = k2 / (k2 / variance + scaledCurvature)
    // [KF-U] μ₊ = μ⁻ − σ²₊ g
    return Self(mean: mean - posteriorVariance * gradient, variance: posteriorVariance)
  }

  /// Replaces the belief by ``predicted(by:)``.
  @inlinable
  public mutating func predict(by transition: ScalarTransition<Scalar>) {
    self = predicted(by: transition)
  }

  /// Replaces the belief by ``updated(with:)``.
  @inlinable
  public mutating func update(with evidence: QuadraticEvidence<Scalar>) {
    self = updated(with: evidence)
  }
}

extension ScalarGaussian where Scalar: FilterScalar {
  /// ``updated(with:)`` for evidence of curvature c², given c: the same
  /// update, bit for bit, when c² is in range, and still right when c² would
  /// overflow (a float32 gradient above ≈ 1.8·10¹⁹ as AdaBayes's curvature),
  /// by working in units where c is scaled down by a power of two k ≤ 1
  /// ([RANGE]): 1/σ²₊ = (k²/σ²⁻ + (kc)²)/k².
  ///
  /// The posterior variance is then ≈ 1/c², subnormal or 0 only where the
  /// type cannot hold it (below 2⁻¹²⁶, and 2⁻¹⁴⁹ ≈ 1.4·10⁻⁴⁵, for Float).
  @inlinable @inline(__always)
  public func updated(gradient: Scalar, curvatureRoot c: Scalar) -> Self {
    let k = Swift.min(Scalar.exponentScales(for: c).scale, 1)
    let kc = k * c
    return updated(gradient: gradient, scaledCurvature: kc * kc, squaredScale: k * k)
  }
}

extension ScalarGaussian: Codable where Scalar: Codable {}

extension ScalarGaussian: Sendable where Scalar: Sendable {}
