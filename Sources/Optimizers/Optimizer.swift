import Filtering
import Linalg

/// A torch-like optimizer: a transform, the parameters it moves, and its state.
///
/// `Optimizer` is a value: a copy is a checkpoint of parameters, state and
/// step count. ``step(gradient:)`` takes the gradient of the mean loss and
/// moves the parameters in one fused pass.
///
/// ```swift
/// var optimizer = Optimizer(Adam<Double>(learningRate: 1e-2), parameters: [1, -2])
/// try optimizer.step(gradient: [2, -4])
/// ```
public struct Optimizer<Transform: GradientTransformation>: Sendable {
  /// The update rule and its hyperparameters.
  public private(set) var transform: Transform
  /// The current parameters θ.
  public private(set) var parameters: [Transform.Scalar]
  /// The transform's state (moments, posterior variances, step count).
  public private(set) var state: Transform.State
  /// The number of steps taken.
  public private(set) var stepCount = 0
  /// What ``step(gradient:)`` does with a NaN or an infinity in the gradient.
  public var nonFiniteGradientPolicy = NonFiniteGradientPolicy.refuse
  /// Steps skipped under ``NonFiniteGradientPolicy/skip``.
  public internal(set) var skippedSteps = 0

  /// An optimizer at `parameters`, with the transform's initial state.
  public init(_ transform: Transform, parameters: [Transform.Scalar]) {
    self.transform = transform
    self.parameters = parameters
    self.state = transform.initialState(for: parameters)
  }

  /// Restores an optimizer from saved parts (see checkpoints).
  public init(_ transform: Transform, parameters: [Transform.Scalar], state: Transform.State, stepCount: Int) {
    self.transform = transform
    self.parameters = parameters
    self.state = state
    self.stepCount = stepCount
  }

  /// One step with the gradient of the mean loss at the current parameters.
  ///
  /// The gradient is scanned for NaN and infinity first (one more read of it,
  /// split over threads like the step): a bad gradient changes nothing, and
  /// is refused or skipped according to ``nonFiniteGradientPolicy`` (or, under
  /// `.propagate`, not looked for).
  ///
  /// - Throws: ``OptimizerError/gradientCountMismatch(parameters:gradient:)``
  ///   when the gradient has the wrong length,
  ///   ``OptimizerError/nonFiniteGradient(index:step:)`` naming the first bad
  ///   entry (policy `.refuse`); nothing changes then.
  public mutating func step(gradient: [Transform.Scalar]) throws(OptimizerError) {
    guard gradient.count == parameters.count else {
      throw .gradientCountMismatch(parameters: parameters.count, gradient: gradient.count)
    }
    if nonFiniteGradientPolicy != .propagate, let bad = gradient.withUnsafeBufferPointer({ Transform.Scalar.firstNonFinite($0) }) {
      switch nonFiniteGradientPolicy {
      case .refuse: throw .nonFiniteGradient(index: bad, step: stepCount + 1)
      case .skip:
        skippedSteps += 1
        return
      case .propagate: break
      }
    }
    transform.apply(gradient: gradient, to: &parameters, state: &state)
    stepCount += 1
  }

  /// One step from a linearised likelihood (full-covariance Kalman); see
  /// ``GradientTransformation/consumesEvidence``.
  ///
  /// - Throws: ``OptimizerError/evidenceUnsupported(_:)`` for a gradient-only
  ///   transform or evidence of the wrong size; nothing changes then.
  public mutating func step(evidence: DenseQuadraticEvidence) throws(OptimizerError) {
    guard evidence.gradient.count == parameters.count else {
      throw .gradientCountMismatch(parameters: parameters.count, gradient: evidence.gradient.count)
    }
    try transform.apply(evidence: evidence, to: &parameters, state: &state)
    stepCount += 1
  }

  /// Whether ``step(evidence:)`` is available.
  public var consumesEvidence: Bool { transform.consumesEvidence }

  /// σ²_post per parameter where the transform has a posterior (AdaBayes, AdaBayes-FP).
  public var posteriorVariances: [Transform.Scalar]? { transform.posteriorVariances(state: state) }

  /// The dense posterior covariance where the transform keeps one (kalman, rls).
  public var posteriorCovariance: Matrix? { transform.posteriorCovariance(state: state) }

  /// The bias-corrected ⟨g²⟩ per parameter where the transform keeps one.
  public var meanSquaredGradients: [Transform.Scalar]? { transform.meanSquaredGradients(state: state) }
}

extension Optimizer where Transform: LearningRateScheduled {
  /// The learning rate the next step uses.
  public var learningRate: Double {
    get { transform.learningRate }
    set { transform.learningRate = newValue }
  }
}
