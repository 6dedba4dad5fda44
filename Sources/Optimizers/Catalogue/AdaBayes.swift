import Filtering
import RealModule

/// AdaBayes: a Kalman filter per parameter, with gradients as observations.
///
/// Every parameter's belief N(θ, σ²_post) is predicted by the prior dynamics
/// and updated with the minibatch gradient, using the Filtering module's
/// ``ScalarGaussian/predicted(by:)`` and ``ScalarGaussian/updated(with:)``:
/// ```
/// G = B·g                         summed-loss gradient (g: mean-loss gradient)
/// m ← β₁m + (1 − β₁)G;  ⟨g⟩ = m/(1 − β₁ᵗ)
/// r ← √(β₂r² + (1 − β₂)G²)       r² = v, the EMA of G² ([RANGE])
/// σ²⁻ = a²σ²_post + q             [KF-P] with the prior of `variant`
/// 1/σ²_post = 1/σ²⁻ + G²          [KF-U] curvature G²
/// θ ← θ − σ²_post·⟨g⟩             [KF-U] mean, fed the momentum  [AB-UPDATE]
/// ```
/// with η = `learningRate` (η_Adam) and σ² = η_SGD/B (Eq. 22). The learning
/// rate of each parameter *is* its posterior variance σ²_post, readable with
/// ``posteriorVariances(state:)``. In the low-data regime (G² ≪ 1/σ²) it stays
/// at σ² (SGD with EMA momentum); in the high-data regime it approaches
/// η/|G| (Adam-like).
///
/// - Parameters:
///   - learningRate: (η) the Adam-like rate; η² is the prior drift per step.
///   - sgdLearningRate: (η_SGD) sets σ² = η_SGD/B; see ``AdaBayesPrior`` for
///     matching torch's heavy-ball SGD (η_SGD = lr/(1 − μ)).
///   - batchSize: (B) converts the mean-loss gradient to the summed loss.
///   - beta1, beta2: (β₁, β₂) EMA rates; the β₂ average of G² is kept as ⟨g²⟩
///     for diagnostics (the reference code keeps it too).
///   - weightDecay: (λ) the reference's `weight_drift`, or the paper's λ.
///   - variant: ``AdaBayesVariant/reference`` (default) or ``AdaBayesVariant/paper``.
///
/// Schedules: a schedule scales η, and with it σ² (as lr·η_SGD/η₀/B), the
/// prior's drift and (reference) the weight drift, as the reference does.
///
/// References: [AB20] Eqs. 16–18, Algorithm 1; LaurenceA/adabayes `adabayes.py`.
public struct AdaBayes<Scalar: OptimizerScalar>: GradientTransformation, LearningRateScheduled, ElementwiseKernel {
  typealias FloatKernel = AdaBayes<Float>
  typealias DoubleKernel = AdaBayes<Double>

  public var learningRate: Double
  public let initialLearningRate: Double
  public let sgdLearningRate: Double
  public let batchSize: Int
  public let beta1: Double
  public let beta2: Double
  public let weightDecay: Double
  public let variant: AdaBayesVariant

  /// AdaBayes with the reference defaults (η = 1e-3, η_SGD = 0.1, λ = 5e-5, B = 1).
  public init(
    learningRate: Double = 1e-3, sgdLearningRate: Double = 0.1, batchSize: Int = 1, beta1: Double = 0.9,
    beta2: Double = 0.999, weightDecay: Double = 5e-5, variant: AdaBayesVariant = .reference
  ) {
    precondition(learningRate > 0, "AdaBayes: learningRate (η) must be > 0")
    precondition(sgdLearningRate > 0, "AdaBayes: sgdLearningRate (η_SGD) must be > 0")
    precondition(batchSize >= 1, "AdaBayes: batchSize must be ≥ 1")
    precondition(weightDecay >= 0 && weightDecay < 1, "AdaBayes: weightDecay must be in [0, 1)")
    checkBeta(beta1, "beta1", "AdaBayes")
    checkBeta(beta2, "beta2", "AdaBayes")
    self.learningRate = learningRate
    self.initialLearningRate = learningRate
    self.sgdLearningRate = sgdLearningRate
    self.batchSize = batchSize
    self.beta1 = beta1
    self.beta2 = beta2
    self.weightDecay = weightDecay
    self.variant = variant
  }

  /// σ² at the current learning rate: η·(η_SGD/η₀)/B, in the reference's order.
  public var priorVariance: Double {
    Self.priorVariance(learningRate: learningRate, sgdLearningRate: sgdLearningRate, initialLearningRate: initialLearningRate, batchSize: batchSize)
  }

  /// σ² = η·(η_SGD/η₀)/B, in the reference's order.
  public static func priorVariance(learningRate: Double, sgdLearningRate: Double, initialLearningRate: Double, batchSize: Int) -> Double {
    learningRate * (sgdLearningRate / initialLearningRate) / Double(batchSize)
  }

  /// The prior dynamics of `variant` at the current η and σ².
  public var transition: ScalarTransition<Double> {
    let eta2 = learningRate * learningRate
    switch variant {
    case .reference: return .ornsteinUhlenbeck(stepVariance: eta2, stationaryVariance: priorVariance)
    case .paper: return .paper(stepVariance: eta2, stationaryVariance: priorVariance)
    }
  }

  /// The step count, m, r = √v (of the summed-loss gradient) and σ²_post.
  ///
  /// The EMA of G² is kept as its square root, which a float32 state can
  /// hold for gradients from 10⁻²⁰ to 10²⁰ (v itself would overflow at
  /// |G| ≈ 1.8·10¹⁹); see [RANGE].
  public struct State: Sendable, Codable, Equatable {
    public var step = 0
    public var firstMoment: [Scalar]
    public var rootSecondMoment: [Scalar]
    public var posteriorVariance: [Scalar]
  }

  public func initialState(for parameters: [Scalar]) -> State {
    let zeros = [Scalar](repeating: 0, count: parameters.count)
    let sigma2 = Scalar(sgdLearningRate / Double(batchSize))
    return State(firstMoment: zeros, rootSecondMoment: zeros, posteriorVariance: [Scalar](repeating: sigma2, count: parameters.count))
  }

  public func update(_ updates: inout [Scalar], state: inout State, parameters: [Scalar]) {
    withStepBuffers(updates: &updates, parameters: parameters) { run($0, $1, $2, $3, &state, .increments) }
  }

  public func apply(gradient: [Scalar], to parameters: inout [Scalar], state: inout State) {
    withStepBuffers(gradient: gradient, parameters: &parameters) { run($0, $1, $2, $3, &state, .parameters) }
  }

  /// σ²_post of every parameter.
  public func posteriorVariances(state: State) -> [Scalar]? { state.posteriorVariance }

  /// ⟨g²⟩ = r²/(1 − β₂ᵗ) of the summed-loss gradient (the x-axis of Fig. 3 is η/√⟨g²⟩).
  public func meanSquaredGradients(state: State) -> [Scalar]? {
    guard state.step > 0 else { return nil }
    let correction = Scalar(biasCorrection(beta2, step: state.step))
    return state.rootSecondMoment.map { $0 * $0 / correction }
  }

  /// One step, in the loop compiled for the actual scalar type.
  func run(
    _ g: UnsafePointer<Scalar>, _ theta: UnsafePointer<Scalar>, _ out: UnsafeMutablePointer<Scalar>, _ n: Int,
    _ state: inout State, _ target: StepTarget
  ) {
    dispatch(
      g, theta, out, n, &state, target, float: { (me: AdaBayes<Float>, g, theta, out, state) in me.kernel(g, theta, out, n, &state, target) },
      double: { (me: AdaBayes<Double>, g, theta, out, state) in me.kernel(g, theta, out, n, &state, target) })
  }

  func kernel(
    _ g: UnsafePointer<Scalar>, _ theta: UnsafePointer<Scalar>, _ out: UnsafeMutablePointer<Scalar>, _ n: Int,
    _ state: inout State, _ target: StepTarget
  ) {
    state.step += 1
    // The paper's Algorithm 1 starts from σ²_prior = σ²: its first prediction
    // is a = 0, q = σ² (0·σ²_post + σ² = σ² exactly). The reference predicts
    // from σ²_post = σ².
    let startsFromPrior = variant == .paper && state.step == 1
    let transitionD = startsFromPrior ? ScalarTransition(scale: 0, noiseVariance: priorVariance) : transition
    // Decay: reference θ ← (θ − σ²⟨g⟩)(1 − λη/η₀) after the step; paper θ ← (1 − λ)θ − σ²⟨g⟩.
    let after = variant == .reference ? 1 - weightDecay / initialLearningRate * learningRate : 1
    let before = variant == .paper ? 1 - weightDecay : 1
    state.firstMoment.withUnsafeMutableBufferPointer { mBuffer in
      state.rootSecondMoment.withUnsafeMutableBufferPointer { rBuffer in
        state.posteriorVariance.withUnsafeMutableBufferPointer { sBuffer in
          guard let m = mBuffer.baseAddress, let r = rBuffer.baseAddress, let s = sBuffer.baseAddress else { return }
          let step = Step(
            prior: ScalarTransition(scale: Scalar(transitionD.scale), noiseVariance: Scalar(transitionD.noiseVariance)),
            bc1: Scalar(biasCorrection(beta1, step: state.step)),
            keepAfter: Scalar(after), keepBefore: Scalar(before), shrink: Scalar(1 - after * before), scale: Scalar(batchSize),
            b1: Scalar(beta1), b2: Scalar(beta2), oneMinusB1: Scalar(1 - beta1), oneMinusB2: Scalar(1 - beta2),
            m: m, r: r, s: s)
          forEachElement(g, theta, out, n, target, step)
        }
      }
    }
  }

  /// Algorithm 1 for one parameter: the scalar Kalman predict and update.
  struct Step: ElementStep, @unchecked Sendable {
    let prior: ScalarTransition<Scalar>
    let bc1, keepAfter, keepBefore, shrink, scale, b1, b2, oneMinusB1, oneMinusB2: Scalar
    let m, r, s: UnsafeMutablePointer<Scalar>

    @inline(__always)
    func callAsFunction(_ i: Int, _ g: Scalar, _ theta: Scalar, _ apply: Bool) -> Scalar {
      // [AB-UPDATE] G = B·g; m: EMA of G; r = √v, v the EMA of G²  [RANGE]
      let summed = scale * g
      let mi = b1 * m[i] + oneMinusB1 * summed
      m[i] = mi
      r[i] = Scalar.kernelRootSumOfSquares(r[i], weight: b2, summed, weight: oneMinusB2)
      // [KF-P] σ²⁻ = a²σ²_post + q
      let priorVariance = ScalarGaussian(mean: 0, variance: s[i]).predicted(by: prior).variance
      // [KF-U] 1/σ²_post = 1/σ²⁻ + G²;  μ ← μ⁻ − σ²_post·⟨g⟩  (G² given as |G|: [RANGE])
      let belief = ScalarGaussian(mean: keepBefore * theta, variance: priorVariance)
        .updated(gradient: mi / bc1, curvatureRoot: abs(summed))
      s[i] = belief.variance
      return apply ? keepAfter * belief.mean : -shrink * theta - keepAfter * (belief.variance * (mi / bc1))
    }
  }
}
