/// A predictive distribution over a line of inputs: mean and standard deviation at each x.
public struct PredictiveBand: Sendable, Equatable {
  /// The inputs.
  public var xs: [Double]
  /// The predictive mean at each input.
  public var means: [Double]
  /// The standard deviation of f(x) under the weight posterior (no observation noise).
  public var standardDeviations: [Double]

  /// A band from its parts (equal lengths).
  public init(xs: [Double], means: [Double], standardDeviations: [Double]) {
    precondition(xs.count == means.count && xs.count == standardDeviations.count, "PredictiveBand: unequal lengths")
    self.xs = xs
    self.means = means
    self.standardDeviations = standardDeviations
  }

  /// The standard deviation with observation noise s² added: √(sd² + s²).
  public func withNoise(variance: Double) -> [Double] {
    standardDeviations.map { ($0 * $0 + variance).squareRoot() }
  }

  /// The fraction of `ys` inside mean ± z·√(sd² + s²) at the same inputs.
  public func coverage(of ys: [Double], z: Double = 2, noiseVariance: Double = 0) -> Double {
    precondition(ys.count == xs.count, "PredictiveBand.coverage: \(ys.count) targets for \(xs.count) inputs")
    guard !ys.isEmpty else { return .nan }
    let widths = withNoise(variance: noiseVariance)
    let inside = ys.indices.filter { abs(ys[$0] - means[$0]) <= z * widths[$0] }.count
    return Double(inside) / Double(ys.count)
  }

  /// The band restricted to the inputs `keep` accepts.
  public func filtered(_ keep: (Double) -> Bool) -> PredictiveBand {
    let chosen = xs.indices.filter { keep(xs[$0]) }
    return PredictiveBand(xs: chosen.map { xs[$0] }, means: chosen.map { means[$0] }, standardDeviations: chosen.map { standardDeviations[$0] })
  }
}
