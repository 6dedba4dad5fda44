import Filtering
import Foundation
import Plotting

/// The package's standard figures, built from run data; the CLI and the notebooks draw these.
public enum Figures {
  /// Fig. 3: σ²_post against η/√⟨g²⟩, log–log, points coloured by layer, with
  /// Eq. 20, the SGD plateau y = σ², the Adam diagonal y = x and the vertical x = σ².
  public static func posterior(_ scatter: PosteriorScatter, title: String) -> Plot {
    let sigma2 = scatter.priorVariance
    var series: [Series] = []
    let layers = Set(scatter.points.map(\.layer)).sorted()
    for layer in layers {
      for bias in [false, true] {
        let chosen = scatter.points.filter { $0.layer == layer && $0.isBias == bias }
        guard !chosen.isEmpty else { continue }
        series.append(
          Series(
            "\(bias ? "b" : "W")\(layer) (\(chosen.count))", x: chosen.map(\.x), y: chosen.map(\.y), style: .scatter,
            color: Palette.color(series.count + 1), markerRadius: 2.6, opacity: 0.35))
      }
    }
    // The curve spans the data (or three decades either side of σ² when there is none).
    let xs = scatter.points.map(\.x)
    let low = Swift.min(xs.min() ?? sigma2 * 1e-3, sigma2 * 1e-2) / 2
    let high = Swift.max(xs.max() ?? sigma2 * 1e3, sigma2 * 1e2) * 2
    let curveX = (0...240).map { low * Foundation.pow(high / low, Double($0) / 240) }
    // Drawn over the points, thin, so that points on the curve show as a band around it.
    series.append(Series("Eq. 20 fixed point", x: curveX, y: curveX.map(scatter.eq20), style: .line, color: "#1B7F3B", lineWidth: 1.5))
    // Ranges: whole decades around the interesting region — from below the
    // smallest x to four decades past σ² (points further right sit on the
    // plateau and are clipped), and a decade above σ².
    let decade = { (v: Double) in Foundation.pow(10, Foundation.floor(Foundation.log10(v))) }
    let xLow = decade(Swift.min(xs.min() ?? sigma2 * 1e-3, sigma2 * 1e-2) / 2)
    let yLow = decade(Swift.min(scatter.points.map(\.y).min() ?? sigma2, scatter.eq20(xLow)) / 2)
    return Plot(
      title: title, x: Axis("η / √⟨g²⟩", scale: .log10, range: xLow...(decade(sigma2) * 1e4)),
      y: Axis("σ²_post", scale: .log10, range: yLow...(decade(sigma2) * 10)), series: series,
      referenceLines: [
        .horizontal(y: sigma2, label: "SGD limit: σ² = η_SGD/B"),
        .powerLaw(coefficient: 1, exponent: 1, label: "Adam limit: η/√⟨g²⟩"),
        .vertical(x: sigma2, label: "x = σ²", color: Palette.series[3]),
      ], legendPosition: .bottomRight)
  }

  /// Learning curves of several runs: loss (train dashed, test solid) and
  /// accuracy or RMSE, one panel each, all optimizers on each panel.
  public static func learningCurves(_ report: ComparisonReport, title: String) -> Figure {
    let classification = report.entries.first?.result.final.testAccuracy != nil
    var loss: [Series] = [], metric: [Series] = []
    for (k, entry) in report.entries.enumerated() {
      let epochs = entry.result.history.map { Double($0.epoch) }
      let color = Palette.color(k)
      loss.append(Series("\(entry.label) test", x: epochs, y: entry.result.history.map(\.testLoss), style: .lineAndMarkers, color: color))
      loss.append(Series("", x: epochs, y: entry.result.history.map(\.trainLoss), style: .line, color: color, dashed: true))
      if classification {
        metric.append(Series(entry.label, x: epochs, y: entry.result.history.map { 100 * ($0.testAccuracy ?? .nan) }, style: .lineAndMarkers, color: color))
        metric.append(Series("", x: epochs, y: entry.result.history.map { 100 * ($0.trainAccuracy ?? .nan) }, style: .line, color: color, dashed: true))
      } else {
        metric.append(Series(entry.label, x: epochs, y: entry.result.history.map { $0.testRMSE ?? .nan }, style: .lineAndMarkers, color: color))
        metric.append(Series("", x: epochs, y: entry.result.history.map { $0.trainRMSE ?? .nan }, style: .line, color: color, dashed: true))
      }
    }
    let lossPanel = Plot(
      title: "loss (solid: test, dashed: train)", x: Axis("epoch"), y: Axis("mean loss", scale: .log10), series: loss, legendPosition: .best)
    let metricPanel = Plot(
      title: classification ? "accuracy % (solid: test, dashed: train)" : "RMSE (solid: test, dashed: train)", x: Axis("epoch"),
      y: Axis(classification ? "accuracy %" : "RMSE"), series: metric, legendPosition: .best)
    return Figure(title: title, panels: [lossPanel, metricPanel], columns: 2)
  }
}
