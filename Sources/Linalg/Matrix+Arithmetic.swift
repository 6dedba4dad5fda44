// Element-wise arithmetic. Products and solves go through BLAS/LAPACK
// (Matrix+BLAS.swift, Cholesky.swift); only O(n²) entry-wise work is here.

extension Matrix {
  /// A + B.
  public static func + (lhs: Matrix, rhs: Matrix) -> Matrix {
    precondition(lhs.rows == rhs.rows && lhs.columns == rhs.columns, "Matrix +: \(lhs.rows)×\(lhs.columns) vs \(rhs.rows)×\(rhs.columns)")
    var out = lhs
    out += rhs
    return out
  }

  /// A − B.
  public static func - (lhs: Matrix, rhs: Matrix) -> Matrix {
    precondition(lhs.rows == rhs.rows && lhs.columns == rhs.columns, "Matrix −: \(lhs.rows)×\(lhs.columns) vs \(rhs.rows)×\(rhs.columns)")
    var out = lhs
    out -= rhs
    return out
  }

  /// A += B.
  public static func += (lhs: inout Matrix, rhs: Matrix) {
    precondition(lhs.rows == rhs.rows && lhs.columns == rhs.columns, "Matrix +=: \(lhs.rows)×\(lhs.columns) vs \(rhs.rows)×\(rhs.columns)")
    lhs.withUnsafeMutableBufferPointer { a in
      rhs.withUnsafeBufferPointer { b in
        for k in 0..<a.count { a[k] += b[k] }
      }
    }
  }

  /// A −= B.
  public static func -= (lhs: inout Matrix, rhs: Matrix) {
    precondition(lhs.rows == rhs.rows && lhs.columns == rhs.columns, "Matrix −=: \(lhs.rows)×\(lhs.columns) vs \(rhs.rows)×\(rhs.columns)")
    lhs.withUnsafeMutableBufferPointer { a in
      rhs.withUnsafeBufferPointer { b in
        for k in 0..<a.count { a[k] -= b[k] }
      }
    }
  }

  /// s·A.
  public static func * (scale: Double, matrix: Matrix) -> Matrix {
    var out = matrix
    out.withUnsafeMutableBufferPointer { a in
      for k in 0..<a.count { a[k] *= scale }
    }
    return out
  }

  /// A ← s·A, in place.
  public static func *= (matrix: inout Matrix, scale: Double) {
    matrix.withUnsafeMutableBufferPointer { a in
      for k in 0..<a.count { a[k] *= scale }
    }
  }

  /// −A.
  public static prefix func - (matrix: Matrix) -> Matrix { -1 * matrix }

  /// The largest absolute entry (the max norm); 0 for an empty matrix.
  public var maximumAbsoluteEntry: Double {
    elements.reduce(0) { Swift.max($0, abs($1)) }
  }
}
