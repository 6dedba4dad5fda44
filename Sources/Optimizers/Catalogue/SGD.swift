/// Stochastic gradient descent with momentum, dampening, Nesterov and L2 decay
/// (torch.optim.SGD semantics).
///
/// ```
/// g ← g + λθ                                   (L2, coupled)
/// b ← g  (t = 1),   b ← μb + (1 − τ)g  (t > 1)  if μ ≠ 0
/// g ← g + μb  (Nesterov)  or  g ← b             if μ ≠ 0
/// θ ← θ − η g                                   [OPT-SGD]
/// ```
/// - Parameters:
///   - learningRate: (η) step size.
///   - momentum: (μ) heavy-ball momentum; 0 disables the buffer.
///   - dampening: (τ) scales the new gradient in the buffer (not on step 1).
///   - weightDecay: (λ) L2 penalty added to the gradient.
///   - nesterov: use the Nesterov look-ahead (needs μ > 0, τ = 0).
///
/// The buffer b = μb + g is PyTorch's, not the EMA (1 − β)-weighted momentum of
/// Adam and AdaBayes' SGD limit; with lr η and momentum μ it moves like EMA
/// momentum at rate η/(1 − μ).
public struct SGD<Scalar: OptimizerScalar>: GradientTransformation, LearningRateScheduled {
  public var learningRate: Double
  public let initialLearningRate: Double
  public let momentum: Double
  public let dampening: Double
  public let weightDecay: Double
  public let nesterov: Bool

  /// SGD with torch's defaults for everything but the learning rate.
  public init(learningRate: Double = 1e-3, momentum: Double = 0, dampening: Double = 0, weightDecay: Double = 0, nesterov: Bool = false) {
    precondition(learningRate >= 0, "SGD: learningRate must be ≥ 0")
    precondition(momentum >= 0, "SGD: momentum must be ≥ 0")
    precondition(weightDecay >= 0, "SGD: weightDecay must be ≥ 0")
    precondition(!nesterov || (momentum > 0 && dampening == 0), "SGD: Nesterov needs momentum > 0 and zero dampening")
    self.learningRate = learningRate
    self.initialLearningRate = learningRate
    self.momentum = momentum
    self.dampening = dampening
    self.weightDecay = weightDecay
    self.nesterov = nesterov
  }

  /// The step count and the momentum buffer (empty when μ = 0).
  public struct State: Sendable, Codable, Equatable {
    public var step = 0
    public var momentumBuffer: [Scalar]
  }

  public func initialState(for parameters: [Scalar]) -> State {
    State(momentumBuffer: momentum != 0 ? [Scalar](repeating: 0, count: parameters.count) : [])
  }

  public func update(_ updates: inout [Scalar], state: inout State, parameters: [Scalar]) {
    withStepBuffers(updates: &updates, parameters: parameters) { run($0, $1, $2, $3, &state, .increments) }
  }

  public func apply(gradient: [Scalar], to parameters: inout [Scalar], state: inout State) {
    withStepBuffers(gradient: gradient, parameters: &parameters) { run($0, $1, $2, $3, &state, .parameters) }
  }

  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  @inlinable
  func run(
    _ g: UnsafePointer<Scalar>, _ theta: UnsafePointer<Scalar>, _ out: UnsafeMutablePointer<Scalar>, _ n: Int,
    _ state: inout State, _ target: StepTarget
  ) {
    state.step += 1
    let lr = Scalar(learningRate), wd = Scalar(weightDecay), mu = Scalar(momentum)
    let keep = Scalar(1 - dampening)
    let first = state.step == 1
    let decays = weightDecay != 0, useNesterov = nesterov
    state.momentumBuffer.withUnsafeMutableBufferPointer { buffer in
      let b = momentum != 0 ? buffer.baseAddress : nil
      for i in 0..<n {
        // [OPT-SGD] g ← g + λθ; b ← μb + (1 − τ)g; g ← g + μb or b; θ ← θ − ηg
        var d = decays ? g[i] + wd * theta[i] : g[i]
        if let b {
          b[i] = first ? d : mu * b[i] + keep * d
          d = useNesterov ? d + mu * b[i] : b[i]
        }
        let delta = -lr * d
        out[i] = target == .parameters ? theta[i] + delta : delta
      }
    }
  }
}
