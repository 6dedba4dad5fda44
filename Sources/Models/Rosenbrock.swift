import Linalg

/// The Rosenbrock function in n ≥ 2 dimensions (the chained form).
///
/// ```
/// f(x) = Σᵢ₌₀^{n−2} [100(xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)²]                   [MODEL-ROSENBROCK]
/// ∂f/∂xᵢ = −400xᵢ(xᵢ₊₁ − xᵢ²) − 2(1 − xᵢ) + 200(xᵢ − xᵢ₋₁²)
/// ```
/// The minimum is f = 0 at x = (1, …, 1); n = 2 is the classic banana from
/// (−1.2, 1).
public struct Rosenbrock<Scalar: BLASScalar>: Objective, Sendable {
  public let parameterCount: Int
  public var exampleCount: Int { 1 }

  /// The n-dimensional function.
  ///
  /// - Precondition: n ≥ 2.
  public init(dimension: Int = 2) {
    precondition(dimension >= 2, "Rosenbrock: dimension must be ≥ 2")
    self.parameterCount = dimension
  }

  /// The minimiser (1, …, 1).
  public var minimizer: [Scalar] { [Scalar](repeating: 1, count: parameterCount) }

  public func loss(at x: [Scalar], batch: some Collection<Int>, gradient: inout [Scalar]) -> Scalar {
    precondition(x.count == parameterCount && gradient.count == parameterCount, "Rosenbrock: wrong vector length")
    var value: Scalar = 0
    for i in 0..<parameterCount { gradient[i] = 0 }
    for i in 0..<(parameterCount - 1) {
      // [MODEL-ROSENBROCK] 100(xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)² and its two partials
      let valley = x[i + 1] - x[i] * x[i]
      let offset = 1 - x[i]
      value += 100 * valley * valley + offset * offset
      gradient[i] += -400 * x[i] * valley - 2 * offset
      gradient[i + 1] += 200 * valley
    }
    return value
  }
}
