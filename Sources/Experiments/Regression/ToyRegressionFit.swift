import Linalg
import Models

/// A trained toy-regression network with its BADAM posterior N(θ, diag σ²).
public struct ToyRegressionFit: Sendable {
  /// The network (its training set is the toy training data).
  public var model: MLP<Double>
  /// θ: the trained parameters, the posterior mean.
  public var parameters: [Double]
  /// σ²: the per-parameter posterior variances.
  public var variances: [Double]
  /// The training data.
  public var train: Dataset<Double>
  /// The held-out data.
  public var test: Dataset<Double>
  /// s²: the training mean squared error, the observation-noise variance of the predictive.
  public var noiseVariance: Double
  /// Optimizer steps taken.
  public var steps: Int
  /// Wall time of training.
  public var trainingSeconds: Double

  /// The same fit with every variance multiplied by `factor` (a temperature on the posterior).
  public func scaled(by factor: Double) -> ToyRegressionFit {
    precondition(factor > 0, "ToyRegressionFit.scaled: the factor must be > 0")
    var copy = self
    copy.variances = variances.map { $0 * factor }
    return copy
  }

  /// The q-quantile of σ² over the parameters (q in [0, 1], nearest rank).
  public func varianceQuantile(_ q: Double) -> Double {
    let sorted = variances.sorted()
    guard !sorted.isEmpty else { return .nan }
    return sorted[Swift.min(sorted.count - 1, Swift.max(0, Int((q * Double(sorted.count - 1)).rounded())))]
  }

  /// The network's prediction f(x; θ) at each x.
  public func predictions(at xs: [Double]) throws(NotebookError) -> [Double] {
    var network = model
    return network.outputs(at: parameters, on: try ToyRegressionData.dataset(xs: xs))
  }

  /// The band of the linearised predictive (the delta method):
  ///
  /// ```
  /// f(x; θ′) ≈ f(x; θ) + J(x)(θ′ − θ)  ⇒  Var f(x) = Σᵢ Jᵢ(x)² σᵢ²          [MODEL-PRED]
  /// ```
  /// with J(x) = ∂f(x)/∂θ from the network's backpropagation.
  public func linearisedBand(at xs: [Double]) throws(NotebookError) -> PredictiveBand {
    var network = model
    let outputs = network.linearizedOutputs(at: parameters, posterior: .diagonal(variances), on: try ToyRegressionData.dataset(xs: xs))
    return PredictiveBand(
      xs: xs, means: outputs.map { $0.mean[0] }, standardDeviations: outputs.map { Swift.max(0, $0.covariance[0, 0]).squareRoot() })
  }

  /// The band of the sampled predictive: S networks with weights drawn from the posterior,
  ///
  /// ```
  /// θₛ = θ + σ ⊙ ξₛ,  ξₛ ~ N(0, I);   mean = (1/S)Σₛ f(x; θₛ),   sd² = (1/(S−1))Σₛ (f(x; θₛ) − mean)²   [BADAM-SAMPLE]
  /// ```
  /// Each estimate carries Monte Carlo error: about sd/√S for the mean and
  /// sd/√(2(S − 1)) for the standard deviation (Gaussian f).
  public func sampledBand(at xs: [Double], samples: Int, seed: UInt64) throws(NotebookError) -> PredictiveBand {
    precondition(samples >= 2, "ToyRegressionFit.sampledBand: at least 2 samples")
    var network = model
    let grid = try ToyRegressionData.dataset(xs: xs)
    let scales = variances.map { $0.squareRoot() }
    var generator = SplitMix64(seed: seed)
    var sum = [Double](repeating: 0, count: xs.count), sumOfSquares = sum
    var theta = parameters
    // Welford would be steadier, but the outputs are O(1) and S ≤ 10⁴: sums in Double lose nothing visible.
    for _ in 0..<samples {
      for i in theta.indices { theta[i] = parameters[i] + scales[i] * generator.nextGaussian() }
      let f = network.outputs(at: theta, on: grid)
      for k in xs.indices {
        sum[k] += f[k]
        sumOfSquares[k] += f[k] * f[k]
      }
    }
    let s = Double(samples)
    let means = sum.map { $0 / s }
    let deviations = xs.indices.map { k in Swift.max(0, (sumOfSquares[k] - s * means[k] * means[k]) / (s - 1)).squareRoot() }
    return PredictiveBand(xs: xs, means: means, standardDeviations: deviations)
  }
}
