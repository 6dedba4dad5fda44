import Plotting

/// Learning curves of several arms, averaged over seeds.
public enum ComparisonFigures {
  /// Nine distinguishable line colours: the Okabe–Ito palette without its
  /// faint yellow, then black, grey and brown.
  public static let colors = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000", "#888888", "#8C564B"]

  /// The colour of line `k` (cycling).
  public static func color(_ k: Int) -> String { colors[((k % colors.count) + colors.count) % colors.count] }

  /// Two panels, mean test error % and mean test loss against the epoch, one line per arm.
  ///
  /// - Parameters:
  ///   - dashed: labels drawn dashed (to pair variants with the arm they modify).
  ///   - colorIndices: the colour of each arm (default: one each, in order).
  ///   - errorRange, lossRange: the axis ranges (`nil`: from the data).
  ///   - legendPosition: where both panels put their legends.
  public static func curves(
    _ results: [ArmResult], title: String, dashed: Set<String> = [], colorIndices: [Int]? = nil,
    errorRange: ClosedRange<Double>? = nil, lossRange: ClosedRange<Double>? = nil, legendPosition: LegendPosition = .topRight
  ) -> [Plot] {
    var errors: [Series] = [], losses: [Series] = []
    for (index, result) in results.enumerated() {
      let k = colorIndices.map { $0.indices.contains(index) ? $0[index] : index } ?? index
      let error = result.meanTestErrorCurve, loss = result.meanTestLossCurve
      let epochs = (1...Swift.max(1, error.count)).map(Double.init)
      let isDashed = dashed.contains(result.arm.label)
      errors.append(Series(result.arm.label, x: epochs, y: error, style: .lineAndMarkers, color: color(k), dashed: isDashed, markerRadius: 2.5))
      losses.append(Series(result.arm.label, x: epochs, y: loss, style: .lineAndMarkers, color: color(k), dashed: isDashed, markerRadius: 2.5))
    }
    let seeds = results.first?.seeds.count ?? 1
    let average = seeds > 1 ? ", mean of \(seeds) seeds" : ""
    return [
      Plot(
        title: "\(title): test error\(average)", x: Axis("epoch"), y: Axis("test error %", scale: .log10, range: errorRange), series: errors,
        legendPosition: legendPosition, width: 680, height: 500),
      Plot(
        title: "\(title): test loss\(average)", x: Axis("epoch"), y: Axis("test loss (mean cross-entropy)", scale: .log10, range: lossRange),
        series: losses, legendPosition: legendPosition, width: 680, height: 500),
    ]
  }
}
