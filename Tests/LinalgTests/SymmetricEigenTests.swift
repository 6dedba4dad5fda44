import Linalg
import Models
import TestSupport
import Testing

@Suite("SymmetricEigen (dsyevd)", .tags(.property))
struct SymmetricEigenTests {
  @Test func knownSpectrum() throws {
    // [[2, 1], [1, 2]] has eigenvalues 1 and 3.
    let e = try SymmetricEigen(try Matrix([[2, 1], [1, 2]]))
    #expect(maximumAbsoluteDifference(e.values, [1, 3]) < 1e-15)
  }

  @Test(arguments: [2, 6, 15])
  func decompositionIsOrthonormalAndReconstructs(n: Int) throws {
    var rng = SplitMix64(seed: 100 + UInt64(n))
    let a = rng.positiveDefiniteMatrix(n)
    let e = try SymmetricEigen(a)
    #expect(zip(e.values, e.values.dropFirst()).allSatisfy { $0 <= $1 })
    // Backward-stable: ‖VΛVᵀ − A‖ and ‖VᵀV − I‖ are O(n·ε·‖A‖).
    let bound = Double(n) * 16 * .ulpOfOne
    #expect(maximumAbsoluteDifference(e.vectors.gram(.transposed), .identity(n)) < bound)
    #expect(maximumAbsoluteDifference(e.applying { $0 }, a) < bound * a.maximumAbsoluteEntry)
    // The square root squares back to A.
    let root = e.applying { $0.squareRoot() }
    #expect(maximumAbsoluteDifference(root * root, a) < 4 * bound * a.maximumAbsoluteEntry)
  }

  @Test func errors() {
    #expect(throws: LinalgError.self) { try SymmetricEigen(Matrix(rows: 1, columns: 2)) }
    #expect(throws: LinalgError.nonFinite(operation: "SymmetricEigen", index: 0)) {
      try SymmetricEigen(Matrix.diagonal([.infinity]))
    }
  }
}
