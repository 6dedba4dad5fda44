import Linalg
import RealModule

/// A Gaussian posterior over a network's parameters, centred at the parameters passed alongside it.
public enum WeightPosterior: Sendable {
  /// A dense covariance (the full-covariance Kalman filter, RLS).
  case full(Matrix)
  /// Independent variances (AdaBayes' σ²_post, the BADAM reading of Adam).
  case diagonal([Double])
}

/// How predictive probabilities are formed.
public enum PredictiveMethod: Sendable, Equatable {
  /// Plug in the posterior mean (no weight uncertainty).
  case plugIn
  /// Linearise the outputs, z ~ N(μ_z, JΣJᵀ), and use the probit approximation.
  case probit
  /// Linearise the outputs and average the likelihood over S samples of z.
  case monteCarlo(samples: Int, seed: UInt64)
}

/// Predictive quality on a data set.
public struct PredictiveSummary: Sendable, Equatable, Codable {
  /// −mean log p(yᵢ | xᵢ) (classification: of the label; regression: Gaussian density, in model units).
  public var negativeLogLikelihood: Double
  /// Classification only.
  public var accuracy: Double?
  /// Classification only, 15 bins.
  public var expectedCalibrationError: Double?
  /// Regression only (model units).
  public var rootMeanSquaredError: Double?
}

extension MLP {
  /// The linearised predictive distribution of the outputs of every example:
  /// mean z and covariance JΣJᵀ (K × K) under the weight posterior.
  ///
  /// ```
  /// z(θ) ≈ z(μ) + J(θ − μ)  ⇒  z ~ N(z(μ), JΣJᵀ)                 [MODEL-PRED]
  /// ```
  /// - Complexity: K backward passes per example, plus K·n² (full) or K²·n (diagonal).
  public mutating func linearizedOutputs(at parameters: [Scalar], posterior: WeightPosterior, on data: Dataset<Scalar>) -> [(mean: [Double], covariance: Matrix)] {
    let n = parameterCount, k = layerSizes[depth]
    var jacobian = [Scalar](repeating: 0, count: k * n)
    return (0..<data.count).map { example in
      let (outputs, _) = outputJacobian(at: parameters, example: example, in: data, into: &jacobian)
      // Exact: the Jacobian has k·n entries.
      let j = (try? Matrix(rows: k, columns: n, elements: jacobian.map { Double($0) })) ?? Matrix(rows: k, columns: n)
      // [MODEL-PRED] Σ_z = JΣJᵀ
      let covariance: Matrix
      switch posterior {
      case .full(let sigma): covariance = sigma.congruence(by: j)
      case .diagonal(let variances):
        var scaled = j
        for r in 0..<k { for c in 0..<n { scaled[r, c] *= variances[c] } }
        var product = Matrix.product(scaled, .none, j, .transposed)
        product.symmetrize()
        covariance = product
      }
      return (outputs, covariance)
    }
  }

  /// Predictive NLL, accuracy and calibration of the network on `data`.
  ///
  /// - Parameters:
  ///   - posterior: the weight posterior (ignored by ``PredictiveMethod/plugIn``).
  ///   - noiseVariance: s², the Gaussian likelihood's variance (regression), in model units.
  public mutating func predictiveSummary(
    at parameters: [Scalar], posterior: WeightPosterior?, on data: Dataset<Scalar>, method: PredictiveMethod, noiseVariance: Double = 1
  ) -> PredictiveSummary {
    let k = layerSizes[depth]
    let linearized: [(mean: [Double], covariance: Matrix)]
    if let posterior, method != .plugIn {
      linearized = linearizedOutputs(at: parameters, posterior: posterior, on: data)
    } else {
      let z = outputs(at: parameters, on: data)
      linearized = (0..<data.count).map { i in ((0..<k).map { Double(z[i * k + $0]) }, Matrix(rows: k, columns: k)) }
    }
    if outputLoss == .meanSquaredError {
      // Gaussian predictive N(μ, σ_z² + s²).
      var nll = 0.0, squared = 0.0
      for (i, output) in linearized.enumerated() {
        let variance = output.covariance[0, 0] + noiseVariance
        let residual = output.mean[0] - Double(data.targets[i])
        nll += 0.5 * Double.log(2 * Double.pi * variance) + residual * residual / (2 * variance)
        squared += residual * residual
      }
      let count = Double(Swift.max(1, data.count))
      return PredictiveSummary(negativeLogLikelihood: nll / count, accuracy: nil, expectedCalibrationError: nil, rootMeanSquaredError: (squared / count).squareRoot())
    }
    let probabilities = classProbabilities(linearized, method: method)
    let correct = zip(probabilities, data.labels).filter { p, label in p.indices.max { p[$0] < p[$1] } == label }.count
    return PredictiveSummary(
      negativeLogLikelihood: Calibration.negativeLogLikelihood(probabilities: probabilities, labels: data.labels),
      accuracy: Double(correct) / Double(Swift.max(1, data.count)),
      expectedCalibrationError: Calibration.expectedCalibrationError(probabilities: probabilities, labels: data.labels),
      rootMeanSquaredError: nil)
  }

  /// The predictive class probabilities of every example of `data` (classification
  /// networks), as ``predictiveSummary(at:posterior:on:method:noiseVariance:)`` scores them:
  /// one row per example, one column per class (two for a binary output).
  public mutating func predictiveProbabilities(
    at parameters: [Scalar], posterior: WeightPosterior?, on data: Dataset<Scalar>, method: PredictiveMethod
  ) -> [[Double]] {
    precondition(outputLoss != .meanSquaredError, "MLP.predictiveProbabilities: a regression network has no class probabilities")
    let k = layerSizes[depth]
    if let posterior, method != .plugIn {
      return classProbabilities(linearizedOutputs(at: parameters, posterior: posterior, on: data), method: method)
    }
    let z = outputs(at: parameters, on: data)
    return classProbabilities((0..<data.count).map { i in ((0..<k).map { Double(z[i * k + $0]) }, Matrix(rows: k, columns: k)) }, method: .plugIn)
  }

  /// Class probabilities of linearised outputs, one generator for all examples (Monte Carlo).
  func classProbabilities(_ linearized: [(mean: [Double], covariance: Matrix)], method: PredictiveMethod) -> [[Double]] {
    var generator = SplitMix64(seed: { if case .monteCarlo(_, let seed) = method { return seed } else { return 0 } }())
    return linearized.map { classProbabilities(mean: $0.mean, covariance: $0.covariance, method: method, generator: &generator) }
  }

  /// Class probabilities from z ~ N(mean, covariance).                         [MODEL-PRED]
  ///
  /// Probit: binary p = σ(μ/√(1 + πσ²/8)); softmax pₖ ∝ exp(μₖ/√(1 + πΣₖₖ/8))
  /// (MacKay 1992; Lu et al. 2020). Monte Carlo: the mean of softmax(z) over samples.
  func classProbabilities(mean: [Double], covariance: Matrix, method: PredictiveMethod, generator: inout SplitMix64) -> [Double] {
    let binary = outputLoss == .binaryCrossEntropy
    func softmax(_ z: [Double]) -> [Double] {
      if binary {
        let p = logistic(z[0])
        return [1 - p, p]
      }
      let top = z.max() ?? 0
      let e = z.map { Double.exp($0 - top) }
      let total = e.reduce(0, +)
      return e.map { $0 / total }
    }
    switch method {
    case .plugIn:
      return softmax(mean)
    case .probit:
      return softmax(mean.indices.map { mean[$0] / (1 + Double.pi * covariance[$0, $0] / 8).squareRoot() })
    case .monteCarlo(let samples, _):
      // z = μ + V√Λ Vᵀ ξ, robust to a singular Σ_z: eigenvalues below
      // k·ε·λ_max are round-off of a zero (their sign and size depend on the
      // LAPACK thread split) and count as 0, the rank tolerance of a
      // pseudo-inverse; otherwise √(1e-15) = 3e-8 would leak into the samples.
      let root: Matrix
      if let eigen = try? SymmetricEigen(covariance) {
        let floor = Double(mean.count) * Double.ulpOfOne * (eigen.values.max() ?? 0)
        root = eigen.applying { $0 > floor ? $0.squareRoot() : 0 }
      } else {
        root = Matrix(rows: mean.count, columns: mean.count)
      }
      var average = [Double](repeating: 0, count: binary ? 2 : mean.count)
      for _ in 0..<Swift.max(1, samples) {
        let xi = mean.indices.map { _ in generator.nextGaussian() }
        let offset = root * xi
        let p = softmax(mean.indices.map { mean[$0] + offset[$0] })
        for j in average.indices { average[j] += p[j] }
      }
      return average.map { $0 / Double(Swift.max(1, samples)) }
    }
  }
}
