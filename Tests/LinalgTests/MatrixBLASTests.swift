import Linalg
import Models
import TestSupport
import Testing

/// A textbook triple loop, the oracle for the BLAS products.
private func naiveProduct(_ a: Matrix, _ b: Matrix) -> Matrix {
  var c = Matrix(rows: a.rows, columns: b.columns)
  for i in 0..<a.rows {
    for j in 0..<b.columns {
      var s = 0.0
      for k in 0..<a.columns { s += a[i, k] * b[k, j] }
      c[i, j] = s
    }
  }
  return c
}

// Products of k-term sums of O(1) Gaussian entries carry rounding errors of
// about k·ε·max|aᵢₖbₖⱼ| ≲ 7·2.2e-16·O(10) for k ≤ 7, so 1e-13 absolute is a
// bound with margin, not a tuned value.
private let productTolerance = 1e-13

@Suite("Matrix BLAS products", .tags(.property))
struct MatrixBLASTests {
  @Test(arguments: [(1, 1, 1), (3, 5, 2), (7, 4, 6)])
  func gemmMatchesTheTripleLoopForEveryTransposition(shape: (Int, Int, Int)) {
    var rng = SplitMix64(seed: 1)
    let (m, k, n) = shape
    let a = rng.gaussianMatrix(rows: m, columns: k)
    let b = rng.gaussianMatrix(rows: k, columns: n)
    let expected = naiveProduct(a, b)
    #expect(maximumAbsoluteDifference(a * b, expected) < productTolerance)
    #expect(maximumAbsoluteDifference(Matrix.product(a.transposed, .transposed, b, .none), expected) < productTolerance)
    #expect(maximumAbsoluteDifference(Matrix.product(a, .none, b.transposed, .transposed), expected) < productTolerance)
    #expect(
      maximumAbsoluteDifference(Matrix.product(a, .none, b, .none, scale: -2), -2 * expected) < 2 * productTolerance)
  }

  @Test func addProductAccumulatesInPlace() {
    var rng = SplitMix64(seed: 2)
    let a = rng.gaussianMatrix(rows: 3, columns: 4)
    let b = rng.gaussianMatrix(rows: 4, columns: 2)
    let c0 = rng.gaussianMatrix(rows: 3, columns: 2)
    var c = c0
    c.addProduct(a, .none, b, .none, scale: 0.5, accumulate: 2)
    #expect(maximumAbsoluteDifference(c, 0.5 * naiveProduct(a, b) + 2 * c0) < productTolerance)
  }

  @Test func gemvMatchesTheTripleLoop() {
    var rng = SplitMix64(seed: 3)
    let a = rng.gaussianMatrix(rows: 5, columns: 3)
    let x = rng.gaussianVector(3)
    let y = rng.gaussianVector(5)
    #expect(maximumAbsoluteDifference(a * x, naiveProduct(a, .column(x)).elements) < productTolerance)
    #expect(maximumAbsoluteDifference(a.applied(to: y, .transposed), naiveProduct(a.transposed, .column(y)).elements) < productTolerance)
    #expect(abs(x.dot(x) - x.reduce(0) { $0 + $1 * $1 }) < productTolerance)
  }

  @Test func syrkGramIsExactlySymmetricAndEqualsTheProduct() {
    var rng = SplitMix64(seed: 4)
    let a = rng.gaussianMatrix(rows: 6, columns: 4)
    let ata = a.gram(.transposed)
    let aat = a.gram(.none)
    #expect(ata.maximumAsymmetry == 0 && aat.maximumAsymmetry == 0)
    #expect(maximumAbsoluteDifference(ata, naiveProduct(a.transposed, a)) < productTolerance)
    #expect(maximumAbsoluteDifference(aat, naiveProduct(a, a.transposed)) < productTolerance)
  }

  @Test func symmProductAndCongruence() {
    var rng = SplitMix64(seed: 5)
    let s = rng.positiveDefiniteMatrix(4)
    let b = rng.gaussianMatrix(rows: 3, columns: 4)
    #expect(maximumAbsoluteDifference(s.symmetricProduct(b.transposed), naiveProduct(s, b.transposed)) < productTolerance)
    let bsbt = s.congruence(by: b)
    #expect(bsbt.maximumAsymmetry == 0)
    #expect(maximumAbsoluteDifference(bsbt, naiveProduct(naiveProduct(b, s), b.transposed)) < productTolerance)
  }

  @Test func symmProductFromTheRight() {
    var rng = SplitMix64(seed: 6)
    let s = rng.positiveDefiniteMatrix(5)
    let b = rng.gaussianMatrix(rows: 3, columns: 5)
    #expect(maximumAbsoluteDifference(s.symmetricProduct(leftFactor: b), naiveProduct(b, s)) < productTolerance)
    #expect(s.symmetricProduct(leftFactor: Matrix(rows: 0, columns: 5)).rows == 0)
    let x = (0..<5).map { Double($0) - 2 }
    #expect(zip(s.symmetricApplied(to: x), naiveProduct(s, .column(x)).elements).allSatisfy { abs($0 - $1) < productTolerance })
  }

  @Test("mirroring the lower triangle copies exactly, across tile edges", arguments: [1, 63, 64, 65, 150])
  func mirrorLowerTriangle(n: Int) {
    var rng = SplitMix64(seed: UInt64(n))
    let original = rng.gaussianMatrix(rows: n, columns: n)
    var mirrored = original
    mirrored.mirrorLowerTriangle()
    for i in 0..<n {
      for j in 0..<n {
        #expect(mirrored[i, j] == original[Swift.max(i, j), Swift.min(i, j)])
      }
    }
  }

  @Test func emptyShapesAreHarmless() {
    let a = Matrix(rows: 0, columns: 3)
    let b = Matrix(rows: 3, columns: 2)
    #expect((a * b).rows == 0)
    #expect(Matrix(rows: 2, columns: 0) * Matrix(rows: 0, columns: 2) == Matrix(rows: 2, columns: 2))
  }
}
