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
    // [KF-U] 1/σ²₊ = 1/σ²⁻ + λ
    let posteriorVariance = 1 / (1 / variance + evidence.curvature)
    // [KF-U] μ₊ = μ⁻ − σ²₊ g
    return Self(mean: mean - posteriorVariance * evidence.gradient, variance: posteriorVariance)
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

extension ScalarGaussian: Codable where Scalar: Codable {}

extension ScalarGaussian: Sendable where Scalar: Sendable {}
