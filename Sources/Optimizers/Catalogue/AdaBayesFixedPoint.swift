import Filtering
import RealModule

/// AdaBayes-FP: AdaBayes with σ²_post set directly to the filter's fixed point.
///
/// ```
/// G = B·g;   m, v: EMAs of G and G²;   ⟨g⟩ = m/(1 − β₁ᵗ),  ⟨g²⟩ = v/(1 − β₂ᵗ)
/// 1/σ²_post = 1/(2σ²) + √(1/(4σ⁴) + (⟨g²⟩ + ε)/η²)         [AB-FP]
/// v is kept as r = √v, updated as r ← √(β₂r² + (1 − β₂)G²)   [RANGE]
/// θ ← θ − σ²_post·⟨g⟩                                       [AB-FP-STEP]
/// ```
/// In mean-loss gradients this is exactly Adam with learning rate η, ε_out =
/// η/(2η_SGD) added outside the square root and ε_out² + ε/B² inside: the
/// batch size cancels ([AB-FP-ADAM]). σ² → ∞ gives AdamW exactly (Eq. 26),
/// ⟨g²⟩ → 0 gives SGD with EMA momentum at rate η_SGD.
///
/// - Parameters: as ``AdaBayes``, plus `epsilon` (ε), added to ⟨g²⟩ inside
///   the square root as the reference does (0 gives the paper's Alg. 2 exactly).
///
/// References: [AB20] Eqs. 19–20, 26, Algorithm 2; LaurenceA/adabayes `adabayesfp.py`.
public struct AdaBayesFixedPoint<Scalar: OptimizerScalar>: GradientTransformation, LearningRateScheduled, ElementwiseKernel {
  typealias FloatKernel = AdaBayesFixedPoint<Float>
  typealias DoubleKernel = AdaBayesFixedPoint<Double>

  public var learningRate: Double
  public let initialLearningRate: Double
  public let sgdLearningRate: Double
  public let batchSize: Int
  public let beta1: Double
  public let beta2: Double
  public let epsilon: Double
  public let weightDecay: Double
  public let variant: AdaBayesVariant

  /// AdaBayes-FP with the reference defaults (η = 1e-3, η_SGD = 0.1, ε = 1e-8, λ = 5e-5, B = 1).
  ///
  /// `sgdLearningRate` may be `.infinity` (σ² = ∞): the AdamW limit.
  public init(
    learningRate: Double = 1e-3, sgdLearningRate: Double = 0.1, batchSize: Int = 1, beta1: Double = 0.9,
    beta2: Double = 0.999, epsilon: Double = 1e-8, weightDecay: Double = 5e-5, variant: AdaBayesVariant = .reference
  ) {
    precondition(learningRate > 0, "AdaBayesFixedPoint: learningRate (η) must be > 0")
    precondition(sgdLearningRate > 0, "AdaBayesFixedPoint: sgdLearningRate (η_SGD) must be > 0")
    precondition(batchSize >= 1, "AdaBayesFixedPoint: batchSize must be ≥ 1")
    precondition(epsilon >= 0, "AdaBayesFixedPoint: epsilon must be ≥ 0")
    precondition(weightDecay >= 0 && weightDecay < 1, "AdaBayesFixedPoint: weightDecay must be in [0, 1)")
    checkBeta(beta1, "beta1", "AdaBayesFixedPoint")
    checkBeta(beta2, "beta2", "AdaBayesFixedPoint")
    self.learningRate = learningRate
    self.initialLearningRate = learningRate
    self.sgdLearningRate = sgdLearningRate
    self.batchSize = batchSize
    self.beta1 = beta1
    self.beta2 = beta2
    self.epsilon = epsilon
    self.weightDecay = weightDecay
    self.variant = variant
  }

  /// σ² at the current learning rate: η·(η_SGD/η₀)/B, in the reference's order.
  public var priorVariance: Double {
    AdaBayes<Scalar>.priorVariance(
      learningRate: learningRate, sgdLearningRate: sgdLearningRate, initialLearningRate: initialLearningRate, batchSize: batchSize)
  }

  /// The step count, m and r = √v of the summed-loss gradient.
  ///
  /// The EMA of G² is kept as its square root, which a float32 state can
  /// hold for gradients from 10⁻²⁰ to 10²⁰ (v itself would overflow at
  /// |G| ≈ 1.8·10¹⁹); see [RANGE].
  public struct State: Sendable, Codable, Equatable {
    public var step = 0
    public var firstMoment: [Scalar]
    public var rootSecondMoment: [Scalar]
  }

  public func initialState(for parameters: [Scalar]) -> State {
    let zeros = [Scalar](repeating: 0, count: parameters.count)
    return State(firstMoment: zeros, rootSecondMoment: zeros)
  }

  public func update(_ updates: inout [Scalar], state: inout State, parameters: [Scalar]) {
    withStepBuffers(updates: &updates, parameters: parameters) { run($0, $1, $2, $3, &state, .increments) }
  }

  public func apply(gradient: [Scalar], to parameters: inout [Scalar], state: inout State) {
    withStepBuffers(gradient: gradient, parameters: &parameters) { run($0, $1, $2, $3, &state, .parameters) }
  }

  /// σ²_post = 1/P of every parameter, from the state's √⟨g²⟩ at the current η and σ².
  public func posteriorVariances(state: State) -> [Scalar]? {
    guard state.step > 0 else { return nil }
    // The constants exactly as the step forms them.
    let (constants, rootToScaled) = precisionConstants(step: state.step)
    return state.rootSecondMoment.map { 1 / (constants.scaledPrecision(scaledRootOverEta: $0 * rootToScaled) * constants.inverseScale) }
  }

  /// Eq. 20's constants at step t, and the factor k/(η√(1 − β₂ᵗ)) that takes
  /// r = √v to kq = k·√⟨g²⟩/η (``FixedPointConstants``).
  func precisionConstants(step: Int) -> (FixedPointConstants<Scalar>, rootToScaled: Scalar) {
    let constants = FixedPointConstants(learningRate: Scalar(learningRate), priorVariance: Scalar(priorVariance), epsilon: Scalar(epsilon))
    let inverseRootBc2 = Scalar(1 / biasCorrection(beta2, step: step).squareRoot())
    return (constants, inverseRootBc2 * constants.inverseEta * constants.scale)
  }

  /// ⟨g²⟩ = r²/(1 − β₂ᵗ) of the summed-loss gradient.
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
      g, theta, out, n, &state, target, float: { (me: AdaBayesFixedPoint<Float>, g, theta, out, state) in me.kernel(g, theta, out, n, &state, target) },
      double: { (me: AdaBayesFixedPoint<Double>, g, theta, out, state) in me.kernel(g, theta, out, n, &state, target) })
  }

  func kernel(
    _ g: UnsafePointer<Scalar>, _ theta: UnsafePointer<Scalar>, _ out: UnsafeMutablePointer<Scalar>, _ n: Int,
    _ state: inout State, _ target: StepTarget
  ) {
    state.step += 1
    // Decay: reference θ ← (θ − σ²⟨g⟩)(1 − λ) after the step (not scheduled); paper θ ← (1 − λ)θ − σ²⟨g⟩.
    let after = variant == .reference ? 1 - weightDecay : 1
    let before = variant == .paper ? 1 - weightDecay : 1
    state.firstMoment.withUnsafeMutableBufferPointer { mBuffer in
      state.rootSecondMoment.withUnsafeMutableBufferPointer { rBuffer in
        guard let m = mBuffer.baseAddress, let r = rBuffer.baseAddress else { return }
        let (constants, rootToScaled) = precisionConstants(step: state.step)
        let step = Step(
          scaledBc1: Scalar(biasCorrection(beta1, step: state.step)) * constants.inverseScale,
          rootToScaled: rootToScaled, constants: constants,
          keepAfter: Scalar(after),
          keepBefore: Scalar(before), shrink: Scalar(1 - after * before), scale: Scalar(batchSize), b1: Scalar(beta1),
          b2: Scalar(beta2), oneMinusB1: Scalar(1 - beta1), oneMinusB2: Scalar(1 - beta2),
          m: m, r: r)
        forEachElement(g, theta, out, n, target, step)
      }
    }
  }

  /// Algorithm 2 for one parameter: the Eq. 20 precision and the step, after
  /// the EMAs of G and G² in a first pass over the block.
  struct Step: ElementStep, @unchecked Sendable {
    let scaledBc1, rootToScaled: Scalar
    let constants: FixedPointConstants<Scalar>
    let keepAfter, keepBefore, shrink, scale, b1, b2, oneMinusB1, oneMinusB2: Scalar
    let m, r: UnsafeMutablePointer<Scalar>

    static var preparesBlocks: Bool { true }

    @inline(__always)
    func prepare(_ i: Int, _ g: Scalar) {
      // G = B·g; m: EMA of G; r = √v, v the EMA of G²  [RANGE]
      let summed = scale * g
      m[i] = b1 * m[i] + oneMinusB1 * summed
      r[i] = Scalar.kernelRootSumOfSquares(r[i], weight: b2, summed, weight: oneMinusB2)
    }

    @inline(__always)
    func callAsFunction(_ i: Int, _ g: Scalar, _ theta: Scalar, _ apply: Bool) -> Scalar {
      let mi = m[i]
      // [AB-FP] kP = k/(2σ²) + √((kc)² + (kq)²),  kq = k·r/(η√(1 − β₂ᵗ))  [RANGE]
      let scaledPrecision = constants.scaledPrecision(scaledRootOverEta: r[i] * rootToScaled)
      // [AB-FP-STEP] θ ← θ − ⟨g⟩/P = θ − m/((1 − β₁ᵗ)/k · kP): one division
      let step = mi / (scaledBc1 * scaledPrecision)
      return apply ? keepAfter * (keepBefore * theta - step) : -shrink * theta - keepAfter * step
    }
  }
}
