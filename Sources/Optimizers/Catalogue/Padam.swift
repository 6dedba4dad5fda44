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
public struct Padam<Scalar: OptimizerScalar>: GradientTransformation, LearningRateScheduled, ElementwiseKernel {
  typealias FloatKernel = Padam<Float>
  typealias DoubleKernel = Padam<Double>

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

  /// One step, in the loop compiled for the actual scalar type.
  func run(
    _ g: UnsafePointer<Scalar>, _ theta: UnsafePointer<Scalar>, _ out: UnsafeMutablePointer<Scalar>, _ n: Int,
    _ state: inout State, _ target: StepTarget
  ) {
    dispatch(
      g, theta, out, n, &state, target, float: { (me: Padam<Float>, g, theta, out, state) in me.kernel(g, theta, out, n, &state, target) },
      double: { (me: Padam<Double>, g, theta, out, state) in me.kernel(g, theta, out, n, &state, target) })
  }

  func kernel(
    _ g: UnsafePointer<Scalar>, _ theta: UnsafePointer<Scalar>, _ out: UnsafeMutablePointer<Scalar>, _ n: Int,
    _ state: inout State, _ target: StepTarget
  ) {
    state.step += 1
    let bc1 = biasCorrection(beta1, step: state.step)
    let bc2 = biasCorrection(beta2, step: state.step)
    let stepSize = Scalar(learningRate * bc2.squareRoot() / bc1)
    state.firstMoment.withUnsafeMutableBufferPointer { mBuffer in
      state.secondMoment.withUnsafeMutableBufferPointer { vBuffer in
        state.maxSecondMoment.withUnsafeMutableBufferPointer { vmaxBuffer in
          guard let m = mBuffer.baseAddress, let v = vBuffer.baseAddress else { return }
          func run<AMS: StaticFlag, Power: PadamPower>(_: AMS.Type, _: Power.Type, _ vmax: UnsafeMutablePointer<Scalar>) {
            let step = Step<AMS, Power>(
              stepSize: stepSize, twoP: Scalar(2 * partial), eps: Scalar(epsilon), wd: Scalar(weightDecay), b1: Scalar(beta1),
              b2: Scalar(beta2), oneMinusB1: Scalar(1 - beta1), oneMinusB2: Scalar(1 - beta2),
              m: m, v: v, vmax: vmax)
            forEachElement(g, theta, out, n, target, step)
          }
          func run<AMS: StaticFlag>(_ ams: AMS.Type, _ vmax: UnsafeMutablePointer<Scalar>) {
            switch 2 * partial {
            case 1: run(ams, PadamPowerOne.self, vmax)
            case 0.5: run(ams, PadamPowerHalf.self, vmax)
            case 0.25: run(ams, PadamPowerQuarter.self, vmax)
            case 0: run(ams, PadamPowerZero.self, vmax)
            default: run(ams, PadamPowerGeneral.self, vmax)
            }
          }
          if amsgrad, let vmax = vmaxBuffer.baseAddress { run(FlagOn.self, vmax) } else { run(FlagOff.self, v) }
        }
      }
    }
  }

  /// [OPT-PADAM] for one element, with or without the running maximum, for one kind of exponent.
  struct Step<AMS: StaticFlag, Power: PadamPower>: ElementStep, @unchecked Sendable {
    let stepSize, twoP, eps, wd, b1, b2, oneMinusB1, oneMinusB2: Scalar
    let m, v: UnsafeMutablePointer<Scalar>
    /// v_max (unused without AMSGrad).
    let vmax: UnsafeMutablePointer<Scalar>

    @inline(__always)
    func callAsFunction(_ i: Int, _ g: Scalar, _ theta: Scalar, _ apply: Bool) -> Scalar {
      // L2 (λ = 0 adds 0·θ = 0 exactly for finite θ).
      let gi = g + wd * theta
      // [OPT-PADAM] m ← β₁m + (1 − β₁)g; v ← β₂v + (1 − β₂)g²; v_max ← max(v_max, v)
      let mi = b1 * m[i] + oneMinusB1 * gi
      m[i] = mi
      let vi = b2 * v[i] + oneMinusB2 * gi * gi
      v[i] = vi
      var second = vi
      if AMS.isOn {
        second = Swift.max(vmax[i], vi)
        vmax[i] = second
      }
      let denominator = Power.power(Scalar.kernelSquareRoot(second) + eps, exponent: twoP)
      let delta = -stepSize * (mi / denominator)
      return apply ? theta + delta : delta
    }
  }
}

/// dᵏ for Padam's exponent k = 2p, one conforming type per case the
/// kernel compiles separately: square roots for k = ½ and ¼, `pow` otherwise.
protocol PadamPower {
  static func power<Scalar: OptimizerScalar>(_ d: Scalar, exponent k: Scalar) -> Scalar
}

/// k = 1 (p = ½, AMSGrad).
enum PadamPowerOne: PadamPower {
  @inline(__always) static func power<Scalar: OptimizerScalar>(_ d: Scalar, exponent _: Scalar) -> Scalar { d }
}

/// k = ½ (p = ¼).
enum PadamPowerHalf: PadamPower {
  @inline(__always) static func power<Scalar: OptimizerScalar>(_ d: Scalar, exponent _: Scalar) -> Scalar {
    Scalar.kernelSquareRoot(d)
  }
}

/// k = ¼ (p = ⅛, the paper's choice).
enum PadamPowerQuarter: PadamPower {
  @inline(__always) static func power<Scalar: OptimizerScalar>(_ d: Scalar, exponent _: Scalar) -> Scalar {
    Scalar.kernelSquareRoot(Scalar.kernelSquareRoot(d))
  }
}

/// k = 0 (p = 0).
enum PadamPowerZero: PadamPower {
  @inline(__always) static func power<Scalar: OptimizerScalar>(_: Scalar, exponent _: Scalar) -> Scalar { 1 }
}

/// Any other k, through `pow`.
enum PadamPowerGeneral: PadamPower {
  @inline(__always) static func power<Scalar: OptimizerScalar>(_ d: Scalar, exponent k: Scalar) -> Scalar {
    Scalar.pow(d, k)
  }
}
