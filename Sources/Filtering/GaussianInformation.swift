import Linalg

/// A Gaussian belief in information form: precision Λ = P⁻¹ and information vector ξ = Λμ.
///
/// Updates add: observing y = Hx + v, v ~ N(0, R) gives
/// ```
/// Λ₊ = Λ⁻ + Hᵀ R⁻¹ H,   ξ₊ = ξ⁻ + Hᵀ R⁻¹ y                  [KF-INFO]
/// ```
/// the matrix form of "precisions add" in [KF-U]. R⁻¹H and R⁻¹y are Cholesky
/// solves. The form admits an improper prior (Λ = 0: no information), which
/// the covariance form cannot represent; converting back to a ``Gaussian``
/// needs Λ positive definite.
public struct GaussianInformation: Equatable, Sendable {
  /// Λ (n×n): the precision matrix.
  public private(set) var precision: Matrix
  /// ξ = Λμ (n): the information vector.
  public private(set) var information: [Double]

  /// The belief with precision Λ and information vector ξ.
  ///
  /// - Throws: ``LinalgError`` when Λ is not n×n, symmetric and finite.
  public init(precision: Matrix, information: [Double]) throws(LinalgError) {
    guard precision.rows == information.count, precision.columns == information.count else {
      throw .dimensionMismatch(
        operation: "GaussianInformation", expected: "precision \(information.count)×\(information.count)",
        actual: "\(precision.rows)×\(precision.columns)")
    }
    try precision.validateSymmetric("GaussianInformation precision")
    self.precision = precision.symmetrized()
    self.information = information
  }

  /// No information about n quantities (Λ = 0, ξ = 0): the improper flat prior.
  public static func noInformation(_ n: Int) -> GaussianInformation {
    GaussianInformation(unchecked: Matrix(rows: n, columns: n), [Double](repeating: 0, count: n))
  }

  /// The information form of a covariance-form belief (Λ = P⁻¹ via a Cholesky solve).
  ///
  /// - Throws: ``LinalgError/notPositiveDefinite(leadingMinor:size:)`` when P is singular.
  public init(_ gaussian: Gaussian) throws(LinalgError) {
    let chol = try Cholesky(gaussian.covariance)
    var lambda = chol.solve(Matrix.identity(gaussian.dimension))
    lambda.symmetrize()
    self.init(unchecked: lambda, chol.solve(gaussian.mean))
  }

  init(unchecked precision: Matrix, _ information: [Double]) {
    self.precision = precision
    self.information = information
  }

  /// The state dimension n.
  public var dimension: Int { information.count }

  /// The belief after observing y through `observation`.   [KF-INFO]
  ///
  /// - Throws: ``LinalgError`` for mismatched shapes or an R that is not positive definite.
  public func updated(by observation: LinearObservation, observing y: [Double]) throws(LinalgError) -> GaussianInformation {
    guard observation.stateDimension == dimension, y.count == observation.dimension else {
      throw .dimensionMismatch(
        operation: "GaussianInformation.updated", expected: "H \(y.count)×\(dimension)",
        actual: "H \(observation.dimension)×\(observation.stateDimension), y of \(y.count)")
    }
    if let bad = y.firstIndex(where: { !$0.isFinite }) { throw .nonFinite(operation: "observation", index: bad) }
    let rChol = try Cholesky(observation.noiseCovariance)
    let h = observation.matrix
    // [KF-INFO] Λ₊ = Λ⁻ + HᵀR⁻¹H,  ξ₊ = ξ⁻ + HᵀR⁻¹y
    let rInvH = rChol.solve(h)  // m×n
    var newPrecision = precision
    newPrecision.addProduct(h, .transposed, rInvH, .none, accumulate: 1)
    newPrecision.symmetrize()
    let hTrInvY = rInvH.applied(to: y, .transposed)
    let newInformation = (0..<dimension).map { information[$0] + hTrInvY[$0] }
    return GaussianInformation(unchecked: newPrecision, newInformation)
  }

  /// The covariance form: P = Λ⁻¹ and μ = Λ⁻¹ξ, by Cholesky solves.
  ///
  /// - Throws: ``LinalgError/notPositiveDefinite(leadingMinor:size:)`` while the
  ///   belief is still improper in some direction.
  public func gaussian() throws(LinalgError) -> Gaussian {
    let chol = try Cholesky(precision)
    var covariance = chol.solve(Matrix.identity(dimension))
    covariance.symmetrize()
    return Gaussian(unchecked: chol.solve(information), covariance)
  }
}
