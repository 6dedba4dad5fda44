import Linalg

/// A linear-Gaussian observation y = H·x + v, v ~ N(0, R).
///
/// Valid by construction: the initialiser checks the shapes, and that R is
/// symmetric and finite (positive definiteness of S = HPHᵀ + R is checked by
/// the Cholesky factorisation of each update).
public struct LinearObservation: Equatable, Sendable, Codable {
  /// H (m×n): the observation matrix.
  public let matrix: Matrix
  /// R (m×m): the observation-noise covariance.
  public let noiseCovariance: Matrix

  /// The observation with matrix H and noise covariance R.
  ///
  /// - Throws: ``LinalgError`` when R is not m×m, not symmetric, or not
  ///   finite, or H is not finite.
  public init(matrix h: Matrix, noiseCovariance r: Matrix) throws(LinalgError) {
    guard h.isFinite else { throw .nonFinite(operation: "LinearObservation H", index: h.elements.firstIndex { !$0.isFinite } ?? 0) }
    guard r.rows == h.rows, r.columns == h.rows else {
      throw .dimensionMismatch(operation: "LinearObservation R", expected: "\(h.rows)×\(h.rows)", actual: "\(r.rows)×\(r.columns)")
    }
    try r.validateSymmetric("LinearObservation R")
    self.matrix = h
    self.noiseCovariance = r.symmetrized()
  }

  /// The number m of observed components.
  public var dimension: Int { matrix.rows }

  /// The state dimension n this observation applies to.
  public var stateDimension: Int { matrix.columns }

  /// The observation of the components where `present[i]` is true: rows of H
  /// and rows/columns of R restricted to them.
  public func restricted(to present: [Bool]) -> LinearObservation {
    precondition(present.count == dimension, "LinearObservation.restricted: mask of \(present.count) for \(dimension) components")
    let keep = present.indices.filter { present[$0] }
    return LinearObservation(
      unchecked: matrix.submatrix(rows: keep, columns: Array(0..<stateDimension)),
      noiseCovariance.submatrix(rows: keep, columns: keep))
  }

  init(unchecked h: Matrix, _ r: Matrix) {
    self.matrix = h
    self.noiseCovariance = r
  }
}
