import Linalg

/// A multivariate Gaussian belief N(mean, covariance) over an n-dimensional state.
///
/// The dense counterpart of ``ScalarGaussian``: `predicted(by:)` and
/// `updated(by:observing:)` (in `Gaussian+Kalman.swift`) are the matrix form of
/// the same [KF-P]/[KF-U] equations, bound to the scalar ones by tests.
public struct Gaussian: Equatable, Sendable, Codable {
  /// μ: the mean (n).
  public internal(set) var mean: [Double]
  /// P: the covariance (n×n, symmetric positive semi-definite).
  public internal(set) var covariance: Matrix

  /// A belief with the given mean and covariance.
  ///
  /// - Throws: ``LinalgError`` if the covariance is not n×n, not finite, or not
  ///   symmetric (relative 1e-10), or the mean is not finite.
  public init(mean: [Double], covariance: Matrix) throws(LinalgError) {
    guard covariance.rows == mean.count, covariance.columns == mean.count else {
      throw .dimensionMismatch(
        operation: "Gaussian", expected: "covariance \(mean.count)×\(mean.count)",
        actual: "\(covariance.rows)×\(covariance.columns)")
    }
    if let bad = mean.firstIndex(where: { !$0.isFinite }) { throw .nonFinite(operation: "Gaussian mean", index: bad) }
    try covariance.validateSymmetric("Gaussian covariance")
    self.mean = mean
    self.covariance = covariance.symmetrized()
  }

  /// Wraps a mean and covariance the caller produced by valid operations.
  init(unchecked mean: [Double], _ covariance: Matrix) {
    self.mean = mean
    self.covariance = covariance
  }

  /// The state dimension n.
  public var dimension: Int { mean.count }

  /// The marginal variances, diag(P).
  public var variances: [Double] { covariance.diagonalElements }

  /// log N(x; μ, P), by a Cholesky factorisation of P.
  ///
  /// - Throws: ``LinalgError/notPositiveDefinite(leadingMinor:size:)`` when P is singular.
  public func logDensity(_ x: [Double]) throws(LinalgError) -> Double {
    guard x.count == dimension else {
      throw .dimensionMismatch(operation: "Gaussian.logDensity", expected: "\(dimension)", actual: "\(x.count)")
    }
    let chol = try Cholesky(covariance)
    let residual = zip(x, mean).map { $0 - $1 }
    return Gaussian.logNormalDensity(
      mahalanobis: chol.inverseQuadraticForm(residual), logDeterminant: chol.logDeterminant, dimension: dimension)
  }

  /// log N(r; 0, S) = −½(rᵀS⁻¹r + log det S + m log 2π), from its parts.   [KF-LL]
  static func logNormalDensity(mahalanobis: Double, logDeterminant: Double, dimension: Int) -> Double {
    -0.5 * (mahalanobis + logDeterminant + Double(dimension) * logTwoPi)
  }

  static let logTwoPi = 1.8378770664093454835606594728112352797227949472755668
}
