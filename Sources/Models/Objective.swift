import Linalg

/// A training objective: a loss over examples and its gradient with respect
/// to a flat parameter vector.
///
/// **The convention, stated once for the package:** `loss(at:batch:gradient:)`
/// returns the *mean* loss over the examples in `batch` and writes the
/// gradient of that mean. Optimizers that need the summed-loss scale
/// (AdaBayes, AdaBayes-FP: g = B·∇(mean loss)) take the batch size B as a
/// hyperparameter; nothing else rescales gradients. Analytic test functions
/// (Rosenbrock, Quadratic) have one "example" and ignore `batch`.
///
/// `loss` is `mutating` so that models can keep their work buffers
/// (activations, deltas) inside the value and reuse them across calls.
public protocol Objective<Scalar> {
  /// The element type.
  associatedtype Scalar: BLASScalar
  /// The number of parameters.
  var parameterCount: Int { get }
  /// The number of examples the objective averages over (1 for analytic functions).
  var exampleCount: Int { get }
  /// The mean loss over `batch` at `parameters`, with its gradient written into `gradient`.
  ///
  /// - Precondition: `parameters.count == parameterCount == gradient.count`.
  mutating func loss(at parameters: [Scalar], batch: some Collection<Int>, gradient: inout [Scalar]) -> Scalar
}

extension Objective {
  /// The mean loss over every example and its gradient (allocates the gradient).
  public mutating func valueAndGradient(at parameters: [Scalar]) -> (value: Scalar, gradient: [Scalar]) {
    var gradient = [Scalar](repeating: 0, count: parameterCount)
    let value = loss(at: parameters, batch: 0..<exampleCount, gradient: &gradient)
    return (value, gradient)
  }
}
