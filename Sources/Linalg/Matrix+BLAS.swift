import CLAPACK

/// Whether an operand enters a product as itself or as its transpose.
public enum Transposition: Sendable {
  case none, transposed

  @usableFromInline var cblas: CBLAS_TRANSPOSE { self == .none ? CblasNoTrans : CblasTrans }
}

// MARK: - Products through CBLAS (the only cblas_* calls for Matrix)

extension Matrix {
  /// op(A)·op(B) (dgemm), with op = identity or transpose.
  ///
  /// ```
  /// C = α·op(A)·op(B)
  /// ```
  /// - Complexity: O(m·n·k).
  public static func product(
    _ a: Matrix, _ transA: Transposition, _ b: Matrix, _ transB: Transposition, scale alpha: Double = 1
  ) -> Matrix {
    let (m, k) = transA == .none ? (a.rows, a.columns) : (a.columns, a.rows)
    let (k2, n) = transB == .none ? (b.rows, b.columns) : (b.columns, b.rows)
    precondition(k == k2, "Matrix.product: inner dimensions \(k) and \(k2) differ")
    var c = Matrix(rows: m, columns: n)
    c.addProduct(a, transA, b, transB, scale: alpha, accumulate: 0)
    return c
  }

  /// In place C ← α·op(A)·op(B) + β·C (dgemm); no allocation.
  public mutating func addProduct(
    _ a: Matrix, _ transA: Transposition, _ b: Matrix, _ transB: Transposition,
    scale alpha: Double = 1, accumulate beta: Double = 1
  ) {
    let (m, k) = transA == .none ? (a.rows, a.columns) : (a.columns, a.rows)
    let (k2, n) = transB == .none ? (b.rows, b.columns) : (b.columns, b.rows)
    precondition(k == k2 && m == rows && n == columns, "Matrix.addProduct: shapes do not fit")
    if m == 0 || n == 0 { return }
    if k == 0 {
      self = beta * self
      return
    }
    let lda = Int32(Swift.max(1, a.columns)), ldb = Int32(Swift.max(1, b.columns)), ldc = Int32(Swift.max(1, n))
    a.withUnsafeBufferPointer { pa in
      b.withUnsafeBufferPointer { pb in
        withUnsafeMutableBufferPointer { pc in
          cblas_dgemm(
            CblasRowMajor, transA.cblas, transB.cblas, Int32(m), Int32(n), Int32(k), alpha,
            pa.baseAddress, lda, pb.baseAddress, ldb, beta, pc.baseAddress, ldc)
        }
      }
    }
  }

  /// A·B (dgemm).
  public static func product(_ a: Matrix, _ b: Matrix) -> Matrix { product(a, .none, b, .none) }

  /// A·B (dgemm).
  public static func * (lhs: Matrix, rhs: Matrix) -> Matrix { product(lhs, .none, rhs, .none) }

  /// A·x (dgemv).
  public static func * (lhs: Matrix, rhs: [Double]) -> [Double] { lhs.applied(to: rhs) }

  /// α·op(A)·x (dgemv).
  public func applied(to x: [Double], _ trans: Transposition = .none, scale alpha: Double = 1) -> [Double] {
    let (m, n) = trans == .none ? (rows, columns) : (columns, rows)
    precondition(x.count == n, "Matrix.applied(to:): vector of \(x.count) for an operator of \(n) columns")
    var y = [Double](repeating: 0, count: m)
    if m == 0 || n == 0 { return y }
    withUnsafeBufferPointer { pa in
      cblas_dgemv(
        CblasRowMajor, trans.cblas, Int32(rows), Int32(columns), alpha, pa.baseAddress,
        Int32(Swift.max(1, columns)), x, 1, 0, &y, 1)
    }
    return y
  }

  /// The Gram matrix AᵀA (`.transposed`, n×n) or AAᵀ (`.none`, m×m), by dsyrk.
  ///
  /// dsyrk fills one triangle; the other is mirrored so the result is exactly symmetric.
  public func gram(_ side: Transposition = .transposed, scale alpha: Double = 1) -> Matrix {
    let (n, k) = side == .transposed ? (columns, rows) : (rows, columns)
    var c = Matrix(rows: n, columns: n)
    if n == 0 || k == 0 { return c }
    let trans = side == .transposed ? CblasTrans : CblasNoTrans
    withUnsafeBufferPointer { pa in
      c.withUnsafeMutableBufferPointer { pc in
        cblas_dsyrk(
          CblasRowMajor, CblasLower, trans, Int32(n), Int32(k), alpha, pa.baseAddress,
          Int32(Swift.max(1, columns)), 0, pc.baseAddress, Int32(n))
      }
    }
    c.mirrorLowerTriangle()
    return c
  }

  /// In place C ← α·op(A)ᵀop(A) + β·C on the lower triangle (dsyrk), for a
  /// symmetric C = self; `.transposed` gives AᵀA, `.none` gives AAᵀ. With
  /// `mirror` the upper triangle is filled in too; without, only the lower
  /// triangle is valid (cheaper inside loops that read the lower triangle only).
  public mutating func addGram(
    of a: Matrix, _ side: Transposition = .transposed, scale alpha: Double, accumulate beta: Double = 1, mirror: Bool = true
  ) {
    let (n, k) = side == .transposed ? (a.columns, a.rows) : (a.rows, a.columns)
    precondition(isSquare && rows == n, "Matrix.addGram: \(rows)×\(columns) vs a Gram matrix of \(n)")
    if n == 0 { return }
    if k > 0 {
      let trans = side == .transposed ? CblasTrans : CblasNoTrans
      a.withUnsafeBufferPointer { pa in
        withUnsafeMutableBufferPointer { pc in
          cblas_dsyrk(
            CblasRowMajor, CblasLower, trans, Int32(n), Int32(k), alpha, pa.baseAddress, Int32(Swift.max(1, a.columns)), beta,
            pc.baseAddress, Int32(n))
        }
      }
    } else if beta != 1 {
      self = beta * self
    }
    if mirror { mirrorLowerTriangle() }
  }

  /// S·B with S = self symmetric (dsymm, reading S's lower triangle).
  public func symmetricProduct(_ b: Matrix) -> Matrix {
    precondition(isSquare && columns == b.rows, "Matrix.symmetricProduct: \(rows)×\(columns) · \(b.rows)×\(b.columns)")
    var c = Matrix(rows: rows, columns: b.columns)
    if rows == 0 || b.columns == 0 { return c }
    withUnsafeBufferPointer { ps in
      b.withUnsafeBufferPointer { pb in
        c.withUnsafeMutableBufferPointer { pc in
          cblas_dsymm(
            CblasRowMajor, CblasLeft, CblasLower, Int32(rows), Int32(b.columns), 1, ps.baseAddress,
            Int32(rows), pb.baseAddress, Int32(b.columns), 0, pc.baseAddress, Int32(b.columns))
        }
      }
    }
    return c
  }

  /// S·x with S = self symmetric (dsymv, reading S's lower triangle).
  public func symmetricApplied(to x: [Double]) -> [Double] {
    precondition(isSquare && columns == x.count, "Matrix.symmetricApplied: \(rows)×\(columns) · \(x.count)")
    var y = [Double](repeating: 0, count: rows)
    if rows == 0 { return y }
    withUnsafeBufferPointer { ps in
      cblas_dsymv(CblasRowMajor, CblasLower, Int32(rows), 1, ps.baseAddress, Int32(rows), x, 1, 0, &y, 1)
    }
    return y
  }

  /// B·S with S = self symmetric (dsymm from the right, reading S's lower
  /// triangle; dsymv for a single row, which OpenBLAS runs several times faster).
  public func symmetricProduct(leftFactor b: Matrix) -> Matrix {
    precondition(isSquare && b.columns == rows, "Matrix.symmetricProduct: \(b.rows)×\(b.columns) · \(rows)×\(columns)")
    var c = Matrix(rows: b.rows, columns: columns)
    if b.rows == 0 || columns == 0 { return c }
    if b.rows == 1 {
      c.elements = symmetricApplied(to: b.elements)
      return c
    }
    withUnsafeBufferPointer { ps in
      b.withUnsafeBufferPointer { pb in
        c.withUnsafeMutableBufferPointer { pc in
          cblas_dsymm(
            CblasRowMajor, CblasRight, CblasLower, Int32(b.rows), Int32(columns), 1, ps.baseAddress,
            Int32(columns), pb.baseAddress, Int32(columns), 0, pc.baseAddress, Int32(columns))
        }
      }
    }
    return c
  }

  /// The congruence B·S·Bᵀ of a symmetric S = self, symmetrised (dsymm + dgemm).
  ///
  /// This is the covariance of Bx when Cov(x) = S, e.g. F P Fᵀ or H P Hᵀ.
  public func congruence(by b: Matrix) -> Matrix {
    precondition(isSquare && b.columns == rows, "Matrix.congruence: B is \(b.rows)×\(b.columns), S is \(rows)×\(columns)")
    let sbT = symmetricProduct(b.transposed)  // S Bᵀ   (n×m)
    var out = Matrix.product(b, sbT)  // B S Bᵀ (m×m)
    out.symmetrize()
    return out
  }

  /// Copies the lower triangle onto the upper one, in 64×64 tiles so that
  /// the column-wise writes stay in cache.
  public mutating func mirrorLowerTriangle() {
    let n = rows, tile = 64
    elements.withUnsafeMutableBufferPointer { buffer in
      guard let a = buffer.baseAddress else { return }
      for rowStart in stride(from: 0, to: n, by: tile) {
        let rowEnd = Swift.min(rowStart + tile, n)
        for columnStart in stride(from: 0, through: rowStart, by: tile) {
          for i in rowStart..<rowEnd {
            let columnEnd = Swift.min(columnStart + tile, i)
            if columnStart >= columnEnd { continue }
            for j in columnStart..<columnEnd { a[j * n + i] = a[i * n + j] }
          }
        }
      }
    }
  }
}

// MARK: - Vector helpers (BLAS level 1)

extension Array where Element == Double {
  /// The dot product (ddot).
  public func dot(_ other: [Double]) -> Double {
    precondition(count == other.count, "dot: \(count) vs \(other.count)")
    if isEmpty { return 0 }
    return cblas_ddot(Int32(count), self, 1, other, 1)
  }

}
