import Foundation
import Plotting
import Training

/// The AdaBayesFixedPoint notebook's figures.
public enum FixedPointFigures {
  /// The MLP's transient: the median of y/s* per band of u against the step,
  /// each beside the relaxation of a parameter with a constant gradient at the
  /// band's centre (dashed), which starts at σ² as AdaBayes does.
  ///
  /// - Parameter relaxation: per band, the constant-gradient ratio y/s* at each step 1…N.
  public static func transient(_ run: FixedPointRun, relaxation: [[Double]], title: String) -> Plot {
    var series: [Series] = []
    let steps = run.transient.map { Double($0.steps) }
    let lastStep = steps.last ?? 1
    for k in TransientRecord.bands.indices {
      let color = lineColor(k)
      let band = TransientRecord.bands[k]
      let observed = run.transient.map { $0.bandMedians[k] }
      let n = run.transient.last?.bandCounts[k] ?? 0
      // A median of a handful of parameters is noise, not a transient.
      guard n >= minimumBandCount else { continue }
      series.append(
        Series(
          "\(shortNumber(band.lowerBound)) ≤ u < \(shortNumber(band.upperBound)): median (n = \(n))", x: steps,
          y: observed, style: .lineAndMarkers, color: color, markerRadius: 3))
      if k < relaxation.count {
        let curve = relaxation[k].prefix(Int(lastStep))
        series.append(
          Series(
            "constant |g| at u = \(Formatting.fixed(TransientRecord.bandCentre(k), 2))", x: curve.indices.map { Double($0 + 1) },
            y: Array(curve), style: .line, color: color, dashed: true, lineWidth: 1.5))
      }
    }
    return Plot(
      title: title, x: Axis("optimizer step", range: 0...lastStep), y: Axis("median σ²_post / exact fixed point s*"),
      series: series, referenceLines: [.horizontal(y: 1, color: Palette.ink)], legendPosition: .best, width: 820, height: 520)
  }

  /// The synthetic driver, two panels: y/Eq. 20 against the step (log), and
  /// the gap y/s* − 1 against the step (linear) with the concavity bound
  /// ρᵗ(σ² − s*)/s* dashed [AB-RELAX]; one colour per u in `shown`.
  ///
  /// - Parameter trace: recorded at every step 1…N.
  public static func synthetic(_ trace: SyntheticTrace, driver: SyntheticFilterDriver, shown: [Double], title: String) -> Figure {
    let steps = trace.steps.map(Double.init)
    let lastStep = steps.last ?? 1
    // About 80 steps per decade on the log panel, about 250 points on the linear one.
    let logPicks = trace.steps.indices.filter { i in
      let t = trace.steps[i]
      return t <= 100 || t % Swift.max(1, Int(Double(t) / 80)) == 0
    }
    let stride = Swift.max(1, trace.steps.count / 250)
    let linearPicks = Array(Swift.stride(from: 0, to: trace.steps.count, by: stride))
    var ratioSeries: [Series] = [], gapSeries: [Series] = []
    var colour = 0
    for (k, u) in trace.ratios.enumerated() where shown.contains(u) {
      let color = lineColor(colour)
      colour += 1
      ratioSeries.append(
        Series("u = \(shortNumber(u))", x: logPicks.map { steps[$0] }, y: logPicks.map { trace.overEq20[k][$0] }, color: color, lineWidth: 1.8))
      gapSeries.append(
        Series(
          "u = \(shortNumber(u))", x: linearPicks.map { steps[$0] }, y: linearPicks.map { trace.overExact[k][$0] - 1 }, color: color,
          lineWidth: 1.8))
      let relaxation = driver.relaxation(u)
      gapSeries.append(
        Series(
          "", x: linearPicks.map { steps[$0] },
          y: linearPicks.map { relaxation.gapBound(after: trace.steps[$0], from: driver.priorVariance) }, color: color, dashed: true,
          lineWidth: 1.2))
    }
    let ratioPanel = Plot(
      title: "σ²_post / Eq. 20(η/√⟨g²⟩)", x: Axis("step", scale: .log10, range: 1...lastStep), y: Axis("ratio", range: 0.9...2.5),
      series: ratioSeries, referenceLines: [.horizontal(y: 1, color: Palette.ink)], legendPosition: .topRight, width: 620, height: 460)
    let gapPanel = Plot(
      title: "σ²_post / s* − 1 (solid) and the bound ρᵗ(σ² − s*)/s* (dashed)", x: Axis("step", range: 0...lastStep),
      y: Axis("relative gap to the exact fixed point", scale: .log10, range: 1e-9...20), series: gapSeries, legendPosition: .best,
      width: 620, height: 460)
    return Figure(title: title, panels: [ratioPanel, gapPanel], columns: 2)
  }

  /// Bands with fewer parameters than this at the last epoch are not drawn.
  public static let minimumBandCount = 20

  /// The palette's first six colours, then dark grey (the palette's yellow is too faint for a line).
  static func lineColor(_ k: Int) -> String {
    k < 6 ? Palette.color(k) : "#555555"
  }

  /// `u` written briefly: 0.01, 0.3, 1, 100.
  public static func shortNumber(_ u: Double) -> String {
    String(format: "%g", u)
  }
}
