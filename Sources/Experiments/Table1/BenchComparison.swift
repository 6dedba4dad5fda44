/// How a Swift arm's seed-averaged number compares with the PyTorch bench's.
///
/// With n seeds on each side and sample standard deviations s₁, s₂, the
/// difference of the means has standard error √((s₁² + s₂²)/n); |Δ|/SE below
/// about 2 is within seed noise.
public struct BenchComparison: Sendable, Equatable {
  /// Swift mean minus bench mean.
  public var difference: Double
  /// |Δ| over the standard error of the difference (∞ when both deviations are 0 and Δ ≠ 0).
  public var standardErrors: Double

  /// The comparison of Swift's per-seed `values` with the bench's mean and sd over `seeds` seeds.
  public init(values: [Double], bench: (mean: Double, sd: Double), seeds: Int = 3) {
    let n = Double(Swift.max(1, values.count))
    let mean = values.reduce(0, +) / n
    let variance = values.count > 1 ? values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / (n - 1) : 0
    difference = mean - bench.mean
    let standardError = ((variance / n) + bench.sd * bench.sd / Double(Swift.max(1, seeds))).squareRoot()
    standardErrors = standardError > 0 ? abs(difference) / standardError : (difference == 0 ? 0 : .infinity)
  }

  /// `+0.12 (0.4 SE)`.
  public var text: String {
    (difference >= 0 ? "+" : "−") + Formatting.fixed(abs(difference)) + " (" + Formatting.fixed(standardErrors, 1) + " SE)"
  }
}
