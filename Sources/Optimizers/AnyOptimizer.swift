import Filtering
import Linalg

/// The common surface of every optimizer, for code that picks one at run time
/// (the registry, the CLI, the training loop, the conformance tests).
public protocol OptimizerProtocol<Scalar>: Sendable {
  /// The element type.
  associatedtype Scalar: OptimizerScalar
  /// The current parameters.
  var parameters: [Scalar] { get }
  /// The number of steps taken.
  var stepCount: Int { get }
  /// One step with the gradient of the mean loss (scanned for NaN and infinity first).
  mutating func step(gradient: [Scalar]) throws(OptimizerError)
  /// What ``step(gradient:)`` does with a NaN or an infinity: refuse (throw) or skip.
  var nonFiniteGradientPolicy: NonFiniteGradientPolicy { get set }
  /// Steps skipped under ``NonFiniteGradientPolicy/skip`` since the optimizer was made.
  var skippedSteps: Int { get }
  /// Whether the optimizer updates from a linearised likelihood (``step(evidence:)``).
  var consumesEvidence: Bool { get }
  /// One step from a linearised likelihood (full-covariance Kalman only).
  mutating func step(evidence: DenseQuadraticEvidence) throws(OptimizerError)
  /// The Gaussian observation-noise variance s² the optimizer assumes for regression likelihoods.
  var observationNoiseVariance: Double { get }
  /// σ²_post per parameter, where the optimizer has one.
  var posteriorVariances: [Scalar]? { get }
  /// The bias-corrected ⟨g²⟩ per parameter, where the optimizer keeps one.
  var meanSquaredGradients: [Scalar]? { get }
  /// The dense posterior covariance, where the optimizer keeps one.
  var posteriorCovariance: Matrix? { get }
  /// The learning rate the next step uses (a schedule sets it between steps).
  var learningRate: Double { get set }
  /// The learning rate the optimizer was built with.
  var initialLearningRate: Double { get }
  /// The transform's state, for checkpoints (encode it with any `Encoder`).
  var stateSnapshot: any Codable & Sendable { get }
  /// The type of ``stateSnapshot``, for decoding a checkpoint.
  var stateType: any (Codable & Sendable).Type { get }
  /// Restores parameters, state and step count saved from an optimizer of the same kind.
  ///
  /// - Throws: ``OptimizerError/stateMismatch(_:)`` when the state is of another
  ///   type or the parameter count differs; nothing changes then.
  mutating func restore(parameters: [Scalar], state: any Codable & Sendable, stepCount: Int) throws(OptimizerError)
}

extension Optimizer: OptimizerProtocol where Transform: LearningRateScheduled, Transform.State: Codable {
  public var initialLearningRate: Double { transform.initialLearningRate }

  public var observationNoiseVariance: Double { (transform as? any LikelihoodModelled)?.observationNoiseVariance ?? 1 }

  public var stateSnapshot: any Codable & Sendable { state }

  public var stateType: any (Codable & Sendable).Type { Transform.State.self }

  public mutating func restore(parameters: [Transform.Scalar], state: any Codable & Sendable, stepCount: Int) throws(OptimizerError) {
    guard let typed = state as? Transform.State else {
      throw .stateMismatch("a saved state of type \(type(of: state)) cannot restore \(Transform.self)")
    }
    guard parameters.count == self.parameters.count else {
      throw .stateMismatch("\(parameters.count) saved parameters for an optimizer of \(self.parameters.count)")
    }
    // The policy and the count of skipped steps belong to this run, not to the saved state.
    var restored = Optimizer(transform, parameters: parameters, state: typed, stepCount: stepCount)
    restored.nonFiniteGradientPolicy = nonFiniteGradientPolicy
    restored.skippedSteps = skippedSteps
    self = restored
  }
}

/// A transform that assumes a likelihood for the data (the Kalman filters do).
public protocol LikelihoodModelled {
  /// s²: the variance of the Gaussian observation noise for regression targets.
  var observationNoiseVariance: Double { get }
}
