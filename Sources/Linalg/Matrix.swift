/// A dense matrix of `Double` stored in row-major order.
///
/// `Matrix` is a value type: copies are independent, and mutation copies the
/// storage only when it is shared. Vectors are plain `[Double]`, so a vector is
/// never confused with an n×1 or 1×n matrix.
///
/// Shape checks on operators are preconditions (programmer errors); data that
/// arrives from outside (files, user models) is validated by the throwing
/// initialisers, which report a ``LinalgError``.
public struct Matrix: Equatable, Hashable, Sendable, Codable {
  /// Number of rows.
  public let rows: Int
  /// Number of columns.
  public let columns: Int
  /// The entries, row after row: element (i, j) is `elements[i * columns + j]`.
  public internal(set) var elements: [Double]

  /// A `rows`×`columns` matrix with every entry equal to `value`.
  public init(rows: Int, columns: Int, repeating value: Double = 0) {
    precondition(rows >= 0 && columns >= 0, "Matrix: negative shape \(rows)×\(columns)")
    self.rows = rows
    self.columns = columns
    self.elements = [Double](repeating: value, count: rows * columns)
  }

  /// A matrix from its entries in row-major order.
  ///
  /// - Throws: ``LinalgError/dimensionMismatch(operation:expected:actual:)`` when
  ///   `elements.count ≠ rows · columns`.
  public init(rows: Int, columns: Int, elements: [Double]) throws(LinalgError) {
    guard rows >= 0, columns >= 0, elements.count == rows * columns else {
      throw .dimensionMismatch(
        operation: "Matrix(rows:columns:elements:)", expected: "\(rows)·\(columns) elements",
        actual: "\(elements.count)")
    }
    self.rows = rows
    self.columns = columns
    self.elements = elements
  }

  /// A matrix from a list of rows.
  ///
  /// - Throws: ``LinalgError/dimensionMismatch(operation:expected:actual:)`` when the
  ///   rows do not all have the same length.
  public init(_ rowList: [[Double]]) throws(LinalgError) {
    let width = rowList.first?.count ?? 0
    for (i, row) in rowList.enumerated() where row.count != width {
      throw .dimensionMismatch(
        operation: "Matrix(_:) row \(i)", expected: "\(width) columns", actual: "\(row.count)")
    }
    self.rows = rowList.count
    self.columns = width
    self.elements = rowList.flatMap { $0 }
  }

  /// The n×n identity.
  public static func identity(_ n: Int) -> Matrix {
    var m = Matrix(rows: n, columns: n)
    for i in 0..<n { m.elements[i * n + i] = 1 }
    return m
  }

  /// The square matrix with `values` on its diagonal and zeros elsewhere.
  public static func diagonal(_ values: [Double]) -> Matrix {
    let n = values.count
    var m = Matrix(rows: n, columns: n)
    for i in 0..<n { m.elements[i * n + i] = values[i] }
    return m
  }

  /// The 1×n matrix holding `values` as its only row.
  public static func row(_ values: [Double]) -> Matrix {
    Matrix(unchecked: 1, values.count, values)
  }

  /// The n×1 matrix holding `values` as its only column.
  public static func column(_ values: [Double]) -> Matrix {
    Matrix(unchecked: values.count, 1, values)
  }

  /// Wraps storage whose size the caller has already checked.
  @usableFromInline
  init(unchecked rows: Int, _ columns: Int, _ elements: [Double]) {
    assert(elements.count == rows * columns)
    self.rows = rows
    self.columns = columns
    self.elements = elements
  }

  // MARK: - Access

  /// Entry (i, j), zero-based.
  public subscript(i: Int, j: Int) -> Double {
    get {
      precondition(i >= 0 && i < rows && j >= 0 && j < columns, "Matrix: index (\(i), \(j)) out of \(rows)×\(columns)")
      return elements[i * columns + j]
    }
    set {
      precondition(i >= 0 && i < rows && j >= 0 && j < columns, "Matrix: index (\(i), \(j)) out of \(rows)×\(columns)")
      elements[i * columns + j] = newValue
    }
  }

  /// Whether the matrix is square.
  public var isSquare: Bool { rows == columns }

  /// Row `i` as a vector.
  public func row(_ i: Int) -> [Double] {
    precondition(i >= 0 && i < rows, "Matrix.row: \(i) out of 0..<\(rows)")
    return Array(elements[(i * columns)..<((i + 1) * columns)])
  }

  /// Column `j` as a vector.
  public func column(_ j: Int) -> [Double] {
    precondition(j >= 0 && j < columns, "Matrix.column: \(j) out of 0..<\(columns)")
    return (0..<rows).map { elements[$0 * columns + j] }
  }

  /// The diagonal entries (min(rows, columns) of them).
  public var diagonalElements: [Double] {
    (0..<Swift.min(rows, columns)).map { elements[$0 * columns + $0] }
  }

  /// The sum of the diagonal entries.
  public var trace: Double { diagonalElements.reduce(0, +) }

  /// The transpose.
  public var transposed: Matrix {
    var t = Matrix(rows: columns, columns: rows)
    for i in 0..<rows {
      for j in 0..<columns { t.elements[j * rows + i] = elements[i * columns + j] }
    }
    return t
  }

  /// The matrix made of the given rows and columns, in the given order.
  public func submatrix(rows rowIndices: [Int], columns columnIndices: [Int]) -> Matrix {
    var s = Matrix(rows: rowIndices.count, columns: columnIndices.count)
    for (a, i) in rowIndices.enumerated() {
      for (b, j) in columnIndices.enumerated() { s.elements[a * columnIndices.count + b] = self[i, j] }
    }
    return s
  }

  /// Whether every entry is finite.
  public var isFinite: Bool { elements.allSatisfy { $0.isFinite } }

  /// Calls `body` with the row-major storage, for BLAS calls and kernels.
  @inlinable
  public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Double>) throws -> R) rethrows -> R {
    try elements.withUnsafeBufferPointer(body)
  }

  /// Calls `body` with mutable row-major storage, for BLAS calls and kernels.
  public mutating func withUnsafeMutableBufferPointer<R>(
    _ body: (inout UnsafeMutableBufferPointer<Double>) throws -> R
  ) rethrows -> R {
    try elements.withUnsafeMutableBufferPointer(body)
  }
}
