import Plotting

/// The PadamExponent notebook's figure.
public enum PadamFigures {
  /// Min test error against p at lr 0.1 (each seed as a dot, the mean as a
  /// line), the PyTorch bench's means, and p = ½ at lr 1e-3 and torch's
  /// AMSGrad as horizontal lines; beside it the mean test-error curves.
  public static func sweep(
    _ results: [ArmResult], points: [PadamSweep.Point], reference: ArmResult?, bench: [Double?], title: String
  ) -> Figure {
    var series: [Series] = []
    let atPoint1 = points.indices.filter { points[$0].learningRate == 0.1 }
    let p = atPoint1.map { points[$0].exponent }
    func mean(_ v: [Double]) -> Double { v.reduce(0, +) / Double(Swift.max(1, v.count)) }
    let means = atPoint1.map { mean(results[$0].minimumTestErrors.map(\.error)) }
    var seedX: [Double] = [], seedY: [Double] = []
    for k in atPoint1 {
      for m in results[k].minimumTestErrors {
        seedX.append(points[k].exponent)
        seedY.append(m.error)
      }
    }
    series.append(Series("Swift, mean over seeds", x: p, y: means, style: .lineAndMarkers, color: ComparisonFigures.color(0), markerRadius: 4))
    if Set(results.flatMap(\.seeds)).count > 1 {
      series.append(Series("Swift, single seeds", x: seedX, y: seedY, style: .scatter, color: ComparisonFigures.color(0), markerRadius: 2.5, opacity: 0.5))
    }
    let benchPoints = atPoint1.indices.compactMap { i in bench[atPoint1[i]].map { (x: p[i], y: $0) } }
    if !benchPoints.isEmpty {
      series.append(Series("PyTorch bench, mean", points: benchPoints, style: .lineAndMarkers, color: ComparisonFigures.color(1), dashed: true, markerRadius: 4))
    }
    // Levels drawn across the plot as series, so that they are named in the legend.
    let span = [-0.02, 0.52]
    if let low = points.indices.first(where: { points[$0].learningRate != 0.1 }) {
      let level = mean(results[low].minimumTestErrors.map(\.error))
      series.append(Series("Padam p = 1/2 at lr 1e-3", x: span, y: [level, level], color: ComparisonFigures.color(2), dashed: true, lineWidth: 1.5))
    }
    if let reference {
      let level = mean(reference.minimumTestErrors.map(\.error))
      series.append(Series("torch AMSGrad at lr 1e-3", x: span, y: [level, level], color: ComparisonFigures.color(3), dashed: true, lineWidth: 1.5))
    }
    let sweepPanel = Plot(
      title: "min test error over epochs against p (lr 0.1)", x: Axis("partial exponent p", range: -0.02...0.52),
      y: Axis("min test error %", scale: .log10, range: 3...95), series: series, legendPosition: .topLeft, width: 680, height: 500)
    // The curves panel leaves out p = 1/2 at lr 0.1, a flat line near the top that
    // would sit under any legend, and names the runs by p (and lr when not 0.1).
    var drawn: [ArmResult] = []
    var stuck: ArmResult?
    for (k, point) in points.enumerated() where k < results.count {
      var result = results[k]
      if point.exponent == 0.5 && point.learningRate == 0.1 {
        stuck = result
        continue
      }
      result.arm.label = "p = \(PadamSweep.exponentText(point.exponent))" + (point.learningRate == 0.1 ? "" : ", lr \(PadamSweep.learningRateText(point.learningRate))")
      drawn.append(result)
    }
    var curves = ComparisonFigures.curves(drawn, title: "Padam", errorRange: 3...95)[0]
    if let stuck {
      let final = mean(stuck.finalTestErrors)
      curves.title = "test error by epoch (not drawn: p = 1/2 at lr 0.1, final \(Formatting.fixed(final, 0)) %)"
    }
    return Figure(title: title, panels: [sweepPanel, curves], columns: 2)
  }
}
