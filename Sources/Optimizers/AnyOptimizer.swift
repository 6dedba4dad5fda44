/// The common surface of every optimizer, for code that picks one at run time
/// (the registry, the CLI, the training loop, the conformance tests).
public protocol OptimizerProtocol<Scalar>: Sendable {
  /// The element type.
  associatedtype Scalar: OptimizerScalar
  /// The current parameters.
  var parameters: [Scalar] { get }
  /// The number of steps taken.
  var stepCount: Int { get }
  /// One step with the gradient of the mean loss.
  mutating func step(gradient: [Scalar]) throws(OptimizerError)
  /// σ²_post per parameter, where the optimizer has one.
  var posteriorVariances: [Scalar]? { get }
  /// The bias-corrected ⟨g²⟩ per parameter, where the optimizer keeps one.
  var meanSquaredGradients: [Scalar]? { get }
  /// The learning rate the next step uses (a schedule sets it between steps).
  var learningRate: Double { get set }
  /// The learning rate the optimizer was built with.
  var initialLearningRate: Double { get }
}

extension Optimizer: OptimizerProtocol where Transform: LearningRateScheduled {
  public var initialLearningRate: Double { transform.initialLearningRate }
}
