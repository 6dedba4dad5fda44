import Filtering
import RealModule

/// BADAM's reading of an Adam-family state as a diagonal Gaussian posterior.
///
/// With N training examples, Adam's bias-corrected ⟨g²⟩ = v̂ of the mean-loss
/// gradient and a Gaussian prior of precision τ = 1/σ²_prior:
/// ```
/// likelihood-Laplace:  σ² = 1/(N√v̂ + τ),   μ = N√v̂/(N√v̂ + τ) · θ      [BADAM-POST]
/// posterior-Laplace:   σ² = 1/(N√v̂),       μ = θ   (prior already in the loss as L2)
/// ```
/// N√v̂ is a heuristic precision (a square-rooted EMA of squared minibatch
/// gradients, not a Hessian). The signal-to-noise ratio |μ|/σ ranks weights
/// for pruning; it is the same under both readings up to the shrinkage.
///
/// Notes on the reference code (skezle/BADAM @ 73875d8): its bias correction
/// never advances (`global_step` is never passed, so t ≡ 1 and the step is
/// a constant 0.316·lr); sampling divides σ² by N a second time; the output
/// layer is excluded from weight sampling but included in the linearised
/// predictive. This type reads the state as the README's formulas state,
/// with the bias-corrected v̂, and reproduces none of those quirks.
///
/// References: [SZR18]; skezle/BADAM README.
public struct BADAMPosterior: Sendable, Equatable {
  /// Which Laplace approximation the state is read under.
  public enum Approximation: String, Sendable, Codable, CaseIterable {
    /// Laplace around the likelihood, combined with the Gaussian prior (shrinks the mean).
    case likelihood
    /// Laplace around the posterior, with the prior already in the loss as L2.
    case posterior
  }

  /// N: the number of training examples.
  public let trainingSetSize: Int
  /// τ = 1/σ²_prior (used by ``Approximation/likelihood``).
  public let priorPrecision: Double
  /// Added to the precision to keep σ² finite where v̂ = 0.
  public let epsilon: Double
  /// The reading.
  public let approximation: Approximation

  /// A reading for N examples and prior precision τ.
  public init(trainingSetSize: Int, priorPrecision: Double = 0, epsilon: Double = 1e-8, approximation: Approximation = .likelihood) {
    precondition(trainingSetSize >= 1, "BADAMPosterior: trainingSetSize must be ≥ 1")
    precondition(priorPrecision >= 0 && epsilon >= 0, "BADAMPosterior: priorPrecision and epsilon must be ≥ 0")
    self.trainingSetSize = trainingSetSize
    self.priorPrecision = priorPrecision
    self.epsilon = epsilon
    self.approximation = approximation
  }

  /// The posterior N(μᵢ, σᵢ²) for parameters θ and Adam's ⟨g²⟩ = v̂.
  public func posterior<Scalar: OptimizerScalar>(parameters: [Scalar], meanSquaredGradients: [Scalar]) -> DiagonalGaussian<Scalar> {
    precondition(parameters.count == meanSquaredGradients.count, "BADAMPosterior: \(parameters.count) parameters, \(meanSquaredGradients.count) ⟨g²⟩")
    let n = Scalar(trainingSetSize), tau = Scalar(approximation == .likelihood ? priorPrecision : 0), eps = Scalar(epsilon)
    var means = parameters, variances = parameters
    for i in parameters.indices {
      // [BADAM-POST] precision N√v̂ (+ τ); mean shrunk by N√v̂/(N√v̂ + τ)
      let data = n * meanSquaredGradients[i].squareRoot()
      variances[i] = 1 / (data + tau + eps)
      means[i] = tau == 0 ? parameters[i] : data / (data + tau) * parameters[i]
    }
    return DiagonalGaussian(means: means, variances: variances)
  }

  /// |μᵢ|/σᵢ, the signal-to-noise ratio BADAM prunes by.
  public static func signalToNoise<Scalar: OptimizerScalar>(_ posterior: DiagonalGaussian<Scalar>) -> [Scalar] {
    zip(posterior.means, posterior.variances).map { abs($0) / $1.squareRoot() }
  }
}
