import Filtering
import Models
import Optimizers
import RealModule
import Training

/// The AdaBayes optimizer driven by synthetic gradients of a chosen size, to
/// watch σ²_post relax from σ² to its fixed point at any u, including the
/// Adam regime (u ≪ 1) that the mnist5k MLP never reaches.
///
/// Parameter k of replicate r is fed the mean-loss gradient g = z·G/B, so the
/// summed-loss gradient the filter sees is z·G, with
/// ```
/// G = η/(u·σ²)          (u = (η/G)/σ², the abscissa of Fig. 3 over σ²)
/// z = ±1 (constant |g|)  or  z ~ N(0, 1) (Gaussian gradients)
/// ```
/// At each recorded step it reports, averaged over replicates,
/// y/Eq. 20(x) with x = η/√⟨g²⟩ read from the optimizer (as in the MLP's
/// Fig. 3), and y/s* with s* the exact fixed point of the optimizer's own
/// recursion at curvature G² (``SteadyState/exactPosteriorVariance(transition:curvature:)``
/// with the optimizer's transition) [AB-SS].
public struct SyntheticFilterDriver: Sendable {
  /// The gradient distribution.
  public enum Noise: String, Sendable, CaseIterable {
    /// |g| = G at every step, random sign.
    case constant
    /// g = z·G with z ~ N(0, 1).
    case gaussian
  }

  /// η, the Adam-like rate.
  public var learningRate: Double
  /// η_SGD; σ² = η_SGD/B.
  public var sgdLearningRate: Double
  /// B.
  public var batchSize: Int
  /// The values of u = (η/G)/σ² driven.
  public var ratios: [Double]
  /// Independent parameters per u.
  public var replicates: Int
  /// Constant or Gaussian gradients.
  public var noise: Noise

  /// A driver; the defaults are the paper's settings at B = 100 (σ² = 1e-3).
  public init(
    ratios: [Double], replicates: Int = 1, noise: Noise = .constant, learningRate: Double = 1e-3, sgdLearningRate: Double = 0.1,
    batchSize: Int = 100
  ) {
    self.ratios = ratios
    self.replicates = Swift.max(1, replicates)
    self.noise = noise
    self.learningRate = learningRate
    self.sgdLearningRate = sgdLearningRate
    self.batchSize = batchSize
  }

  /// The optimizer's transform (no weight decay: the parameters do not matter here).
  public var transform: AdaBayes<Double> {
    AdaBayes<Double>(learningRate: learningRate, sgdLearningRate: sgdLearningRate, batchSize: batchSize, weightDecay: 0)
  }

  /// σ² = η_SGD/B.
  public var priorVariance: Double { transform.priorVariance }

  /// G = η/(u·σ²), the summed-loss gradient size for `u`.
  public func gradientScale(_ u: Double) -> Double { learningRate / (u * priorVariance) }

  /// s*, the exact fixed point of the optimizer's recursion at u [AB-SS].
  public func exactFixedPoint(_ u: Double) -> Double {
    let g = gradientScale(u)
    return SteadyState.exactPosteriorVariance(transition: transform.transition, curvature: g * g)
  }

  /// The relaxation of a parameter fed |G| at u: its contraction and bound [AB-RELAX].
  public func relaxation(_ u: Double) -> Relaxation {
    let g = gradientScale(u)
    return Relaxation(transition: transform.transition, curvature: g * g)
  }

  /// Eq. 20 at x = η/G: σ²·f(u) [AB-FP].
  public func eq20(_ u: Double) -> Double {
    priorVariance * SteadyState.normalizedFixedPointVariance(u)
  }

  /// Runs `steps` steps and records the ratios after each step in `recordAt`.
  ///
  /// - Throws: nothing in practice: ``OptimizerError`` only for a gradient of
  ///   the wrong length, which the driver never builds.
  public func run(steps: Int, recordAt: [Int], seed: UInt64) throws(OptimizerError) -> SyntheticTrace {
    let recorded = Set(recordAt.filter { $0 >= 1 && $0 <= steps })
    let n = ratios.count * replicates
    var optimizer = Optimizer(transform, parameters: [Double](repeating: 0, count: n))
    var rng = SplitMix64(seed: seed)
    let scales = ratios.map { gradientScale($0) / Double(batchSize) }
    let exact = ratios.map(exactFixedPoint)
    var gradient = [Double](repeating: 0, count: n)
    var trace = SyntheticTrace(
      ratios: ratios, steps: [], overEq20: Array(repeating: [], count: ratios.count),
      overExact: Array(repeating: [], count: ratios.count), eq20OverExact: ratios.indices.map { eq20(ratios[$0]) / exact[$0] })
    for t in 1...Swift.max(1, steps) {
      for k in ratios.indices {
        for r in 0..<replicates {
          let z = noise == .constant ? (rng.next() & 1 == 0 ? 1.0 : -1.0) : rng.nextGaussian()
          gradient[k * replicates + r] = z * scales[k]
        }
      }
      try optimizer.step(gradient: gradient)
      guard recorded.contains(t), let y = optimizer.posteriorVariances, let g2 = optimizer.meanSquaredGradients else { continue }
      trace.steps.append(t)
      let sigma2 = priorVariance
      for k in ratios.indices {
        var sumEq20 = 0.0, sumExact = 0.0
        for r in 0..<replicates {
          let i = k * replicates + r
          let x = learningRate / g2[i].squareRoot()
          sumEq20 += y[i] / (sigma2 * SteadyState.normalizedFixedPointVariance(x / sigma2))
          sumExact += y[i] / exact[k]
        }
        trace.overEq20[k].append(sumEq20 / Double(replicates))
        trace.overExact[k].append(sumExact / Double(replicates))
      }
    }
    return trace
  }
}

/// What ``SyntheticFilterDriver`` records.
public struct SyntheticTrace: Sendable, Equatable {
  /// The values of u, in the order of the rows below.
  public var ratios: [Double]
  /// The steps recorded.
  public var steps: [Int]
  /// Per u, per recorded step: the mean of y/Eq. 20(η/√⟨g²⟩).
  public var overEq20: [[Double]]
  /// Per u, per recorded step: the mean of y/s*.
  public var overExact: [[Double]]
  /// Per u: Eq. 20(η/G)/s*, where Eq. 20 would put the filter.
  public var eq20OverExact: [Double]

  /// The value of `series` for u-row `k` at step `step`, if recorded.
  public func value(_ series: [[Double]], row k: Int, step: Int) -> Double? {
    guard let j = steps.firstIndex(of: step), series.indices.contains(k), series[k].indices.contains(j) else { return nil }
    return series[k][j]
  }
}
