import Foundation
import Linalg

/// A quadratic objective f(x) = ½xᵀAx − bᵀx with A symmetric.
///
/// ```
/// f(x) = ½ xᵀAx − bᵀx,   ∇f(x) = Ax − b (?gemv)                   [MODEL-QUADRATIC]
/// ```
/// With A positive definite the minimiser is A⁻¹b. Files hold
/// `{"A": [[…], …], "b": […]}`.
public struct Quadratic<Scalar: BLASScalar>: Objective, Sendable {
  /// A, row-major, n×n and symmetric.
  public let matrix: [Scalar]
  /// b.
  public let linear: [Scalar]
  public var parameterCount: Int { linear.count }
  public var exampleCount: Int { 1 }

  /// The quadratic with row-major A (n×n, symmetric) and b (n).
  ///
  /// - Throws: ``DataError/invalid(path:reason:)`` (with `source` as the path)
  ///   when A is not n×n or not symmetric, or an entry is not finite.
  public init(matrix: [[Double]], linear: [Double], source: String = "quadratic") throws(DataError) {
    let n = linear.count
    guard n > 0 else { throw .invalid(path: source, reason: "b is empty") }
    guard matrix.count == n, matrix.allSatisfy({ $0.count == n }) else {
      throw .invalid(path: source, reason: "A must be \(n)×\(n) to match b of length \(n)")
    }
    for i in 0..<n {
      guard linear[i].isFinite else { throw .invalid(path: source, reason: "b[\(i)] is not a finite number") }
      for j in 0..<n {
        guard matrix[i][j].isFinite else { throw .invalid(path: source, reason: "A[\(i)][\(j)] is not a finite number") }
        let scale = max(abs(matrix[i][j]), abs(matrix[j][i]), 1)
        guard abs(matrix[i][j] - matrix[j][i]) <= 1e-12 * scale else {
          throw .invalid(path: source, reason: "A is not symmetric: A[\(i)][\(j)] = \(matrix[i][j]) but A[\(j)][\(i)] = \(matrix[j][i])")
        }
      }
    }
    self.matrix = matrix.flatMap { $0.map { Scalar($0) } }
    self.linear = linear.map { Scalar($0) }
  }

  /// Reads `{"A": [[…]], "b": […]}` from a JSON file.
  ///
  /// - Throws: ``DataError`` naming the file for unreadable, malformed or inconsistent input.
  public static func load(path: String) throws(DataError) -> Quadratic {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw .unreadable(path: path, reason: (error as NSError).localizedDescription)
    }
    let file: QuadraticFile
    do {
      file = try JSONDecoder().decode(QuadraticFile.self, from: data)
    } catch {
      throw .malformed(path: path, line: nil, reason: "expected {\"A\": [[numbers]], \"b\": [numbers]}: \(error)")
    }
    return try Quadratic(matrix: file.A, linear: file.b, source: path)
  }

  public func loss(at x: [Scalar], batch: some Collection<Int>, gradient: inout [Scalar]) -> Scalar {
    let n = parameterCount
    precondition(x.count == n && gradient.count == n, "Quadratic: wrong vector length")
    // [MODEL-QUADRATIC] ∇f = Ax − b; f = ½xᵀ(Ax) − bᵀx = xᵀ(½Ax − b)
    for i in 0..<n { gradient[i] = -linear[i] }
    matrix.withUnsafeBufferPointer { a in
      x.withUnsafeBufferPointer { xp in
        gradient.withUnsafeMutableBufferPointer { g in
          guard let a = a.baseAddress, let xp = xp.baseAddress, let g = g.baseAddress else { return }
          Scalar.gemv(.none, rows: n, columns: n, alpha: 1, a: a, lda: n, x: xp, beta: 1, y: g)
        }
      }
    }
    var value: Scalar = 0
    for i in 0..<n { value += x[i] * (gradient[i] - linear[i]) / 2 }
    return value
  }
}

/// The JSON layout of a quadratic objective file.
private struct QuadraticFile: Decodable {
  let A: [[Double]]
  let b: [Double]
}
