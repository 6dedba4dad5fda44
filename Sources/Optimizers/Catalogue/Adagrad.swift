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
public struct Adagrad<Scalar: OptimizerScalar>: GradientTransformation, LearningRateScheduled {
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

  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  @inlinable
  func run(
    _ g: UnsafePointer<Scalar>, _ theta: UnsafePointer<Scalar>, _ out: UnsafeMutablePointer<Scalar>, _ n: Int,
    _ state: inout State, _ target: StepTarget
  ) {
    state.step += 1
    let clr = Scalar(learningRate / (1 + Double(state.step - 1) * learningRateDecay))
    let eps = Scalar(epsilon), wd = Scalar(weightDecay)
    let decays = weightDecay != 0
    state.sumOfSquares.withUnsafeMutableBufferPointer { sBuffer in
      guard let s = sBuffer.baseAddress else { return }
      for i in 0..<n {
        let gi = decays ? g[i] + wd * theta[i] : g[i]
        // [OPT-ADAGRAD] S ← S + g²; Δ = −η̃ g/(√S + ε)
        s[i] += gi * gi
        let delta = -clr * (gi / (s[i].squareRoot() + eps))
        out[i] = target == .parameters ? theta[i] + delta : delta
      }
    }
  }
}
