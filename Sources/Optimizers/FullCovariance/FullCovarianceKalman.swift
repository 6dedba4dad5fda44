import Filtering
import Linalg

/// A Kalman filter over all parameters jointly: the belief N(θ, P) with a
/// dense covariance P (Double), updated through LAPACK.
///
/// ```
/// predict:  P ← a²P/λ + qI,  θ ← aθ                         [KF-P]  (a = 1 and λ = 1 by default)
/// update:   P ← (P⁻¹ + AᵀA)⁻¹,  θ ← θ − η·P G                [KF-U]  (Gaussian.applyEvidence)
/// ```
/// From a model (`kfopt train --optimizer kalman`) the evidence (G, A) is the
/// batch's summed negative log-likelihood linearised in the outputs — the
/// extended Kalman filter / Gauss–Newton update (Puskorius & Feldkamp 1991;
/// Ollivier 2017). From a bare gradient (``update(_:state:parameters:)``) it is
/// G = B·g with curvature GGᵀ: the full-matrix AdaBayes step.
///
/// With F = I, Q = 0 and a linear-Gaussian model this is recursive least
/// squares, and one pass over the data gives the exact Bayesian posterior
/// (`rls`); a forgetting factor λ < 1 discounts old data.
///
/// - Parameters:
///   - learningRate: (η) scales the mean step; 1 is the Bayesian update.
///   - priorVariance: (σ₀²) P₀ = σ₀²I.
///   - processNoise: (q) added to the diagonal of P before each update.
///   - forgetting: (λ ∈ (0, 1]) P ← P/λ before each update.
///   - scale: (a) the prior's contraction θ ← aθ, P ← a²P (1: none).
///   - batchSize: (B) the summed-loss scale in gradient mode.
///   - observationNoiseVariance: (s²) the Gaussian likelihood's variance for regression.
/// - Complexity: O(n²m) per update for m evidence rows; memory n² Doubles.
public struct FullCovarianceKalman<Scalar: OptimizerScalar>: GradientTransformation, LearningRateScheduled, LikelihoodModelled {
  public var learningRate: Double
  public let initialLearningRate: Double
  public let priorVariance: Double
  public let processNoise: Double
  public let forgetting: Double
  public let scale: Double
  public let batchSize: Int
  public let observationNoiseVariance: Double

  /// A full-covariance filter with prior N(θ₀, σ₀²I).
  public init(
    learningRate: Double = 1, priorVariance: Double = 1, processNoise: Double = 0, forgetting: Double = 1, scale: Double = 1,
    batchSize: Int = 1, observationNoiseVariance: Double = 1
  ) {
    precondition(learningRate > 0 && priorVariance > 0, "FullCovarianceKalman: learningRate and priorVariance must be > 0")
    precondition(processNoise >= 0 && observationNoiseVariance > 0, "FullCovarianceKalman: processNoise ≥ 0, observationNoiseVariance > 0")
    precondition(forgetting > 0 && forgetting <= 1, "FullCovarianceKalman: forgetting must be in (0, 1]")
    precondition(batchSize >= 1, "FullCovarianceKalman: batchSize must be ≥ 1")
    self.learningRate = learningRate
    self.initialLearningRate = learningRate
    self.priorVariance = priorVariance
    self.processNoise = processNoise
    self.forgetting = forgetting
    self.scale = scale
    self.batchSize = batchSize
    self.observationNoiseVariance = observationNoiseVariance
  }

  /// The step count and the covariance P (only its lower triangle is kept current).
  public struct State: Sendable, Codable, Equatable {
    public var step = 0
    /// P, valid in its lower triangle; use ``FullCovarianceKalman/covariance(state:)`` for the full matrix.
    public var lowerCovariance: Matrix
  }

  public func initialState(for parameters: [Scalar]) -> State {
    State(lowerCovariance: priorVariance * Matrix.identity(parameters.count))
  }

  /// The full symmetric covariance P.
  public func covariance(state: State) -> Matrix {
    var p = state.lowerCovariance
    p.mirrorLowerTriangle()
    return p
  }

  public var consumesEvidence: Bool { true }

  public func posteriorCovariance(state: State) -> Matrix? { covariance(state: state) }

  public func posteriorVariances(state: State) -> [Scalar]? {
    state.lowerCovariance.diagonalElements.map { Scalar($0) }
  }

  /// Gradient mode: G = B·g and curvature GGᵀ (full-matrix AdaBayes).
  public func update(_ updates: inout [Scalar], state: inout State, parameters: [Scalar]) {
    var theta = parameters
    let g = updates.map { Double(batchSize) * Double($0) }
    // The factor of GGᵀ is the row Gᵀ; its entries are finite when g is.
    guard let evidence = try? DenseQuadraticEvidence(gradient: g, curvatureFactor: .row(g)) else { return }
    // A positive-definite S = 1 + GᵀPG cannot fail to factor.
    try? apply(evidence: evidence, to: &theta, state: &state)
    for i in updates.indices { updates[i] = theta[i] - parameters[i] }
  }

  public func apply(evidence: DenseQuadraticEvidence, to parameters: inout [Scalar], state: inout State) throws(OptimizerError) {
    let n = parameters.count
    guard evidence.gradient.count == n, state.lowerCovariance.rows == n else {
      throw .evidenceUnsupported("evidence over \(evidence.gradient.count) parameters for a filter over \(n)")
    }
    // [KF-P] P ← a²P/λ + qI (in place, lower triangle), θ ← aθ
    let contraction = scale * scale / forgetting
    if contraction != 1 { state.lowerCovariance *= contraction }
    if processNoise != 0 { for i in 0..<n { state.lowerCovariance[i, i] += processNoise } }
    var mean = parameters.map { scale * Double($0) }
    let start = mean
    do {
      // [KF-U] P ← (P⁻¹ + AᵀA)⁻¹, μ ← μ − P G  (P is only written once S has been factored)
      try Gaussian.applyEvidence(evidence, mean: &mean, lowerCovariance: &state.lowerCovariance, mirror: false)
    } catch {
      // Undo the prediction so that nothing has changed.
      if processNoise != 0 { for i in 0..<n { state.lowerCovariance[i, i] -= processNoise } }
      if contraction != 1 { state.lowerCovariance *= 1 / contraction }
      throw .numerical("full-covariance update failed at step \(state.step + 1): \(error)")
    }
    // The mean step, scaled by η (η = 1 is the Bayesian update).
    for i in 0..<n { parameters[i] = Scalar(start[i] + learningRate * (mean[i] - start[i])) }
    state.step += 1
  }
}
