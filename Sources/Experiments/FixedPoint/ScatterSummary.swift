import Filtering
import RealModule
import Training

/// The numbers of the science bench's Fig. 3 check, read from one scatter of
/// AdaBayes' σ²_post against x = η/√⟨g²⟩.
///
/// "Within 5 %" means |y/Eq. 20(x) − 1| ≤ 0.05 [AB-FP]. Parameters whose
/// gradient was zero at every step (x = ∞) sit at y = σ² = Eq. 20(∞) and are
/// counted as on the curve in ``all``, as in the bench; ``nonzero`` leaves them out;
/// ``informative`` keeps only u = x/σ² ≤ 10, where Eq. 20 differs from σ² by
/// more than 1 % and agreement is not automatic.
public struct ScatterSummary: Sendable {
  /// Every parameter.
  public var all: PosteriorScatter.Agreement
  /// The parameters with a non-zero gradient at some step.
  public var nonzero: PosteriorScatter.Agreement
  /// The parameters with u ≤ 10.
  public var informative: PosteriorScatter.Agreement
  /// Parameters whose gradient was zero at every step.
  public var zeroGradientCount: Int
  /// Points per regime: Adam (u < 0.1), transition (0.1 ≤ u ≤ 10), SGD (u > 10).
  public var regimes: (adam: Int, transition: Int, sgd: Int)
  /// y/Eq. 20 over the g ≠ 0 parameters: median, 5 % and 95 % quantiles.
  public var ratioMedian: Double
  public var ratioLow: Double
  public var ratioHigh: Double
  /// The smallest x = η/√⟨g²⟩ and u = x/σ².
  public var smallestX: Double
  public var smallestU: Double
  /// Agreement per layer (`W1`, `b1`, …), over g ≠ 0.
  public var layers: [(name: String, agreement: PosteriorScatter.Agreement)]

  /// The summary of `scatter`.
  public init(_ scatter: PosteriorScatter) {
    all = scatter.agreement(informativeOnly: false)
    informative = scatter.agreement(informativeOnly: true)
    nonzero = PosteriorScatter(
      learningRate: scatter.learningRate, priorVariance: scatter.priorVariance, points: scatter.points, zeroGradientCount: 0
    ).agreement(informativeOnly: false)
    zeroGradientCount = scatter.zeroGradientCount
    regimes = scatter.regimeCounts
    let ratios = scatter.points.map { $0.y / scatter.eq20($0.x) }.sorted()
    ratioMedian = Quantile.sorted(ratios, 0.5)
    ratioLow = Quantile.sorted(ratios, 0.05)
    ratioHigh = Quantile.sorted(ratios, 0.95)
    smallestX = scatter.points.map(\.x).min() ?? .infinity
    smallestU = scatter.smallestU
    layers = scatter.layerAgreements
  }
}

/// Quantiles by linear interpolation between order statistics (NumPy's default).
public enum Quantile {
  /// The `q`-quantile of ascending `values` (NaN when empty).
  public static func sorted(_ values: [Double], _ q: Double) -> Double {
    guard let first = values.first else { return .nan }
    guard values.count > 1 else { return first }
    let position = q * Double(values.count - 1)
    let lower = Int(position.rounded(.down)), upper = Swift.min(lower + 1, values.count - 1)
    let fraction = position - Double(lower)
    return values[lower] + fraction * (values[upper] - values[lower])
  }

  /// The `q`-quantile of `values` in any order.
  public static func of(_ values: [Double], _ q: Double) -> Double { sorted(values.sorted(), q) }
}
