/// AdaMax, Adam's infinity-norm variant (torch.optim.Adamax semantics).
///
/// ```
/// g ← g + λθ                                  (L2)
/// m ← β₁m + (1 − β₁)g
/// u ← max(β₂u, |g| + ε)                       (ε inside the max, as torch and optax)
/// θ ← θ − (η/(1 − β₁ᵗ)) · m/u                 [OPT-ADAMAX]
/// ```
/// Without ε the step is bounded: |Δθ| ≤ η ([KB15] §7.1).
///
/// References: [KB15] Algorithm 2.
public struct Adamax<Scalar: OptimizerScalar>: GradientTransformation, LearningRateScheduled, ElementwiseKernel {
  typealias FloatKernel = Adamax<Float>
  typealias DoubleKernel = Adamax<Double>

  public var learningRate: Double
  public let initialLearningRate: Double
  public let beta1: Double
  public let beta2: Double
  public let epsilon: Double
  public let weightDecay: Double

  /// AdaMax with torch's defaults (η = 2e-3).
  public init(learningRate: Double = 2e-3, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8, weightDecay: Double = 0) {
    precondition(learningRate >= 0 && epsilon >= 0 && weightDecay >= 0, "Adamax: learningRate, epsilon, weightDecay must be ≥ 0")
    checkBeta(beta1, "beta1", "Adamax")
    checkBeta(beta2, "beta2", "Adamax")
    self.learningRate = learningRate
    self.initialLearningRate = learningRate
    self.beta1 = beta1
    self.beta2 = beta2
    self.epsilon = epsilon
    self.weightDecay = weightDecay
  }

  /// The step count, the first moment m and the infinity norm u.
  public struct State: Sendable, Codable, Equatable {
    public var step = 0
    public var firstMoment: [Scalar]
    public var infinityNorm: [Scalar]
  }

  public func initialState(for parameters: [Scalar]) -> State {
    let zeros = [Scalar](repeating: 0, count: parameters.count)
    return State(firstMoment: zeros, infinityNorm: zeros)
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
      g, theta, out, n, &state, target, float: { (me: Adamax<Float>, g, theta, out, state) in me.kernel(g, theta, out, n, &state, target) },
      double: { (me: Adamax<Double>, g, theta, out, state) in me.kernel(g, theta, out, n, &state, target) })
  }

  func kernel(
    _ g: UnsafePointer<Scalar>, _ theta: UnsafePointer<Scalar>, _ out: UnsafeMutablePointer<Scalar>, _ n: Int,
    _ state: inout State, _ target: StepTarget
  ) {
    state.step += 1
    let clr = Scalar(learningRate / biasCorrection(beta1, step: state.step))
    state.firstMoment.withUnsafeMutableBufferPointer { mBuffer in
      state.infinityNorm.withUnsafeMutableBufferPointer { uBuffer in
        guard let m = mBuffer.baseAddress, let u = uBuffer.baseAddress else { return }
        let step = Step(
          clr: clr, eps: Scalar(epsilon), b2: Scalar(beta2), oneMinusB1: Scalar(1 - beta1), wd: Scalar(weightDecay),
          m: m, u: u)
        forEachElement(g, theta, out, n, target, step)
      }
    }
  }

  /// [OPT-ADAMAX] for one element.
  struct Step: ElementStep, @unchecked Sendable {
    let clr, eps, b2, oneMinusB1, wd: Scalar
    let m, u: UnsafeMutablePointer<Scalar>

    @inline(__always)
    func callAsFunction(_ i: Int, _ g: Scalar, _ theta: Scalar, _ apply: Bool) -> Scalar {
      // L2 (λ = 0 adds 0·θ = 0 exactly for finite θ).
      let gi = g + wd * theta
      // [OPT-ADAMAX] m ← β₁m + (1 − β₁)g; u ← max(β₂u, |g| + ε); Δ = −η/(1 − β₁ᵗ)·m/u
      let mi = m[i] + oneMinusB1 * (gi - m[i])
      m[i] = mi
      let ui = Swift.max(b2 * u[i], abs(gi) + eps)
      u[i] = ui
      let delta = -clr * (mi / ui)
      return apply ? theta + delta : delta
    }
  }
}
