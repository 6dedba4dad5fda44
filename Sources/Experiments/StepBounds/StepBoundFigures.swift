import Plotting

/// The step-bound notebook's plots.
public enum StepBoundFigures {
  /// The distribution of |Δ|/α over all parameters and steps of real runs (log–log),
  /// with vertical lines at the bounds.
  public static func distribution(_ runs: [(label: String, histogram: StepSizeHistogram)], bound: StepBound, title: String) -> Plot {
    let series = runs.enumerated().map { k, run in
      let points = run.histogram.density.filter { $0.fraction > 0 }
      return Series(run.label, x: points.map(\.r), y: points.map(\.fraction), style: .line, color: Palette.color(k))
    }
    return Plot(
      title: title, x: Axis("|Δ| / α (per parameter and step)", scale: .log10, range: 1e-6...30),
      y: Axis("fraction of steps per 0.05-decade bin", scale: .log10), series: series,
      referenceLines: [
        .vertical(x: 1, label: "α", color: Palette.color(2)),
        .vertical(x: bound.paperAdam, label: "paper: α(1−β₁)/√(1−β₂)", color: Palette.color(3)),
        .vertical(x: bound.adamSupremum, label: "Cauchy–Schwarz sup", color: Palette.color(5)),
      ], legendPosition: .bottomLeft, width: 720, height: 460)
  }

  /// |Δₜ|/α against t over a window of steps for a few traces, with horizontal lines at the bounds.
  ///
  /// - Parameters:
  ///   - steps: the 1-based steps shown.
  ///   - yAxis: the vertical axis (its scale and range).
  public static func window(
    _ traces: [(label: String, trace: StepTrace)], steps: ClosedRange<Int>, lines: [(value: Double, label: String)], yAxis: Axis, title: String,
    legendPosition: LegendPosition = .bottomRight
  ) -> Plot {
    let series = traces.enumerated().map { k, item in
      let shown = Array(Swift.max(1, steps.lowerBound)...Swift.min(item.trace.ratios.count, steps.upperBound))
      return Series(
        item.label, x: shown.map(Double.init), y: shown.map { item.trace.ratios[$0 - 1] }, style: shown.count <= 120 ? .lineAndMarkers : .line,
        color: Palette.color(k), lineWidth: 1.8, markerRadius: 2.2)
    }
    return Plot(
      title: title, x: Axis("step t", range: Double(steps.lowerBound)...Double(steps.upperBound)), y: yAxis, series: series,
      referenceLines: lines.map { .horizontal(y: $0.value, label: $0.label) }, legendPosition: legendPosition, width: 640, height: 420)
  }
}
