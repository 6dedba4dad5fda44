/// How two predictive bands (linearised and sampled) do on the held-out points of one distance region.
public struct RegionSummary: Sendable, Equatable {
  /// The region.
  public var region: DistanceRegion
  /// Held-out points in it.
  public var count: Int
  /// Median over the points of the linearised sd of f(x).
  public var linearisedSD: Double
  /// Median over the points of the sampled sd of f(x).
  public var sampledSD: Double
  /// Fraction of held-out y within mean ± 2√(sd² + s²), linearised band.
  public var linearisedCoverage: Double
  /// The same for the sampled band (its own mean and sd).
  public var sampledCoverage: Double
  /// √(mean (y − f(x; θ))²) over the points: the error of the trained network.
  public var rootMeanSquaredError: Double

  /// The summaries of `regions` for bands evaluated at the held-out inputs of `fit`.
  ///
  /// - Precondition: both bands are at `fit.test`'s inputs, in order.
  public static func summaries(
    fit: ToyRegressionFit, linearised: PredictiveBand, sampled: PredictiveBand, regions: [DistanceRegion] = DistanceRegion.standard,
    trainingInterval: Range<Double> = 0..<0.5
  ) -> [RegionSummary] {
    let xs = fit.test.features, ys = fit.test.targets
    precondition(linearised.xs == xs && sampled.xs == xs, "RegionSummary: bands must be at the held-out inputs")
    return regions.map { region in
      let chosen = xs.indices.filter { region.contains(DistanceRegion.distance(of: xs[$0], from: trainingInterval)) }
      let keep = Set(chosen)
      func restricted(_ band: PredictiveBand) -> PredictiveBand {
        PredictiveBand(
          xs: chosen.map { xs[$0] }, means: chosen.map { band.means[$0] }, standardDeviations: chosen.map { band.standardDeviations[$0] })
      }
      let lin = restricted(linearised), mc = restricted(sampled), targets = chosen.map { ys[$0] }
      let squared = chosen.map { (ys[$0] - linearised.means[$0]) * (ys[$0] - linearised.means[$0]) }
      return RegionSummary(
        region: region, count: keep.count, linearisedSD: median(lin.standardDeviations), sampledSD: median(mc.standardDeviations),
        linearisedCoverage: lin.coverage(of: targets, noiseVariance: fit.noiseVariance),
        sampledCoverage: mc.coverage(of: targets, noiseVariance: fit.noiseVariance),
        rootMeanSquaredError: squared.isEmpty ? .nan : (squared.reduce(0, +) / Double(squared.count)).squareRoot())
    }
  }
}

/// The median (mean of the middle two for an even count; NaN when empty).
func median(_ values: [Double]) -> Double {
  let sorted = values.sorted()
  guard !sorted.isEmpty else { return .nan }
  let middle = sorted.count / 2
  return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}
