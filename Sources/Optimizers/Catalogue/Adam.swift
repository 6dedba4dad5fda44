import RealModule

/// Adam, AMSGrad and AdamW (torch.optim.Adam / AdamW semantics).
///
/// ```
/// g ← g + λθ                        (L2, when not decoupled)
/// θ ← θ(1 − ηλ)                     (decoupled: AdamW)
/// m ← β₁m + (1 − β₁)g               (torch's lerp form)
/// v ← β₂v + (1 − β₂)g²
/// v_max ← max(v_max, v)             (AMSGrad, on the raw v)
/// θ ← θ − (η/(1 − β₁ᵗ)) · m / (√v/√(1 − β₂ᵗ) + ε)      [OPT-ADAM]
/// ```
/// ε is added after dividing √v by √(1 − β₂ᵗ), as in Kingma & Ba's
/// Algorithm 1 and torch ≥ 1.3. An optional ε_root inside the square root
/// (optax's `eps_root`) gives the denominator √(v̂ + ε_root) + ε; it is 0 by
/// default, which is torch's arithmetic exactly.
///
/// - Parameters:
///   - learningRate: (η, α) step size.
///   - beta1, beta2: (β₁, β₂) EMA rates of g and g².
///   - epsilon: (ε) added to the denominator.
///   - epsilonRoot: (ε_root) added to v̂ inside the square root (optax); 0 in torch.
///   - weightDecay: (λ) L2 coefficient, or decoupled decay with `decoupledWeightDecay`.
///   - amsgrad: keep the running maximum of v (Reddi et al. 2018).
///   - decoupledWeightDecay: AdamW (Loshchilov & Hutter): shrink θ by ηλ before the step.
///
/// References: [KB15] Algorithm 1; [LH19].
public struct Adam<Scalar: OptimizerScalar>: GradientTransformation, LearningRateScheduled, ElementwiseKernel {
  typealias FloatKernel = Adam<Float>
  typealias DoubleKernel = Adam<Double>

  public var learningRate: Double
  public let initialLearningRate: Double
  public let beta1: Double
  public let beta2: Double
  public let epsilon: Double
  public let epsilonRoot: Double
  public let weightDecay: Double
  public let amsgrad: Bool
  public let decoupledWeightDecay: Bool

  /// Adam with torch's defaults.
  public init(
    learningRate: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8,
    epsilonRoot: Double = 0, weightDecay: Double = 0, amsgrad: Bool = false, decoupledWeightDecay: Bool = false
  ) {
    precondition(learningRate >= 0, "Adam: learningRate must be ≥ 0")
    checkBeta(beta1, "beta1", "Adam")
    checkBeta(beta2, "beta2", "Adam")
    precondition(epsilon >= 0 && epsilonRoot >= 0 && weightDecay >= 0, "Adam: epsilon, epsilonRoot and weightDecay must be ≥ 0")
    self.learningRate = learningRate
    self.initialLearningRate = learningRate
    self.beta1 = beta1
    self.beta2 = beta2
    self.epsilon = epsilon
    self.epsilonRoot = epsilonRoot
    self.weightDecay = weightDecay
    self.amsgrad = amsgrad
    self.decoupledWeightDecay = decoupledWeightDecay
  }

  /// AdamW: Adam with decoupled weight decay, torch's default λ = 1e-2.
  public static func adamW(
    learningRate: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8,
    weightDecay: Double = 1e-2, amsgrad: Bool = false
  ) -> Adam {
    Adam(
      learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon, weightDecay: weightDecay,
      amsgrad: amsgrad, decoupledWeightDecay: true)
  }

  /// The step count, the moments m and v, and v_max (AMSGrad only).
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

  /// v/(1 − β₂ᵗ): the bias-corrected ⟨g²⟩ (of v_max under AMSGrad).
  public func meanSquaredGradients(state: State) -> [Scalar]? {
    guard state.step > 0 else { return nil }
    let correction = Scalar(biasCorrection(beta2, step: state.step))
    return (amsgrad ? state.maxSecondMoment : state.secondMoment).map { $0 / correction }
  }

  /// One step, in the loop compiled for the actual scalar type.
  func run(
    _ g: UnsafePointer<Scalar>, _ theta: UnsafePointer<Scalar>, _ out: UnsafeMutablePointer<Scalar>, _ n: Int,
    _ state: inout State, _ target: StepTarget
  ) {
    dispatch(
      g, theta, out, n, &state, target, float: { (me: Adam<Float>, g, theta, out, state) in me.kernel(g, theta, out, n, &state, target) },
      double: { (me: Adam<Double>, g, theta, out, state) in me.kernel(g, theta, out, n, &state, target) })
  }

  func kernel(
    _ g: UnsafePointer<Scalar>, _ theta: UnsafePointer<Scalar>, _ out: UnsafeMutablePointer<Scalar>, _ n: Int,
    _ state: inout State, _ target: StepTarget
  ) {
    state.step += 1
    let bc1 = biasCorrection(beta1, step: state.step)
    let bc2 = biasCorrection(beta2, step: state.step)
    let stepSize = Scalar(learningRate / bc1)
    let bc2Sqrt = Scalar(bc2.squareRoot()), bc2s = Scalar(bc2), epsRoot = Scalar(epsilonRoot)
    let eps = Scalar(epsilon), b2 = Scalar(beta2), oneMinusB1 = Scalar(1 - beta1), oneMinusB2 = Scalar(1 - beta2)
    let l2 = !decoupledWeightDecay && weightDecay != 0 ? Scalar(weightDecay) : 0
    let decay = decoupledWeightDecay ? Scalar(learningRate * weightDecay) : 0
    let keep = decoupledWeightDecay ? Scalar(1 - learningRate * weightDecay) : 1
    state.firstMoment.withUnsafeMutableBufferPointer { mBuffer in
      state.secondMoment.withUnsafeMutableBufferPointer { vBuffer in
        state.maxSecondMoment.withUnsafeMutableBufferPointer { vmaxBuffer in
          guard let m = mBuffer.baseAddress, let v = vBuffer.baseAddress else { return }
          func run<AMS: StaticFlag, Root: StaticFlag>(_: AMS.Type, _: Root.Type, _ vmax: UnsafeMutablePointer<Scalar>) {
            let step = Step<AMS, Root>(
              stepSize: stepSize, bc2Sqrt: bc2Sqrt, bc2: bc2s, epsRoot: epsRoot, eps: eps, b2: b2, oneMinusB1: oneMinusB1,
              oneMinusB2: oneMinusB2, l2: l2, decay: decay, keep: keep, m: m, v: v, vmax: vmax)
            forEachElement(g, theta, out, n, target, step)
          }
          switch (amsgrad ? vmaxBuffer.baseAddress : nil, epsilonRoot != 0) {
          case (let vmax?, false): run(FlagOn.self, FlagOff.self, vmax)
          case (let vmax?, true): run(FlagOn.self, FlagOn.self, vmax)
          case (nil, false): run(FlagOff.self, FlagOff.self, v)
          case (nil, true): run(FlagOff.self, FlagOn.self, v)
          }
        }
      }
    }
  }

  /// [OPT-ADAM] for one element, with or without AMSGrad's running maximum and ε_root.
  struct Step<AMS: StaticFlag, Root: StaticFlag>: ElementStep, @unchecked Sendable {
    let stepSize, bc2Sqrt, bc2, epsRoot, eps, b2, oneMinusB1, oneMinusB2, l2, decay, keep: Scalar
    let m, v: UnsafeMutablePointer<Scalar>
    /// v_max (unused without AMSGrad).
    let vmax: UnsafeMutablePointer<Scalar>

    @inline(__always)
    func callAsFunction(_ i: Int, _ g: Scalar, _ theta: Scalar, _ apply: Bool) -> Scalar {
      // L2 (λ = 0 when decoupled or off: adds 0·θ = 0 exactly for finite θ).
      let gi = g + l2 * theta
      // [OPT-ADAM] m ← m + (1 − β₁)(g − m); v ← β₂v + (1 − β₂)g²
      let mi = m[i] + oneMinusB1 * (gi - m[i])
      m[i] = mi
      let vi = b2 * v[i] + oneMinusB2 * gi * gi
      v[i] = vi
      var second = vi
      if AMS.isOn {
        second = Swift.max(vmax[i], vi)
        vmax[i] = second
      }
      // [OPT-ADAM] step = η/(1 − β₁ᵗ) · m / (√v/√(1 − β₂ᵗ) + ε)
      let root = Root.isOn ? Scalar.kernelSquareRoot(second / bc2 + epsRoot) : Scalar.kernelSquareRoot(second) / bc2Sqrt
      let step = stepSize * (mi / (root + eps))
      return apply ? keep * theta - step : -decay * theta - step
    }
  }
}
