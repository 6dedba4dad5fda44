import Linalg
import Models
import RealModule
import TestSupport
import Testing

@Suite("Cholesky (dpotrf/dpotrs)", .tags(.property))
struct CholeskyTests {
  @Test func knownTwoByTwo() throws {
    // [[4, 2], [2, 3]] = L Lᵀ with L = [[2, 0], [1, √2]]; det = 8.
    let chol = try Cholesky(try Matrix([[4, 2], [2, 3]]))
    #expect(chol.factor == (try Matrix([[2, 0], [1, 2.0.squareRoot()]])))
    // 2 log 2 + log 2 + … : three rounded logs summed, within 2 ulp of log 8.
    #expect(abs(chol.logDeterminant - Double.log(8)) <= 2 * Double.log(8).ulp)
    // A x = b with b = A·(1, −1) = (2, −1)
    let x = chol.solve([2, -1])
    #expect(maximumAbsoluteDifference(x, [1, -1]) < 1e-15)
  }

  @Test(arguments: [1, 3, 8, 20])
  func factorSolveAndLogDeterminant(n: Int) throws {
    var rng = SplitMix64(seed: UInt64(n))
    let a = rng.positiveDefiniteMatrix(n, shift: 0.5)
    let chol = try Cholesky(a)
    // Backward stability of Cholesky: ‖LLᵀ − A‖ ≲ n·ε·‖A‖ (Higham, Thm 10.3).
    let scale = a.maximumAbsoluteEntry
    #expect(maximumAbsoluteDifference(chol.reconstructed, a) <= Double(n) * 4 * .ulpOfOne * scale)
    let xTrue = rng.gaussianVector(n)
    let b = a * xTrue
    // Forward error ≲ κ(A)·n·ε; κ ≤ (λmax/0.5) < 20 for these matrices.
    let eigen = try SymmetricEigen(a)
    let kappa = eigen.values.last! / eigen.values.first!
    #expect(relativeDifference(chol.solve(b), xTrue) <= kappa * Double(n) * 8 * .ulpOfOne)
    let logDet = eigen.values.reduce(0) { $0 + Double.log($1) }
    #expect(abs(chol.logDeterminant - logDet) <= Double(n) * 16 * .ulpOfOne * max(1, abs(logDet)))
    // bᵀA⁻¹b two ways
    #expect(relativeDifference(chol.inverseQuadraticForm(b), b.dot(chol.solve(b))) <= kappa * Double(n) * 8 * .ulpOfOne)
  }

  @Test func matrixRightHandSides() throws {
    var rng = SplitMix64(seed: 11)
    let a = rng.positiveDefiniteMatrix(5, shift: 1)
    let x = rng.gaussianMatrix(rows: 5, columns: 3)
    let solved = try Cholesky(a).solve(a * x)
    #expect(maximumAbsoluteDifference(solved, x) < 1e-13)
  }

  @Test func notPositiveDefiniteNamesTheLeadingMinor() throws {
    let a = Matrix.diagonal([1, 2, -1, 4])
    #expect(throws: LinalgError.notPositiveDefinite(leadingMinor: 3, size: 4)) { try Cholesky(a) }
    // Singular: [[1, 1], [1, 1]] fails at the second minor.
    #expect(throws: LinalgError.notPositiveDefinite(leadingMinor: 2, size: 2)) { try Cholesky(try Matrix([[1, 1], [1, 1]])) }
  }

  @Test func shapeAndNonFiniteInputsAreTypedErrors() throws {
    #expect(throws: LinalgError.self) { try Cholesky(Matrix(rows: 2, columns: 3)) }
    #expect(throws: LinalgError.nonFinite(operation: "Cholesky", index: 3)) {
      try Cholesky(try Matrix([[1, 0], [0, .nan]]))
    }
    let message = String(describing: LinalgError.notPositiveDefinite(leadingMinor: 3, size: 4))
    #expect(message.contains("4×4") && message.contains("order 3"))
  }

  @Test func emptyMatrix() throws {
    let chol = try Cholesky(Matrix(rows: 0, columns: 0))
    #expect(chol.logDeterminant == 0)
    #expect(chol.solve([]) == [])
  }
}
