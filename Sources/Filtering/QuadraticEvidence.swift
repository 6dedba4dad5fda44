import RealModule

/// A quadratic summary of a negative log-likelihood about one quantity x.
///
/// ```
/// −log p(data | x) ≈ c + g·(x − μ⁻) + ½·λ·(x − μ⁻)²        [KF-EV]
/// ```
/// where μ⁻ is the prior mean at which the gradient g was taken and λ ≥ 0 is
/// the curvature (the observation's precision). One type covers every kind
/// of evidence the package uses:
///
/// | source                       | gradient g        | curvature λ |
/// |------------------------------|-------------------|-------------|
/// | sensor y = h·x + v, v~N(0,r) | h(hμ⁻ − y)/r      | h²/r        |
/// | AdaBayes (per-step filter)   | ⟨g⟩ (momentum)    | g²          |
/// | AdaBayes-FP / BADAM reading  | ⟨g⟩               | ⟨g²⟩        |
/// | SGD (no information)         | ⟨g⟩               | 0           |
///
/// References: [AB20] Eqs. 11, 17a.
public struct QuadraticEvidence<Scalar: Real>: Hashable {
  /// g: the gradient of the negative log-likelihood at the prior mean.
  public var gradient: Scalar
  /// λ ≥ 0: the curvature, i.e. the precision the evidence carries.
  public var curvature: Scalar

  /// Evidence with gradient g and curvature λ.
  ///
  /// - Precondition: `curvature` is not negative (NaN is let through so that
  ///   callers that check finiteness can report it with context).
  @inlinable
  public init(gradient: Scalar, curvature: Scalar) {
    precondition(!(curvature < 0), "QuadraticEvidence: curvature must be ≥ 0")
    self.gradient = gradient
    self.curvature = curvature
  }

  /// The evidence of a linear-Gaussian observation y = h·x + v, v ~ N(0, r),
  /// expanded at the prior mean μ⁻.
  ///
  /// ```
  /// g = h·(h·μ⁻ − y)/r,   λ = h²/r                          [KF-EV]
  /// ```
  /// With this evidence, ``ScalarGaussian/updated(with:)`` is the textbook
  /// Kalman update with gain k = σ²⁻h/(h²σ²⁻ + r).
  ///
  /// - Precondition: `noiseVariance > 0`.
  @inlinable
  public static func observation(
    _ y: Scalar, coefficient h: Scalar = 1, noiseVariance r: Scalar, priorMean: Scalar
  ) -> Self {
    precondition(r > 0, "QuadraticEvidence.observation: noiseVariance must be > 0")
    return Self(gradient: h * (h * priorMean - y) / r, curvature: h * h / r)
  }

  /// A gradient carrying no information (λ = 0): the update is a plain
  /// gradient step of size σ²⁻.
  @inlinable
  public static func gradientOnly(_ g: Scalar) -> Self {
    Self(gradient: g, curvature: 0)
  }
}

extension QuadraticEvidence: Sendable where Scalar: Sendable {}
