import RealModule

/// A scalar linear-Gaussian transition x′ = a·x + w, w ~ N(0, q).
///
/// ```
/// x′ | x ~ N(a·x, q)                                        [KF-P]
/// ```
/// Three constructions are provided: a general (a, q); the AdaBayes paper's
/// prior, a = 1 − η²/(2σ²), q = η² ([AB-PRIOR], Eqs. 13, 16); and the exact
/// Ornstein–Uhlenbeck discretisation with stationary variance exactly σ²
/// ([AB-OU], the reference code).
///
/// - Parameters:
///   - scale: (a) the mean contraction per step.
///   - noiseVariance: (q ≥ 0) the variance added per step.
public struct ScalarTransition<Scalar: Real>: Hashable {
  /// a: the contraction of the mean per step.
  public var scale: Scalar
  /// q ≥ 0: the variance added per step.
  public var noiseVariance: Scalar

  /// The transition x′ = a·x + w, w ~ N(0, q).
  ///
  /// - Precondition: `noiseVariance ≥ 0`.
  @inlinable
  public init(scale: Scalar, noiseVariance: Scalar) {
    precondition(noiseVariance >= 0, "ScalarTransition: noiseVariance must be ≥ 0")
    self.scale = scale
    self.noiseVariance = noiseVariance
  }

  /// The identity transition (a = 1, q = 0): a static quantity.
  public static var identity: Self { Self(scale: 1, noiseVariance: 0) }

  /// The AdaBayes paper's prior dynamics.
  ///
  /// ```
  /// a = 1 − η²/(2σ²),   q = η²                              [AB-PRIOR]
  /// ```
  /// Its stationary variance is σ²/(1 − η²/(4σ²)), slightly above σ².
  ///
  /// - Parameters:
  ///   - stepVariance: (η²) the drift variance per step.
  ///   - stationaryVariance: (σ²) the prior variance of the parameter.
  /// - References: [AB20] Eqs. 13, 16a–b.
  @inlinable
  public static func paper(stepVariance eta2: Scalar, stationaryVariance sigma2: Scalar) -> Self {
    precondition(eta2 >= 0 && sigma2 > 0, "ScalarTransition.paper: need η² ≥ 0 and σ² > 0")
    return Self(scale: 1 - eta2 / (2 * sigma2), noiseVariance: eta2)
  }

  /// The exact discretisation of an Ornstein–Uhlenbeck process with
  /// stationary variance σ², advanced by "time" η²/σ².
  ///
  /// ```
  /// a² = exp(−η²/σ²),   q = σ²·(1 − a²)                     [AB-OU]
  /// ```
  /// The stationary variance q/(1 − a²) is exactly σ², and a = 1 − η²/(2σ²) +
  /// O(η⁴/σ⁴) agrees with the paper's prior to first order. `expm1` keeps q
  /// accurate when η²/σ² is tiny.
  ///
  /// - References: LaurenceA/adabayes `adabayes.py` (the variance decay
  ///   `exp(−η²/σ²)` and addition `σ²(1 − exp(−η²/σ²))`).
  @inlinable
  public static func ornsteinUhlenbeck(stepVariance eta2: Scalar, stationaryVariance sigma2: Scalar) -> Self {
    precondition(eta2 >= 0 && sigma2 > 0, "ScalarTransition.ornsteinUhlenbeck: need η² ≥ 0 and σ² > 0")
    let ratio = eta2 / sigma2
    return Self(scale: Scalar.exp(-ratio / 2), noiseVariance: -sigma2 * Scalar.expMinusOne(-ratio))
  }

  /// q/(1 − a²), the variance a belief settles at with no evidence, or `nil`
  /// when |a| ≥ 1 (a random walk, or a static quantity, has none).
  @inlinable
  public var stationaryVariance: Scalar? {
    let contraction = (1 - scale) * (1 + scale)
    return contraction > 0 ? noiseVariance / contraction : nil
  }
}

extension ScalarTransition: Sendable where Scalar: Sendable {}
