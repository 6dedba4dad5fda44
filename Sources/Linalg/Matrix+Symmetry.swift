extension Matrix {
  /// The largest |A[i,j] − A[j,i]| over all pairs; 0 for a symmetric matrix.
  ///
  /// - Precondition: the matrix is square.
  public var maximumAsymmetry: Double {
    precondition(isSquare, "maximumAsymmetry: matrix is \(rows)×\(columns)")
    var worst = 0.0
    for i in 0..<rows {
      for j in (i + 1)..<Swift.max(i + 1, columns) {
        worst = Swift.max(worst, abs(elements[i * columns + j] - elements[j * columns + i]))
      }
    }
    return worst
  }

  /// Replaces the matrix by (A + Aᵀ)/2, removing the asymmetry that rounding
  /// leaves in products such as F P Fᵀ.
  public mutating func symmetrize() {
    precondition(isSquare, "symmetrize: matrix is \(rows)×\(columns)")
    let n = rows
    for i in 0..<n {
      for j in (i + 1)..<Swift.max(i + 1, n) {
        let mean = 0.5 * (elements[i * n + j] + elements[j * n + i])
        elements[i * n + j] = mean
        elements[j * n + i] = mean
      }
    }
  }

  /// (A + Aᵀ)/2.
  public func symmetrized() -> Matrix {
    var copy = self
    copy.symmetrize()
    return copy
  }

  /// Checks that the matrix is square and symmetric to a relative tolerance.
  ///
  /// The tolerance is relative to the largest absolute entry; the default,
  /// 1e-10, admits the rounding of a few products while rejecting a
  /// transposed or mistyped entry.
  ///
  /// - Throws: ``LinalgError/dimensionMismatch(operation:expected:actual:)`` when not
  ///   square, ``LinalgError/notSymmetric(operation:row:column:asymmetry:size:)`` otherwise.
  public func validateSymmetric(_ operation: String, relativeTolerance: Double = 1e-10) throws(LinalgError) {
    guard isSquare else {
      throw .dimensionMismatch(operation: operation, expected: "a square matrix", actual: "\(rows)×\(columns)")
    }
    if let bad = elements.firstIndex(where: { !$0.isFinite }) {
      throw .nonFinite(operation: operation, index: bad)
    }
    let scale = elements.reduce(0) { Swift.max($0, abs($1)) }
    for i in 0..<rows {
      for j in (i + 1)..<Swift.max(i + 1, columns) {
        let gap = abs(elements[i * columns + j] - elements[j * columns + i])
        if gap > relativeTolerance * scale {
          throw .notSymmetric(operation: operation, row: i, column: j, asymmetry: gap, size: rows)
        }
      }
    }
  }
}
