/// How far the sampled band is from the linearised one when the posterior
/// variances are multiplied by a factor c (σ² → cσ²).
///
/// As c → 0 the delta method becomes exact and the two agree up to Monte
/// Carlo error: the ratio of standard deviations has standard error
/// ≈ 1/√(2(S − 1)) and the difference of means ≈ sd/√S ([BADAM-SAMPLE]).
/// How small c must be says how far BADAM's σ² is from the linear regime.
public struct BandAgreement: Sendable, Equatable {
  /// c, the factor applied to every σ².
  public var factor: Double
  /// Monte Carlo samples S.
  public var samples: Int
  /// Median over the inputs of sd_sampled/sd_linearised.
  public var medianRatio: Double
  /// The smallest and largest sd_sampled/sd_linearised over the inputs.
  public var smallestRatio: Double
  public var largestRatio: Double
  /// max over the inputs of |mean_sampled − mean_linearised|/(sd_linearised/√S).
  public var largestMeanScore: Double

  /// max over the inputs of |sd_sampled/sd_linearised − 1|.
  public var largestRatioDeviation: Double { Swift.max(abs(largestRatio - 1), abs(smallestRatio - 1)) }

  /// The standard error of a sample sd over the true one, 1/√(2(S − 1)) (Gaussian f).
  public var ratioStandardError: Double { 1 / (2 * Double(samples - 1)).squareRoot() }

  /// Compares the two bands of `fit` at `xs` for each factor.
  ///
  /// - Throws: ``NotebookError/failed(_:)`` for non-finite inputs.
  public static func scan(fit: ToyRegressionFit, at xs: [Double], factors: [Double], samples: Int, seed: UInt64) throws(NotebookError) -> [BandAgreement] {
    var rows: [BandAgreement] = []
    for factor in factors {
      let scaled = fit.scaled(by: factor)
      let linearised = try scaled.linearisedBand(at: xs)
      let sampled = try scaled.sampledBand(at: xs, samples: samples, seed: seed)
      let ratios = xs.indices.map { sampled.standardDeviations[$0] / linearised.standardDeviations[$0] }
      let scores = xs.indices.map { abs(sampled.means[$0] - linearised.means[$0]) / (linearised.standardDeviations[$0] / Double(samples).squareRoot()) }
      rows.append(
        BandAgreement(
          factor: factor, samples: samples, medianRatio: median(ratios), smallestRatio: ratios.min() ?? .nan, largestRatio: ratios.max() ?? .nan,
          largestMeanScore: scores.max() ?? .nan))
    }
    return rows
  }
}
