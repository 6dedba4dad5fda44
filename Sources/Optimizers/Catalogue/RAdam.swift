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
public struct RAdam<Scalar: OptimizerScalar>: GradientTransformation, LearningRateScheduled {
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

  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  @inlinable
  func run(
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
    let lr = Scalar(learningRate), r = Scalar(rect), bc2Sqrt = Scalar(bc2.squareRoot()), bc1s = Scalar(bc1)
    let eps = Scalar(epsilon), b2 = Scalar(beta2), oneMinusB1 = Scalar(1 - beta1), oneMinusB2 = Scalar(1 - beta2)
    let l2 = !decoupledWeightDecay && weightDecay != 0 ? Scalar(weightDecay) : 0
    let decay = decoupledWeightDecay ? Scalar(learningRate * weightDecay) : 0
    let keep = decoupledWeightDecay ? Scalar(1 - learningRate * weightDecay) : 1
    let useL2 = l2 != 0
    state.firstMoment.withUnsafeMutableBufferPointer { mBuffer in
      state.secondMoment.withUnsafeMutableBufferPointer { vBuffer in
        guard let m = mBuffer.baseAddress, let v = vBuffer.baseAddress else { return }
        for i in 0..<n {
          let gi = useL2 ? g[i] + l2 * theta[i] : g[i]
          m[i] += oneMinusB1 * (gi - m[i])
          v[i] = b2 * v[i] + oneMinusB2 * gi * gi
          let mHat = m[i] / bc1s
          // [OPT-RADAM] rectified: m̂·η·√(1 − β₂ᵗ)/(√v + ε)·r; otherwise m̂·η
          let step = rectified ? mHat * lr * (bc2Sqrt / (v[i].squareRoot() + eps)) * r : mHat * lr
          out[i] = target == .parameters ? keep * theta[i] - step : -decay * theta[i] - step
        }
      }
    }
  }
}
