import RealModule

/// NAdam: Adam with Nesterov momentum and momentum decay (torch.optim.NAdam semantics).
///
/// ```
/// μₜ = β₁(1 − ½·0.96^(tψ)),  μₜ₊₁ = β₁(1 − ½·0.96^((t+1)ψ)),  Πₜ = Πₜ₋₁μₜ
/// m ← β₁m + (1 − β₁)g;  v ← β₂v + (1 − β₂)g²;  d = √(v/(1 − β₂ᵗ)) + ε
/// θ ← θ − η(1 − μₜ)/(1 − Πₜ) · g/d − ημₜ₊₁/(1 − Πₜμₜ₊₁) · m/d     [OPT-NADAM]
/// ```
/// Weight decay is L2 (g ← g + λθ) or, with `decoupledWeightDecay`, θ ← θ(1 − ηλ).
///
/// References: T. Dozat, "Incorporating Nesterov momentum into Adam", ICLR 2016 workshop.
public struct NAdam<Scalar: OptimizerScalar>: GradientTransformation, LearningRateScheduled, ElementwiseKernel {
  typealias FloatKernel = NAdam<Float>
  typealias DoubleKernel = NAdam<Double>

  public var learningRate: Double
  public let initialLearningRate: Double
  public let beta1: Double
  public let beta2: Double
  public let epsilon: Double
  public let weightDecay: Double
  public let momentumDecay: Double
  public let decoupledWeightDecay: Bool

  /// NAdam with torch's defaults (η = 2e-3, ψ = 4e-3).
  public init(
    learningRate: Double = 2e-3, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8,
    weightDecay: Double = 0, momentumDecay: Double = 4e-3, decoupledWeightDecay: Bool = false
  ) {
    precondition(learningRate >= 0 && epsilon >= 0 && weightDecay >= 0 && momentumDecay >= 0, "NAdam: hyperparameters must be ≥ 0")
    checkBeta(beta1, "beta1", "NAdam")
    checkBeta(beta2, "beta2", "NAdam")
    self.learningRate = learningRate
    self.initialLearningRate = learningRate
    self.beta1 = beta1
    self.beta2 = beta2
    self.epsilon = epsilon
    self.weightDecay = weightDecay
    self.momentumDecay = momentumDecay
    self.decoupledWeightDecay = decoupledWeightDecay
  }

  /// The step count, Πₜ (torch's `mu_product`) and the moments.
  public struct State: Sendable, Codable, Equatable {
    public var step = 0
    public var muProduct = 1.0
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
      g, theta, out, n, &state, target, float: { (me: NAdam<Float>, g, theta, out, state) in me.kernel(g, theta, out, n, &state, target) },
      double: { (me: NAdam<Double>, g, theta, out, state) in me.kernel(g, theta, out, n, &state, target) })
  }

  func kernel(
    _ g: UnsafePointer<Scalar>, _ theta: UnsafePointer<Scalar>, _ out: UnsafeMutablePointer<Scalar>, _ n: Int,
    _ state: inout State, _ target: StepTarget
  ) {
    state.step += 1
    let t = Double(state.step)
    // [OPT-NADAM] μₜ, μₜ₊₁ and Πₜ, in Double as torch computes them.
    let mu = beta1 * (1 - 0.5 * Double.pow(0.96, t * momentumDecay))
    let muNext = beta1 * (1 - 0.5 * Double.pow(0.96, (t + 1) * momentumDecay))
    state.muProduct *= mu
    let gradientWeight = Scalar(-learningRate * (1 - mu) / (1 - state.muProduct))
    let momentWeight = Scalar(-learningRate * muNext / (1 - state.muProduct * muNext))
    state.firstMoment.withUnsafeMutableBufferPointer { mBuffer in
      state.secondMoment.withUnsafeMutableBufferPointer { vBuffer in
        guard let m = mBuffer.baseAddress, let v = vBuffer.baseAddress else { return }
        let step = Step(
          gradientWeight: gradientWeight, momentWeight: momentWeight, bc2: Scalar(biasCorrection(beta2, step: state.step)),
          eps: Scalar(epsilon), b2: Scalar(beta2), oneMinusB1: Scalar(1 - beta1), oneMinusB2: Scalar(1 - beta2),
          l2: !decoupledWeightDecay ? Scalar(weightDecay) : 0, decay: decoupledWeightDecay ? Scalar(learningRate * weightDecay) : 0,
          keep: decoupledWeightDecay ? Scalar(1 - learningRate * weightDecay) : 1, m: m, v: v)
        forEachElement(g, theta, out, n, target, step)
      }
    }
  }

  /// [OPT-NADAM] for one element.
  struct Step: ElementStep, @unchecked Sendable {
    let gradientWeight, momentWeight, bc2, eps, b2, oneMinusB1, oneMinusB2, l2, decay, keep: Scalar
    let m, v: UnsafeMutablePointer<Scalar>

    @inline(__always)
    func callAsFunction(_ i: Int, _ g: Scalar, _ theta: Scalar, _ apply: Bool) -> Scalar {
      // L2 (λ = 0 when decoupled or off: adds 0·θ = 0 exactly for finite θ).
      let gi = g + l2 * theta
      let mi = m[i] + oneMinusB1 * (gi - m[i])
      m[i] = mi
      let vi = b2 * v[i] + oneMinusB2 * gi * gi
      v[i] = vi
      let d = Scalar.kernelSquareRoot(vi / bc2) + eps
      // [OPT-NADAM] two addcdiv steps, in torch's order
      let gradientPart = gradientWeight * (gi / d)
      let momentPart = momentWeight * (mi / d)
      return apply ? (keep * theta + gradientPart) + momentPart : (-decay * theta + gradientPart) + momentPart
    }
  }
}
