/// RMSprop, optionally centered and with momentum (torch.optim.RMSprop semantics).
///
/// ```
/// g ← g + λθ;   v ← αv + (1 − α)g²
/// centered:  ḡ ← αḡ + (1 − α)g,   d = √(v − ḡ²) + ε;   else d = √v + ε
/// momentum:  b ← μb + g/d,  θ ← θ − ηb;   else θ ← θ − η g/d      [OPT-RMSPROP]
/// ```
/// No bias correction; ε outside the √ (TensorFlow puts it inside).
///
/// References: G. Hinton, Coursera NNML lecture 6a, 2012; A. Graves 2013 (centered).
public struct RMSprop<Scalar: OptimizerScalar>: GradientTransformation, LearningRateScheduled, ElementwiseKernel {
  typealias FloatKernel = RMSprop<Float>
  typealias DoubleKernel = RMSprop<Double>

  public var learningRate: Double
  public let initialLearningRate: Double
  public let alpha: Double
  public let epsilon: Double
  public let weightDecay: Double
  public let momentum: Double
  public let centered: Bool

  /// RMSprop with torch's defaults (η = 1e-2, α = 0.99).
  public init(
    learningRate: Double = 1e-2, alpha: Double = 0.99, epsilon: Double = 1e-8, weightDecay: Double = 0,
    momentum: Double = 0, centered: Bool = false
  ) {
    precondition(learningRate >= 0 && epsilon >= 0 && weightDecay >= 0 && momentum >= 0, "RMSprop: hyperparameters must be ≥ 0")
    checkBeta(alpha, "alpha", "RMSprop")
    self.learningRate = learningRate
    self.initialLearningRate = learningRate
    self.alpha = alpha
    self.epsilon = epsilon
    self.weightDecay = weightDecay
    self.momentum = momentum
    self.centered = centered
  }

  /// The step count, v, ḡ (centered only) and the momentum buffer (momentum only).
  public struct State: Sendable, Codable, Equatable {
    public var step = 0
    public var squareAverage: [Scalar]
    public var gradientAverage: [Scalar]
    public var momentumBuffer: [Scalar]
  }

  public func initialState(for parameters: [Scalar]) -> State {
    let zeros = [Scalar](repeating: 0, count: parameters.count)
    return State(squareAverage: zeros, gradientAverage: centered ? zeros : [], momentumBuffer: momentum > 0 ? zeros : [])
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
      g, theta, out, n, &state, target, float: { (me: RMSprop<Float>, g, theta, out, state) in me.kernel(g, theta, out, n, &state, target) },
      double: { (me: RMSprop<Double>, g, theta, out, state) in me.kernel(g, theta, out, n, &state, target) })
  }

  func kernel(
    _ g: UnsafePointer<Scalar>, _ theta: UnsafePointer<Scalar>, _ out: UnsafeMutablePointer<Scalar>, _ n: Int,
    _ state: inout State, _ target: StepTarget
  ) {
    state.step += 1
    state.squareAverage.withUnsafeMutableBufferPointer { vBuffer in
      state.gradientAverage.withUnsafeMutableBufferPointer { gBuffer in
        state.momentumBuffer.withUnsafeMutableBufferPointer { bBuffer in
          guard let v = vBuffer.baseAddress else { return }
          func run<Centered: StaticFlag, Momentum: StaticFlag>(
            _: Centered.Type, _: Momentum.Type, _ gAvg: UnsafeMutablePointer<Scalar>, _ b: UnsafeMutablePointer<Scalar>
          ) {
            let step = Step<Centered, Momentum>(
              lr: Scalar(learningRate), a: Scalar(alpha), oneMinusA: Scalar(1 - alpha), eps: Scalar(epsilon),
              wd: Scalar(weightDecay), mu: Scalar(momentum), v: v, gAvg: gAvg, b: b)
            forEachElement(g, theta, out, n, target, step)
          }
          // Unused buffers are passed as v; the step never touches them.
          switch (centered ? gBuffer.baseAddress : nil, momentum > 0 ? bBuffer.baseAddress : nil) {
          case (let gAvg?, let b?): run(FlagOn.self, FlagOn.self, gAvg, b)
          case (let gAvg?, nil): run(FlagOn.self, FlagOff.self, gAvg, v)
          case (nil, let b?): run(FlagOff.self, FlagOn.self, v, b)
          case (nil, nil): run(FlagOff.self, FlagOff.self, v, v)
          }
        }
      }
    }
  }

  /// [OPT-RMSPROP] for one element, centred or not, with or without momentum.
  struct Step<Centered: StaticFlag, Momentum: StaticFlag>: ElementStep, @unchecked Sendable {
    let lr, a, oneMinusA, eps, wd, mu: Scalar
    let v, gAvg, b: UnsafeMutablePointer<Scalar>

    @inline(__always)
    func callAsFunction(_ i: Int, _ g: Scalar, _ theta: Scalar, _ apply: Bool) -> Scalar {
      // L2 (λ = 0 adds 0·θ = 0 exactly for finite θ).
      let gi = g + wd * theta
      // [OPT-RMSPROP] v ← αv + (1 − α)g²; d = √(v − ḡ²) + ε or √v + ε
      let vi = a * v[i] + oneMinusA * gi * gi
      v[i] = vi
      var d: Scalar
      if Centered.isOn {
        let mean = gAvg[i] + oneMinusA * (gi - gAvg[i])
        gAvg[i] = mean
        d = Scalar.kernelSquareRoot(vi - mean * mean) + eps
      } else {
        d = Scalar.kernelSquareRoot(vi) + eps
      }
      let delta: Scalar
      if Momentum.isOn {
        let bi = mu * b[i] + gi / d
        b[i] = bi
        delta = -lr * bi
      } else {
        delta = -lr * (gi / d)
      }
      return apply ? theta + delta : delta
    }
  }
}
