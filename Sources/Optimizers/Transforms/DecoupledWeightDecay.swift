/// Adds decoupled weight decay to the increment, optionally only where a mask is true.
///
/// ```
/// Δᵢ ← Δᵢ − ηλ·θᵢ    where maskᵢ (all parameters without a mask)     [OPT-DECAY]
/// ```
/// Chained after an optimizer without decay it gives AdamW-style decay with
/// a mask, e.g. none on biases or normalisation gains. η follows schedules.
public struct DecoupledWeightDecay<Scalar: OptimizerScalar>: GradientTransformation, LearningRateScheduled {
  public var learningRate: Double
  public let initialLearningRate: Double
  /// λ: the decay per unit learning rate.
  public let weightDecay: Double
  /// Which parameters decay (`nil`: all).
  public let mask: [Bool]?

  /// Decay ηλθ on the parameters where `mask` is true (all if `nil`).
  public init(learningRate: Double, weightDecay: Double, mask: [Bool]? = nil) {
    precondition(learningRate >= 0 && weightDecay >= 0, "DecoupledWeightDecay: learningRate and weightDecay must be ≥ 0")
    self.learningRate = learningRate
    self.initialLearningRate = learningRate
    self.weightDecay = weightDecay
    self.mask = mask
  }

  public func initialState(for parameters: [Scalar]) -> Int {
    precondition(mask == nil || mask?.count == parameters.count, "DecoupledWeightDecay: mask of \(mask?.count ?? 0) for \(parameters.count) parameters")
    return 0
  }

  public func update(_ updates: inout [Scalar], state: inout Int, parameters: [Scalar]) {
    let rate = Scalar(learningRate * weightDecay)
    withStepBuffers(updates: &updates, parameters: parameters) { _, theta, out, n in
      if let mask {
        // [OPT-DECAY] Δ −= ηλθ where the mask is set
        for i in 0..<n where mask[i] { out[i] -= rate * theta[i] }
      } else {
        for i in 0..<n { out[i] -= rate * theta[i] }
      }
    }
    state += 1
  }
}
