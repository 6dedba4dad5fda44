import CLAPACK
import RealModule

/// The Cholesky factorisation A = L Lᵀ of a symmetric positive definite matrix.
///
/// Factorisation by LAPACK `dpotrf`, solves by `dpotrs` and triangular solves
/// by `dtrsv`/`dtrsm`. Solving with the factor replaces every explicit inverse
/// in the package: A⁻¹B is `solve(B)`, bᵀA⁻¹b is `inverseQuadraticForm(b)`.
///
/// Edge cases: a 0×0 matrix factors to a 0×0 factor with log-determinant 0.
///
/// - Complexity: O(n³/3) to factor, O(n²·k) to solve for k right-hand sides.
public struct Cholesky: Sendable, Equatable {
  /// The lower-triangular factor L (the strict upper triangle is zero).
  public let factor: Matrix

  /// The order n of the factored matrix.
  public var size: Int { factor.rows }

  /// Factors a symmetric positive definite matrix, reading its lower triangle.
  ///
  /// - Throws: ``LinalgError/dimensionMismatch(operation:expected:actual:)`` for a
  ///   non-square matrix, ``LinalgError/nonFinite(operation:index:)`` for NaN/Inf
  ///   entries, ``LinalgError/notPositiveDefinite(leadingMinor:size:)`` when LAPACK
  ///   finds a non-positive leading minor.
  public init(_ a: Matrix) throws(LinalgError) {
    guard a.isSquare else {
      throw .dimensionMismatch(operation: "Cholesky", expected: "a square matrix", actual: "\(a.rows)×\(a.columns)")
    }
    if let bad = a.elements.firstIndex(where: { !$0.isFinite }) {
      throw .nonFinite(operation: "Cholesky", index: bad)
    }
    let n = a.rows
    var l = a
    if n > 0 {
      let info = l.withUnsafeMutableBufferPointer { p in
        LAPACKE_dpotrf(LAPACK_ROW_MAJOR, CChar(UInt8(ascii: "L")), Int32(n), p.baseAddress, Int32(n))
      }
      try LinalgError.check(choleskyInfo: info, routine: "dpotrf", size: n)
      for i in 0..<n {
        for j in (i + 1)..<n { l[i, j] = 0 }
      }
    }
    self.factor = l
  }

  /// log det A = 2 Σ log Lᵢᵢ.
  public var logDeterminant: Double {
    factor.diagonalElements.reduce(0) { $0 + 2 * Double.log($1) }
  }

  /// X = A⁻¹B for a matrix of right-hand sides (dpotrs).
  public func solve(_ b: Matrix) -> Matrix {
    precondition(b.rows == size, "Cholesky.solve: right-hand side has \(b.rows) rows, factor is \(size)×\(size)")
    var x = b
    if size == 0 || b.columns == 0 { return x }
    let info = factor.withUnsafeBufferPointer { pl in
      x.withUnsafeMutableBufferPointer { px in
        LAPACKE_dpotrs(
          LAPACK_ROW_MAJOR, CChar(UInt8(ascii: "L")), Int32(size), Int32(b.columns), pl.baseAddress,
          Int32(size), px.baseAddress, Int32(b.columns))
      }
    }
    // The factor is valid and the shapes were checked, so dpotrs cannot fail.
    precondition(info == 0, "dpotrs rejected argument \(-info)")
    return x
  }

  /// x = A⁻¹b (dpotrs).
  public func solve(_ b: [Double]) -> [Double] {
    solve(Matrix.column(b)).elements
  }

  /// z = L⁻¹b, the whitened vector: ‖z‖² = bᵀA⁻¹b (dtrsv).
  public func whiten(_ b: [Double]) -> [Double] {
    precondition(b.count == size, "Cholesky.whiten: vector of \(b.count), factor is \(size)×\(size)")
    var z = b
    if size == 0 { return z }
    factor.withUnsafeBufferPointer { pl in
      cblas_dtrsv(CblasRowMajor, CblasLower, CblasNoTrans, CblasNonUnit, Int32(size), pl.baseAddress, Int32(size), &z, 1)
    }
    return z
  }

  /// Z = L⁻¹B for a matrix of right-hand sides (dtrsm): the whitened columns,
  /// with ZᵀZ = BᵀA⁻¹B.
  public func whiten(_ b: Matrix) -> Matrix {
    precondition(b.rows == size, "Cholesky.whiten: right-hand side has \(b.rows) rows, factor is \(size)×\(size)")
    var z = b
    if size == 0 || b.columns == 0 { return z }
    factor.withUnsafeBufferPointer { pl in
      z.withUnsafeMutableBufferPointer { pz in
        cblas_dtrsm(
          CblasRowMajor, CblasLeft, CblasLower, CblasNoTrans, CblasNonUnit, Int32(size), Int32(b.columns), 1, pl.baseAddress,
          Int32(size), pz.baseAddress, Int32(b.columns))
      }
    }
    return z
  }

  /// bᵀA⁻¹b, computed as ‖L⁻¹b‖² (never forming A⁻¹).
  public func inverseQuadraticForm(_ b: [Double]) -> Double {
    let z = whiten(b)
    return z.dot(z)
  }

  /// A itself, reassembled as L Lᵀ (dsyrk); for tests and diagnostics.
  public var reconstructed: Matrix { factor.gram(.none) }
}

