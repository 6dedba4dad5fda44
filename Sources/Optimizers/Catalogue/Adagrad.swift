/// Adagrad (torch.optim.Adagrad semantics).
///
/// ```
/// g ← g + λθ;   η̃ = η/(1 + (t − 1)·δ)
/// S ← S + g²   (S₀ = initial accumulator)
/// θ ← θ − η̃ · g/(√S + ε)                       [OPT-ADAGRAD]
/// ```
/// torch's ε default is 1e-10 and S₀ = 0 (optax: 0.1 and ε inside the √).
///
/// References: J. Duchi, E. Hazan, Y. Singer, JMLR 12, 2011.
public struct Adagrad<Scalar: OptimizerScalar>: GradientTransformation, LearningRateScheduled, ElementwiseKernel {
  typealias FloatKernel = Adagrad<Float>
  typealias DoubleKernel = Adagrad<Double>

  public var learningRate: Double
  public let initialLearningRate: Double
  public let learningRateDecay: Double
  public let weightDecay: Double
  public let initialAccumulatorValue: Double
  public let epsilon: Double

  /// Adagrad with torch's defaults (η = 1e-2, ε = 1e-10).
  public init(
    learningRate: Double = 1e-2, learningRateDecay: Double = 0, weightDecay: Double = 0,
    initialAccumulatorValue: Double = 0, epsilon: Double = 1e-10
  ) {
    precondition(
      learningRate >= 0 && learningRateDecay >= 0 && weightDecay >= 0 && initialAccumulatorValue >= 0 && epsilon >= 0,
      "Adagrad: hyperparameters must be ≥ 0")
    self.learningRate = learningRate
    self.initialLearningRate = learningRate
    self.learningRateDecay = learningRateDecay
    self.weightDecay = weightDecay
    self.initialAccumulatorValue = initialAccumulatorValue
    self.epsilon = epsilon
  }

  /// The step count and the sum of squared gradients S.
  public struct State: Sendable, Codable, Equatable {
    public var step = 0
    public var sumOfSquares: [Scalar]
  }

  public func initialState(for parameters: [Scalar]) -> State {
    State(sumOfSquares: [Scalar](repeating: Scalar(initialAccumulatorValue), count: parameters.count))
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
      g, theta, out, n, &state, target, float: { (me: Adagrad<Float>, g, theta, out, state) in me.kernel(g, theta, out, n, &state, target) },
      double: { (me: Adagrad<Double>, g, theta, out, state) in me.kernel(g, theta, out, n, &state, target) })
  }

  func kernel(
    _ g: UnsafePointer<Scalar>, _ theta: UnsafePointer<Scalar>, _ out: UnsafeMutablePointer<Scalar>, _ n: Int,
    _ state: inout State, _ target: StepTarget
  ) {
    state.step += 1
    let clr = Scalar(learningRate / (1 + Double(state.step - 1) * learningRateDecay))
    state.sumOfSquares.withUnsafeMutableBufferPointer { sBuffer in
      guard let s = sBuffer.baseAddress else { return }
      let step = Step(clr: clr, eps: Scalar(epsilon), wd: Scalar(weightDecay), s: s)
      forEachElement(g, theta, out, n, target, step)
    }
  }

  /// [OPT-ADAGRAD] for one element.
  struct Step: ElementStep, @unchecked Sendable {
    let clr, eps, wd: Scalar
    let s: UnsafeMutablePointer<Scalar>

    @inline(__always)
    func callAsFunction(_ i: Int, _ g: Scalar, _ theta: Scalar, _ apply: Bool) -> Scalar {
      // L2 (λ = 0 adds 0·θ = 0 exactly for finite θ).
      let gi = g + wd * theta
      // [OPT-ADAGRAD] S ← S + g²; Δ = −η̃ g/(√S + ε)
      let si = s[i] + gi * gi
      s[i] = si
      let delta = -clr * (gi / (Scalar.kernelSquareRoot(si) + eps))
      return apply ? theta + delta : delta
    }
  }
}
