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
public struct SGD<Scalar: OptimizerScalar>: GradientTransformation, LearningRateScheduled, ElementwiseKernel {
  typealias FloatKernel = SGD<Float>
  typealias DoubleKernel = SGD<Double>

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

  /// One step, in the loop compiled for the actual scalar type.
  func run(
    _ g: UnsafePointer<Scalar>, _ theta: UnsafePointer<Scalar>, _ out: UnsafeMutablePointer<Scalar>, _ n: Int,
    _ state: inout State, _ target: StepTarget
  ) {
    dispatch(
      g, theta, out, n, &state, target, float: { (me: SGD<Float>, g, theta, out, state) in me.kernel(g, theta, out, n, &state, target) },
      double: { (me: SGD<Double>, g, theta, out, state) in me.kernel(g, theta, out, n, &state, target) })
  }

  func kernel(
    _ g: UnsafePointer<Scalar>, _ theta: UnsafePointer<Scalar>, _ out: UnsafeMutablePointer<Scalar>, _ n: Int,
    _ state: inout State, _ target: StepTarget
  ) {
    state.step += 1
    state.momentumBuffer.withUnsafeMutableBufferPointer { buffer in
      // The first step sets b = g: b ← 0·b + 1·g, exact since b starts at 0.
      let first = state.step == 1
      let lr = Scalar(learningRate), wd = Scalar(weightDecay), mu = Scalar(momentum)
      let carry = first ? 0 : mu, keep = first ? 1 : Scalar(1 - dampening)
      func run<M: StaticFlag, N: StaticFlag>(_: M.Type, _: N.Type, _ b: UnsafeMutablePointer<Scalar>) {
        let step = Step<M, N>(lr: lr, wd: wd, mu: mu, carry: carry, keep: keep, buffer: b)
        forEachElement(g, theta, out, n, target, step)
      }
      switch (momentum != 0 ? buffer.baseAddress : nil, nesterov) {
      case (let b?, true): run(FlagOn.self, FlagOn.self, b)
      case (let b?, false): run(FlagOn.self, FlagOff.self, b)
      case (nil, _): run(FlagOff.self, FlagOff.self, out)
      }
    }
  }

  /// [OPT-SGD] for one element, with or without the momentum buffer and Nesterov's look-ahead.
  struct Step<Momentum: StaticFlag, Nesterov: StaticFlag>: ElementStep, @unchecked Sendable {
    let lr, wd, mu, carry, keep: Scalar
    /// The momentum buffer (unused without momentum).
    let buffer: UnsafeMutablePointer<Scalar>

    @inline(__always)
    func callAsFunction(_ i: Int, _ gi: Scalar, _ thetai: Scalar, _ apply: Bool) -> Scalar {
      // [OPT-SGD] g ← g + λθ; b ← μb + (1 − τ)g; g ← g + μb or b; θ ← θ − ηg
      // (λ = 0 adds 0·θ = 0 exactly for finite θ, so there is no branch.)
      var d = gi + wd * thetai
      if Momentum.isOn {
        let b = carry * buffer[i] + keep * d
        buffer[i] = b
        d = Nesterov.isOn ? d + mu * b : b
      }
      let delta = -lr * d
      return apply ? thetai + delta : delta
    }
  }
}
