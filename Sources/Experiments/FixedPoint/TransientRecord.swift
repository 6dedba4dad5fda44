import Filtering
import RealModule
import Training

/// Where AdaBayes' informative parameters (u ≤ 10) stand relative to their
/// fixed point after some steps of training: the MLP's transient.
///
/// The reference fixed point of a parameter is s*(λ) = the exact root [AB-SS]
/// of the optimizer's recursion at constant curvature λ = ⟨g²⟩ (its β₂
/// average of G²); for these parameters it lies within 0.2 % of Eq. 20.
public struct TransientRecord: Sendable, Equatable {
  /// Optimizer steps taken.
  public var steps: Int
  /// Parameters with u ≤ 10.
  public var count: Int
  /// Their fractions within 5 % and 10 % of Eq. 20.
  public var within5Percent: Double
  public var within10Percent: Double
  /// The median of y/Eq. 20 and of y/s* over them.
  public var medianOverEq20: Double
  public var medianOverExact: Double
  /// The median of y/s* in each band of ``bands`` (NaN for an empty band).
  public var bandMedians: [Double]
  /// The number of parameters in each band.
  public var bandCounts: [Int]

  /// The bands of u reported separately: [0.1, 0.3), [0.3, 1), [1, 3), [3, 10].
  public static let bands: [ClosedRange<Double>] = [0.1...0.3, 0.3...1, 1...3, 3...10]

  /// The geometric centre of band `k`, where its constant-gradient relaxation is drawn.
  public static func bandCentre(_ k: Int) -> Double {
    (bands[k].lowerBound * bands[k].upperBound).squareRoot()
  }

  /// The record of `scatter` after `steps` steps, with the optimizer's prior dynamics `transition`.
  public init(_ scatter: PosteriorScatter, steps: Int, transition: ScalarTransition<Double>) {
    self.steps = steps
    let sigma2 = scatter.priorVariance, eta = scatter.learningRate
    var overEq20: [Double] = [], overExact: [Double] = []
    var bandValues = [[Double]](repeating: [], count: Self.bands.count)
    var five = 0, ten = 0
    for p in scatter.points {
      let u = p.x / sigma2
      guard u <= 10 else { continue }
      let ratio = p.y / scatter.eq20(p.x)
      if abs(ratio - 1) <= 0.05 { five += 1 }
      if abs(ratio - 1) <= 0.10 { ten += 1 }
      let curvature = (eta / p.x) * (eta / p.x)
      let exact = p.y / SteadyState.exactPosteriorVariance(transition: transition, curvature: curvature)
      overEq20.append(ratio)
      overExact.append(exact)
      // Band edges belong to the upper band, except 10, which closes the last.
      if let k = Self.bands.indices.first(where: { Self.bands[$0].contains(u) && (u < Self.bands[$0].upperBound || $0 == Self.bands.count - 1) }) {
        bandValues[k].append(exact)
      }
    }
    count = overEq20.count
    within5Percent = count > 0 ? Double(five) / Double(count) : .nan
    within10Percent = count > 0 ? Double(ten) / Double(count) : .nan
    medianOverEq20 = Quantile.of(overEq20, 0.5)
    medianOverExact = Quantile.of(overExact, 0.5)
    bandMedians = bandValues.map { Quantile.of($0, 0.5) }
    bandCounts = bandValues.map(\.count)
  }
}
