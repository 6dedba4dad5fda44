import Linalg

/// A linear-Gaussian state transition x′ = F·x + B·u + w, w ~ N(0, Q).
///
/// Valid by construction: the initialiser checks every shape and that Q is
/// symmetric, so filtering code can rely on them.
public struct LinearTransition: Equatable, Sendable, Codable {
  /// F (n×n): the state transition matrix.
  public let matrix: Matrix
  /// Q (n×n): the process-noise covariance.
  public let noiseCovariance: Matrix
  /// B (n×k): the control-input matrix, if the model takes controls.
  public let controlMatrix: Matrix?

  /// The transition with matrix F, process noise Q and optional control matrix B.
  ///
  /// - Throws: ``LinalgError`` when F or Q is not n×n, Q is not symmetric or
  ///   not finite, or B does not have n rows.
  public init(matrix f: Matrix, noiseCovariance q: Matrix, controlMatrix b: Matrix? = nil) throws(LinalgError) {
    guard f.isSquare else {
      throw .dimensionMismatch(operation: "LinearTransition F", expected: "a square matrix", actual: "\(f.rows)×\(f.columns)")
    }
    guard f.isFinite else { throw .nonFinite(operation: "LinearTransition F", index: f.elements.firstIndex { !$0.isFinite } ?? 0) }
    guard q.rows == f.rows, q.columns == f.rows else {
      throw .dimensionMismatch(operation: "LinearTransition Q", expected: "\(f.rows)×\(f.rows)", actual: "\(q.rows)×\(q.columns)")
    }
    try q.validateSymmetric("LinearTransition Q")
    if let b {
      guard b.rows == f.rows else {
        throw .dimensionMismatch(operation: "LinearTransition B", expected: "\(f.rows) rows", actual: "\(b.rows)")
      }
      guard b.isFinite else { throw .nonFinite(operation: "LinearTransition B", index: b.elements.firstIndex { !$0.isFinite } ?? 0) }
    }
    self.matrix = f
    self.noiseCovariance = q.symmetrized()
    self.controlMatrix = b
  }

  /// The state dimension n.
  public var dimension: Int { matrix.rows }

  /// The static model x′ = x (F = I, Q = 0), e.g. recursive least squares.
  public static func identity(_ n: Int) -> LinearTransition {
    LinearTransition(unchecked: .identity(n), Matrix(rows: n, columns: n), nil)
  }

  /// x′ = a·x + w with w ~ N(0, q·I): the multivariate form of ``ScalarTransition``.
  public static func scaledIdentity(_ n: Int, scale a: Double, noiseVariance q: Double) -> LinearTransition {
    precondition(q >= 0, "LinearTransition.scaledIdentity: noiseVariance must be ≥ 0")
    return LinearTransition(unchecked: a * .identity(n), q * .identity(n), nil)
  }

  init(unchecked f: Matrix, _ q: Matrix, _ b: Matrix?) {
    self.matrix = f
    self.noiseCovariance = q
    self.controlMatrix = b
  }
}
