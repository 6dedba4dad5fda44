import Linalg
import Models

extension SplitMix64 {
  /// A vector of n standard normal variates.
  public mutating func gaussianVector(_ n: Int) -> [Double] {
    (0..<n).map { _ in nextGaussian() }
  }

  /// A rows×columns matrix of standard normal variates.
  public mutating func gaussianMatrix(rows: Int, columns: Int) -> Matrix {
    // The shape matches the element count by construction.
    (try? Matrix(rows: rows, columns: columns, elements: gaussianVector(rows * columns)))
      ?? Matrix(rows: rows, columns: columns)
  }

  /// A random symmetric positive definite n×n matrix G Gᵀ/n + shift·I.
  public mutating func positiveDefiniteMatrix(_ n: Int, shift: Double = 0.1) -> Matrix {
    let g = gaussianMatrix(rows: n, columns: n)
    return (1 / Double(n)) * g.gram(.none) + shift * .identity(n)
  }
}
