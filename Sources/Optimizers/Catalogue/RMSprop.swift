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
public struct RMSprop<Scalar: OptimizerScalar>: GradientTransformation, LearningRateScheduled {
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

  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  @inlinable
  func run(
    _ g: UnsafePointer<Scalar>, _ theta: UnsafePointer<Scalar>, _ out: UnsafeMutablePointer<Scalar>, _ n: Int,
    _ state: inout State, _ target: StepTarget
  ) {
    state.step += 1
    let lr = Scalar(learningRate), a = Scalar(alpha), oneMinusA = Scalar(1 - alpha), eps = Scalar(epsilon)
    let wd = Scalar(weightDecay), mu = Scalar(momentum)
    let decays = weightDecay != 0, isCentered = centered, hasMomentum = momentum > 0
    state.squareAverage.withUnsafeMutableBufferPointer { vBuffer in
      state.gradientAverage.withUnsafeMutableBufferPointer { gBuffer in
        state.momentumBuffer.withUnsafeMutableBufferPointer { bBuffer in
          guard let v = vBuffer.baseAddress else { return }
          let gAvg = isCentered ? gBuffer.baseAddress : nil
          let b = hasMomentum ? bBuffer.baseAddress : nil
          for i in 0..<n {
            let gi = decays ? g[i] + wd * theta[i] : g[i]
            // [OPT-RMSPROP] v ← αv + (1 − α)g²; d = √(v − ḡ²) + ε or √v + ε
            v[i] = a * v[i] + oneMinusA * gi * gi
            var d: Scalar
            if let gAvg {
              gAvg[i] += oneMinusA * (gi - gAvg[i])
              d = (v[i] - gAvg[i] * gAvg[i]).squareRoot() + eps
            } else {
              d = v[i].squareRoot() + eps
            }
            let delta: Scalar
            if let b {
              b[i] = mu * b[i] + gi / d
              delta = -lr * b[i]
            } else {
              delta = -lr * (gi / d)
            }
            out[i] = target == .parameters ? theta[i] + delta : delta
          }
        }
      }
    }
  }
}
