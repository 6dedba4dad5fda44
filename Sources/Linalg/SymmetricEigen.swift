import CLAPACK

/// The eigen-decomposition A = V diag(λ) Vᵀ of a symmetric matrix (LAPACK `dsyevd`).
///
/// Eigenvalues are in ascending order; column k of `vectors` is the unit
/// eigenvector of `values[k]`. Matrix functions of A, such as A^{1/2} or
/// A^{−1/2}, are ``applying(_:)`` with the scalar function.
///
/// - Complexity: O(n³).
public struct SymmetricEigen: Sendable, Equatable {
  /// The eigenvalues λ₁ ≤ … ≤ λₙ.
  public let values: [Double]
  /// The orthonormal eigenvectors, one per column.
  public let vectors: Matrix

  /// Decomposes a symmetric matrix, reading its upper triangle.
  ///
  /// - Throws: ``LinalgError/dimensionMismatch(operation:expected:actual:)`` for a
  ///   non-square matrix, ``LinalgError/nonFinite(operation:index:)`` for NaN/Inf,
  ///   ``LinalgError/noConvergence(routine:info:)`` if `dsyevd` fails to converge.
  public init(_ a: Matrix) throws(LinalgError) {
    guard a.isSquare else {
      throw .dimensionMismatch(operation: "SymmetricEigen", expected: "a square matrix", actual: "\(a.rows)×\(a.columns)")
    }
    if let bad = a.elements.firstIndex(where: { !$0.isFinite }) {
      throw .nonFinite(operation: "SymmetricEigen", index: bad)
    }
    let n = a.rows
    var v = a
    var w = [Double](repeating: 0, count: n)
    if n > 0 {
      let info = v.withUnsafeMutableBufferPointer { p in
        LAPACKE_dsyevd(
          LAPACK_ROW_MAJOR, CChar(UInt8(ascii: "V")), CChar(UInt8(ascii: "U")), Int32(n), p.baseAddress,
          Int32(n), &w)
      }
      try LinalgError.check(iterativeInfo: info, routine: "dsyevd")
    }
    self.values = w
    self.vectors = v
  }

  /// V diag(f(λ)) Vᵀ: the matrix function f(A).
  public func applying(_ f: (Double) -> Double) -> Matrix {
    let n = values.count
    var scaled = vectors
    for i in 0..<n {
      for k in 0..<n { scaled[i, k] *= f(values[k]) }
    }
    var out = Matrix.product(scaled, .none, vectors, .transposed)
    out.symmetrize()
    return out
  }
}
