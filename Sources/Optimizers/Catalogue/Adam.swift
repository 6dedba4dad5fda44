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
public struct Adam<Scalar: OptimizerScalar>: GradientTransformation, LearningRateScheduled {
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
    let stepSize = Scalar(learningRate / bc1)
    let bc2Sqrt = Scalar(bc2.squareRoot()), bc2s = Scalar(bc2), epsRoot = Scalar(epsilonRoot)
    let rootTerm = epsilonRoot != 0
    let eps = Scalar(epsilon), b2 = Scalar(beta2), oneMinusB1 = Scalar(1 - beta1), oneMinusB2 = Scalar(1 - beta2)
    let l2 = !decoupledWeightDecay && weightDecay != 0 ? Scalar(weightDecay) : 0
    let decay = decoupledWeightDecay ? Scalar(learningRate * weightDecay) : 0
    let keep = decoupledWeightDecay ? Scalar(1 - learningRate * weightDecay) : 1
    let useL2 = l2 != 0, useMax = amsgrad
    state.firstMoment.withUnsafeMutableBufferPointer { mBuffer in
      state.secondMoment.withUnsafeMutableBufferPointer { vBuffer in
        state.maxSecondMoment.withUnsafeMutableBufferPointer { vmaxBuffer in
          guard let m = mBuffer.baseAddress, let v = vBuffer.baseAddress else { return }
          let vmax = useMax ? vmaxBuffer.baseAddress : nil
          for i in 0..<n {
            let gi = useL2 ? g[i] + l2 * theta[i] : g[i]
            // [OPT-ADAM] m ← m + (1 − β₁)(g − m); v ← β₂v + (1 − β₂)g²
            m[i] += oneMinusB1 * (gi - m[i])
            v[i] = b2 * v[i] + oneMinusB2 * gi * gi
            var second = v[i]
            if let vmax {
              vmax[i] = Swift.max(vmax[i], v[i])
              second = vmax[i]
            }
            // [OPT-ADAM] step = η/(1 − β₁ᵗ) · m / (√v/√(1 − β₂ᵗ) + ε)
            let root = rootTerm ? (second / bc2s + epsRoot).squareRoot() : second.squareRoot() / bc2Sqrt
            let step = stepSize * (m[i] / (root + eps))
            out[i] = target == .parameters ? keep * theta[i] - step : -decay * theta[i] - step
          }
        }
      }
    }
  }
}
