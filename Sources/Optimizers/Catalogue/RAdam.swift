import RealModule

/// RAdam: Adam with a rectified adaptive learning rate (torch.optim.RAdam semantics).
///
/// ```
/// m, v as in Adam;  m̂ = m/(1 − β₁ᵗ);  ρ∞ = 2/(1 − β₂) − 1;  ρₜ = ρ∞ − 2tβ₂ᵗ/(1 − β₂ᵗ)
/// ρₜ > 5:  r = √((ρₜ − 4)(ρₜ − 2)ρ∞ / ((ρ∞ − 4)(ρ∞ − 2)ρₜ))
///          θ ← θ − η · m̂ · √(1 − β₂ᵗ)/(√v + ε) · r
/// ρₜ ≤ 5:  θ ← θ − η · m̂                                     [OPT-RADAM]
/// ```
/// With β₂ = 0.999 the first five steps take the un-rectified branch (ρ₅ = 4.996).
///
/// References: L. Liu et al., "On the variance of the adaptive learning rate and beyond", ICLR 2020.
public struct RAdam<Scalar: OptimizerScalar>: GradientTransformation, LearningRateScheduled, ElementwiseKernel {
  typealias FloatKernel = RAdam<Float>
  typealias DoubleKernel = RAdam<Double>

  public var learningRate: Double
  public let initialLearningRate: Double
  public let beta1: Double
  public let beta2: Double
  public let epsilon: Double
  public let weightDecay: Double
  public let decoupledWeightDecay: Bool

  /// RAdam with torch's defaults.
  public init(
    learningRate: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8,
    weightDecay: Double = 0, decoupledWeightDecay: Bool = false
  ) {
    precondition(learningRate >= 0 && epsilon >= 0 && weightDecay >= 0, "RAdam: hyperparameters must be ≥ 0")
    checkBeta(beta1, "beta1", "RAdam")
    checkBeta(beta2, "beta2", "RAdam")
    self.learningRate = learningRate
    self.initialLearningRate = learningRate
    self.beta1 = beta1
    self.beta2 = beta2
    self.epsilon = epsilon
    self.weightDecay = weightDecay
    self.decoupledWeightDecay = decoupledWeightDecay
  }

  /// The step count and the moments.
  public struct State: Sendable, Codable, Equatable {
    public var step = 0
    public var firstMoment: [Scalar]
    public var secondMoment: [Scalar]
  }

  public func initialState(for parameters: [Scalar]) -> State {
    let zeros = [Scalar](repeating: 0, count: parameters.count)
    return State(firstMoment: zeros, secondMoment: zeros)
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
      g, theta, out, n, &state, target, float: { (me: RAdam<Float>, g, theta, out, state) in me.kernel(g, theta, out, n, &state, target) },
      double: { (me: RAdam<Double>, g, theta, out, state) in me.kernel(g, theta, out, n, &state, target) })
  }

  func kernel(
    _ g: UnsafePointer<Scalar>, _ theta: UnsafePointer<Scalar>, _ out: UnsafeMutablePointer<Scalar>, _ n: Int,
    _ state: inout State, _ target: StepTarget
  ) {
    state.step += 1
    let t = Double(state.step)
    let bc1 = biasCorrection(beta1, step: state.step)
    let bc2 = biasCorrection(beta2, step: state.step)
    // [OPT-RADAM] ρ∞, ρₜ and the rectification r, in Double.
    let rhoInfinity = 2 / (1 - beta2) - 1
    let rho = rhoInfinity - 2 * t * Double.pow(beta2, t) / bc2
    let rectified = rho > 5
    let rect = rectified ? (((rho - 4) * (rho - 2) * rhoInfinity) / ((rhoInfinity - 4) * (rhoInfinity - 2) * rho)).squareRoot() : 0
    state.firstMoment.withUnsafeMutableBufferPointer { mBuffer in
      state.secondMoment.withUnsafeMutableBufferPointer { vBuffer in
        guard let m = mBuffer.baseAddress, let v = vBuffer.baseAddress else { return }
        func run<Rectified: StaticFlag>(_: Rectified.Type) {
          let step = Step<Rectified>(
            lr: Scalar(learningRate), r: Scalar(rect), bc2Sqrt: Scalar(bc2.squareRoot()), bc1: Scalar(bc1), eps: Scalar(epsilon),
            b2: Scalar(beta2), oneMinusB1: Scalar(1 - beta1), oneMinusB2: Scalar(1 - beta2),
            l2: !decoupledWeightDecay ? Scalar(weightDecay) : 0, decay: decoupledWeightDecay ? Scalar(learningRate * weightDecay) : 0,
            keep: decoupledWeightDecay ? Scalar(1 - learningRate * weightDecay) : 1, m: m, v: v)
          forEachElement(g, theta, out, n, target, step)
        }
        if rectified { run(FlagOn.self) } else { run(FlagOff.self) }
      }
    }
  }

  /// [OPT-RADAM] for one element, in the rectified or the SGD-with-momentum phase.
  struct Step<Rectified: StaticFlag>: ElementStep, @unchecked Sendable {
    let lr, r, bc2Sqrt, bc1, eps, b2, oneMinusB1, oneMinusB2, l2, decay, keep: Scalar
    let m, v: UnsafeMutablePointer<Scalar>

    @inline(__always)
    func callAsFunction(_ i: Int, _ g: Scalar, _ theta: Scalar, _ apply: Bool) -> Scalar {
      // L2 (λ = 0 when decoupled or off: adds 0·θ = 0 exactly for finite θ).
      let gi = g + l2 * theta
      let mi = m[i] + oneMinusB1 * (gi - m[i])
      m[i] = mi
      let vi = b2 * v[i] + oneMinusB2 * gi * gi
      v[i] = vi
      let mHat = mi / bc1
      // [OPT-RADAM] rectified: m̂·η·√(1 − β₂ᵗ)/(√v + ε)·r; otherwise m̂·η
      let step = Rectified.isOn ? mHat * lr * (bc2Sqrt / (Scalar.kernelSquareRoot(vi) + eps)) * r : mHat * lr
      return apply ? keep * theta - step : -decay * theta - step
    }
  }
}
