import Linalg
import Models
import TestSupport
import Testing

@Suite("Matrix", .tags(.property))
struct MatrixTests {
  @Test func rowMajorLayoutAndSubscripts() throws {
    let a = try Matrix([[1, 2, 3], [4, 5, 6]])
    #expect(a.rows == 2 && a.columns == 3)
    #expect(a.elements == [1, 2, 3, 4, 5, 6])
    #expect(a[1, 0] == 4)
    #expect(a.row(1) == [4, 5, 6])
    #expect(a.column(2) == [3, 6])
    #expect(a.transposed == (try Matrix([[1, 4], [2, 5], [3, 6]])))
  }

  @Test func raggedRowsAndWrongCountsAreTypedErrors() {
    #expect(throws: LinalgError.self) { try Matrix([[1, 2], [3]]) }
    #expect(throws: LinalgError.self) { try Matrix(rows: 2, columns: 2, elements: [1, 2, 3]) }
  }

  @Test func identityDiagonalAndTrace() {
    let d = Matrix.diagonal([1, 2, 3])
    #expect(d.trace == 6)
    #expect(d.diagonalElements == [1, 2, 3])
    #expect(Matrix.identity(3).trace == 3)
  }

  @Test func symmetrizeAveragesTheTwoTriangles() throws {
    var a = try Matrix([[1, 2], [4, 3]])
    #expect(a.maximumAsymmetry == 2)
    a.symmetrize()
    #expect(a == (try Matrix([[1, 3], [3, 3]])))
    #expect(a.maximumAsymmetry == 0)
  }

  @Test func validateSymmetricNamesTheOffendingEntry() throws {
    let a = try Matrix([[1, 0, 0], [0, 1, 0], [0, 0.5, 1]])
    #expect(throws: LinalgError.notSymmetric(operation: "test", row: 1, column: 2, asymmetry: 0.5, size: 3)) {
      try a.validateSymmetric("test")
    }
    #expect(throws: LinalgError.self) { try Matrix(rows: 2, columns: 3).validateSymmetric("test") }
  }

  @Test func submatrixPicksRowsAndColumnsInOrder() throws {
    let a = try Matrix([[1, 2, 3], [4, 5, 6], [7, 8, 9]])
    #expect(a.submatrix(rows: [2, 0], columns: [1, 2]) == (try Matrix([[8, 9], [2, 3]])))
  }

  @Test func elementwiseArithmetic() throws {
    let a = try Matrix([[1, 2], [3, 4]])
    let b = try Matrix([[4, 3], [2, 1]])
    #expect(a + b == (try Matrix([[5, 5], [5, 5]])))
    #expect(a - b == (try Matrix([[-3, -1], [1, 3]])))
    #expect(2 * a == (try Matrix([[2, 4], [6, 8]])))
    #expect((-a).maximumAbsoluteEntry == 4)
  }
}
