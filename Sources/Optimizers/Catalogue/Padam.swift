import RealModule

/// Padam: partially adaptive momentum estimation (uclaml/Padam semantics).
///
/// ```
/// g ← g + λθ                              (L2)
/// m ← β₁m + (1 − β₁)g;   v ← β₂v + (1 − β₂)g²
/// v_max ← max(v_max, v)                   (amsgrad, on the raw v)
/// θ ← θ − η√(1 − β₂ᵗ)/(1 − β₁ᵗ) · m / (√v_max + ε)^(2p)     [OPT-PADAM]
/// ```
/// p = ½ is AMSGrad (with ε added before the bias correction); p → 0 is SGD
/// with EMA momentum and the factor √(1 − β₂ᵗ)/(1 − β₁ᵗ).
///
/// Reference quirks kept on purpose: the bias correction is Adam's
/// √(1 − β₂ᵗ) for every p (the authors briefly switched to (1 − β₂ᵗ)^p in
/// commit edcf85c and reverted it in 0264b9d); ε sits inside the power.
///
/// References: [CG18]; uclaml/Padam `Padam.py` @ 586a02b.
public struct Padam<Scalar: OptimizerScalar>: GradientTransformation, LearningRateScheduled {
  public var learningRate: Double
  public let initialLearningRate: Double
  public let beta1: Double
  public let beta2: Double
  public let epsilon: Double
  public let weightDecay: Double
  public let amsgrad: Bool
  public let partial: Double

  /// Padam with the reference class's defaults (η = 0.1, p = ¼, amsgrad).
  public init(
    learningRate: Double = 0.1, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8,
    weightDecay: Double = 0, amsgrad: Bool = true, partial: Double = 0.25
  ) {
    precondition(learningRate >= 0 && epsilon >= 0 && weightDecay >= 0, "Padam: hyperparameters must be ≥ 0")
    precondition(partial >= 0 && partial <= 0.5, "Padam: partial must be in [0, 1/2]")
    checkBeta(beta1, "beta1", "Padam")
    checkBeta(beta2, "beta2", "Padam")
    self.learningRate = learningRate
    self.initialLearningRate = learningRate
    self.beta1 = beta1
    self.beta2 = beta2
    self.epsilon = epsilon
    self.weightDecay = weightDecay
    self.amsgrad = amsgrad
    self.partial = partial
  }

  /// The step count, the moments and v_max (amsgrad only).
  public struct State: Sendable, Codable, Equatable {
    public var step = 0
    public var firstMoment: [Scalar]
    public var secondMoment: [Scalar]
    public var maxSecondMoment: [Scalar]
  }

  public func initialState(for parameters: [Scalar]) -> State {
    let zeros = [Scalar](repeating: 0, count: parameters.count)
    return State(firstMoment: zeros, secondMoment: zeros, maxSecondMoment: amsgrad ? zeros : [])
  }

  public func update(_ updates: inout [Scalar], state: inout State, parameters: [Scalar]) {
    withStepBuffers(updates: &updates, parameters: parameters) { run($0, $1, $2, $3, &state, .increments) }
  }

  public func apply(gradient: [Scalar], to parameters: inout [Scalar], state: inout State) {
    withStepBuffers(gradient: gradient, parameters: &parameters) { run($0, $1, $2, $3, &state, .parameters) }
  }

  /// (√v_max + ε)^(2p), with the exponents ½·2 = 1, ¼·2 and ⅛·2 done by square roots.
  @inlinable
  static func denominatorPower(_ d: Scalar, exponent twoP: Scalar) -> Scalar {
    if twoP == 1 { return d }
    if twoP == Scalar(0.5) { return d.squareRoot() }
    if twoP == Scalar(0.25) { return d.squareRoot().squareRoot() }
    if twoP == 0 { return 1 }
    return Scalar.pow(d, twoP)
  }

  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  @inlinable
  func run(
    _ g: UnsafePointer<Scalar>, _ theta: UnsafePointer<Scalar>, _ out: UnsafeMutablePointer<Scalar>, _ n: Int,
    _ state: inout State, _ target: StepTarget
  ) {
    state.step += 1
    let bc1 = biasCorrection(beta1, step: state.step)
    let bc2 = biasCorrection(beta2, step: state.step)
    let stepSize = Scalar(learningRate * bc2.squareRoot() / bc1)
    let twoP = Scalar(2 * partial), eps = Scalar(epsilon), wd = Scalar(weightDecay)
    let b1 = Scalar(beta1), b2 = Scalar(beta2), oneMinusB1 = Scalar(1 - beta1), oneMinusB2 = Scalar(1 - beta2)
    let decays = weightDecay != 0, useMax = amsgrad
    state.firstMoment.withUnsafeMutableBufferPointer { mBuffer in
      state.secondMoment.withUnsafeMutableBufferPointer { vBuffer in
        state.maxSecondMoment.withUnsafeMutableBufferPointer { vmaxBuffer in
          guard let m = mBuffer.baseAddress, let v = vBuffer.baseAddress else { return }
          let vmax = useMax ? vmaxBuffer.baseAddress : nil
          for i in 0..<n {
            let gi = decays ? g[i] + wd * theta[i] : g[i]
            // [OPT-PADAM] m ← β₁m + (1 − β₁)g; v ← β₂v + (1 − β₂)g²; v_max ← max(v_max, v)
            m[i] = b1 * m[i] + oneMinusB1 * gi
            v[i] = b2 * v[i] + oneMinusB2 * gi * gi
            var second = v[i]
            if let vmax {
              vmax[i] = Swift.max(vmax[i], v[i])
              second = vmax[i]
            }
            let denominator = Padam.denominatorPower(second.squareRoot() + eps, exponent: twoP)
            let delta = -stepSize * (m[i] / denominator)
            out[i] = target == .parameters ? theta[i] + delta : delta
          }
        }
      }
    }
  }
}
