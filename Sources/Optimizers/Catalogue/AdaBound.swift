/// AdaBound and AMSBound: Adam with a per-parameter step clipped into bounds
/// that converge to an SGD learning rate (Luolc/AdaBound semantics).
///
/// ```
/// g ← g + λθ                                           (L2)
/// m ← β₁m + (1 − β₁)g;  v ← β₂v + (1 − β₂)g²;  v_max ← max(v_max, v)  (AMSBound)
/// s = η√(1 − β₂ᵗ)/(1 − β₁ᵗ);   η* = η_final·η/η₀
/// ηₗ = η*(1 − 1/(γt + 1)),   ηᵤ = η*(1 + 1/(γt))
/// θ ← θ − clip(s/(√v + ε), ηₗ, ηᵤ) · m                  [OPT-ADABOUND]
/// ```
/// The bounds follow a learning-rate schedule through η/η₀, as the reference
/// does on purpose (Luolc/AdaBound#9). The reference has no √t factor (the
/// paper's Algorithm 2 divides by √t).
///
/// References: [LX19]; Luolc/AdaBound `adabound.py`.
public struct AdaBound<Scalar: OptimizerScalar>: GradientTransformation, LearningRateScheduled, ElementwiseKernel {
  typealias FloatKernel = AdaBound<Float>
  typealias DoubleKernel = AdaBound<Double>

  public var learningRate: Double
  public let initialLearningRate: Double
  public let beta1: Double
  public let beta2: Double
  public let finalLearningRate: Double
  public let gamma: Double
  public let epsilon: Double
  public let weightDecay: Double
  public let amsbound: Bool

  /// AdaBound with the reference defaults (η = 1e-3, η_final = 0.1, γ = 1e-3).
  public init(
    learningRate: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999, finalLearningRate: Double = 0.1,
    gamma: Double = 1e-3, epsilon: Double = 1e-8, weightDecay: Double = 0, amsbound: Bool = false
  ) {
    precondition(learningRate > 0, "AdaBound: learningRate must be > 0 (the bounds scale by η/η₀)")
    precondition(finalLearningRate >= 0 && epsilon >= 0 && weightDecay >= 0, "AdaBound: hyperparameters must be ≥ 0")
    precondition(gamma > 0 && gamma < 1, "AdaBound: gamma must be in (0, 1)")
    checkBeta(beta1, "beta1", "AdaBound")
    checkBeta(beta2, "beta2", "AdaBound")
    self.learningRate = learningRate
    self.initialLearningRate = learningRate
    self.beta1 = beta1
    self.beta2 = beta2
    self.finalLearningRate = finalLearningRate
    self.gamma = gamma
    self.epsilon = epsilon
    self.weightDecay = weightDecay
    self.amsbound = amsbound
  }

  /// The step count, the moments and v_max (AMSBound only).
  public struct State: Sendable, Codable, Equatable {
    public var step = 0
    public var firstMoment: [Scalar]
    public var secondMoment: [Scalar]
    public var maxSecondMoment: [Scalar]
  }

  public func initialState(for parameters: [Scalar]) -> State {
    let zeros = [Scalar](repeating: 0, count: parameters.count)
    return State(firstMoment: zeros, secondMoment: zeros, maxSecondMoment: amsbound ? zeros : [])
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
      g, theta, out, n, &state, target, float: { (me: AdaBound<Float>, g, theta, out, state) in me.kernel(g, theta, out, n, &state, target) },
      double: { (me: AdaBound<Double>, g, theta, out, state) in me.kernel(g, theta, out, n, &state, target) })
  }

  func kernel(
    _ g: UnsafePointer<Scalar>, _ theta: UnsafePointer<Scalar>, _ out: UnsafeMutablePointer<Scalar>, _ n: Int,
    _ state: inout State, _ target: StepTarget
  ) {
    state.step += 1
    let t = Double(state.step)
    let bc1 = biasCorrection(beta1, step: state.step)
    let bc2 = biasCorrection(beta2, step: state.step)
    // [OPT-ADABOUND] s, η* and the bounds, in Double as the reference computes them.
    let stepSize = Scalar(learningRate * bc2.squareRoot() / bc1)
    let finalRate = finalLearningRate * learningRate / initialLearningRate
    let lower = Scalar(finalRate * (1 - 1 / (gamma * t + 1)))
    let upper = Scalar(finalRate * (1 + 1 / (gamma * t)))
    state.firstMoment.withUnsafeMutableBufferPointer { mBuffer in
      state.secondMoment.withUnsafeMutableBufferPointer { vBuffer in
        state.maxSecondMoment.withUnsafeMutableBufferPointer { vmaxBuffer in
          guard let m = mBuffer.baseAddress, let v = vBuffer.baseAddress else { return }
          func run<AMS: StaticFlag>(_: AMS.Type, _ vmax: UnsafeMutablePointer<Scalar>) {
            let step = Step<AMS>(
              stepSize: stepSize, lower: lower, upper: upper, eps: Scalar(epsilon), wd: Scalar(weightDecay), b1: Scalar(beta1),
              b2: Scalar(beta2), oneMinusB1: Scalar(1 - beta1), oneMinusB2: Scalar(1 - beta2),
              m: m, v: v, vmax: vmax)
            forEachElement(g, theta, out, n, target, step)
          }
          if amsbound, let vmax = vmaxBuffer.baseAddress { run(FlagOn.self, vmax) } else { run(FlagOff.self, v) }
        }
      }
    }
  }

  /// [OPT-ADABOUND] for one element, with or without AMSBound's running maximum.
  struct Step<AMS: StaticFlag>: ElementStep, @unchecked Sendable {
    let stepSize, lower, upper, eps, wd, b1, b2, oneMinusB1, oneMinusB2: Scalar
    let m, v: UnsafeMutablePointer<Scalar>
    /// v_max (unused without AMSBound).
    let vmax: UnsafeMutablePointer<Scalar>

    @inline(__always)
    func callAsFunction(_ i: Int, _ g: Scalar, _ theta: Scalar, _ apply: Bool) -> Scalar {
      // L2 (λ = 0 adds 0·θ = 0 exactly for finite θ).
      let gi = g + wd * theta
      let mi = b1 * m[i] + oneMinusB1 * gi
      m[i] = mi
      let vi = b2 * v[i] + oneMinusB2 * gi * gi
      v[i] = vi
      var second = vi
      if AMS.isOn {
        second = Swift.max(vmax[i], vi)
        vmax[i] = second
      }
      // [OPT-ADABOUND] clip(s/(√v + ε), ηₗ, ηᵤ)·m
      let rate = Swift.min(Swift.max(stepSize / (Scalar.kernelSquareRoot(second) + eps), lower), upper)
      let delta = -(rate * mi)
      return apply ? theta + delta : delta
    }
  }
}
