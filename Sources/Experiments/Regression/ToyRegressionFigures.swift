import Plotting

/// The toy regression's plots.
public enum ToyRegressionFigures {
  /// Data, the noise-free curve, and the linearised and sampled predictive
  /// bands mean ± 2√(sd² + s²) over `xs` (the bands' common inputs).
  public static func bands(
    fit: ToyRegressionFit, linearised: PredictiveBand, sampled: PredictiveBand, title: String, yRange: ClosedRange<Double>,
    legendPosition: LegendPosition = .best
  ) -> Plot {
    let blue = Palette.color(0), orange = Palette.color(1)
    let xs = linearised.xs
    func edges(_ band: PredictiveBand, sign: Double) -> [Double] {
      zip(band.means, band.withNoise(variance: fit.noiseVariance)).map { $0 + sign * 2 * $1 }
    }
    let series = [
      Series("held-out data", x: fit.test.features, y: fit.test.targets, style: .scatter, color: "#999999", markerRadius: 2, opacity: 0.5),
      Series("training data", x: fit.train.features, y: fit.train.targets, style: .scatter, color: Palette.ink, markerRadius: 2, opacity: 0.7),
      Series("noise-free curve", x: xs, y: xs.map(ToyRegressionData.curve), color: "#555555", dashed: true, lineWidth: 1.2),
      Series("sampled: mean ± 2 sd", x: xs, y: sampled.means, color: orange, dashed: true, lineWidth: 1.8),
      Series("", x: xs, y: edges(sampled, sign: 1), color: orange, dashed: true, lineWidth: 1.2),
      Series("", x: xs, y: edges(sampled, sign: -1), color: orange, dashed: true, lineWidth: 1.2),
      Series("linearised: f(x; θ) ± 2 sd", x: xs, y: linearised.means, color: blue, lineWidth: 2),
      Series("", x: xs, y: edges(linearised, sign: 1), color: blue, lineWidth: 1.2),
      Series("", x: xs, y: edges(linearised, sign: -1), color: blue, lineWidth: 1.2),
    ]
    return Plot(
      title: title, x: Axis("x", range: (xs.first ?? -0.5)...(xs.last ?? 1.2)), y: Axis("y", range: yRange), series: series,
      referenceLines: [.vertical(x: 0, color: "#BBBBBB"), .vertical(x: 0.5, label: "training inputs", color: "#BBBBBB")],
      legendPosition: legendPosition, width: 720, height: 480)
  }

  /// sd_sampled/sd_linearised (median and worst over the inputs) against the
  /// factor c applied to σ², with the Monte Carlo tolerance 1 ± 2/√(2(S − 1)).
  public static func agreement(_ rows: [BandAgreement], title: String, marks: [(factor: Double, label: String)]) -> Plot {
    let factors = rows.map(\.factor)
    let tolerance = 2 * (rows.first?.ratioStandardError ?? 0)
    var lines: [ReferenceLine] = [
      .horizontal(y: 1 + tolerance, label: "1 ± 2 MC standard errors", color: "#777777"),
      .horizontal(y: 1 - tolerance, color: "#777777"),
    ]
    for (k, mark) in marks.enumerated() { lines.append(.vertical(x: mark.factor, label: mark.label, color: Palette.color(k + 3))) }
    return Plot(
      title: title,
      x: Axis("factor c on the variances (σ² → c·σ²)", scale: .log10, range: ((factors.min() ?? 1e-8) / 3)...((factors.max() ?? 1) * 3)),
      y: Axis("sd sampled / sd linearised", scale: .log10, range: 0.9...Swift.max(1.2, 1.25 * (rows.map(\.largestRatio).max() ?? 1))),
      series: [
        Series("median over x", x: factors, y: rows.map(\.medianRatio), style: .lineAndMarkers, color: Palette.color(0), markerRadius: 3.5),
        Series("largest over x", x: factors, y: rows.map(\.largestRatio), style: .lineAndMarkers, color: Palette.color(1), dashed: true, markerRadius: 3),
        Series("smallest over x", x: factors, y: rows.map(\.smallestRatio), style: .lineAndMarkers, color: Palette.color(2), dashed: true, markerRadius: 3),
      ], referenceLines: lines, legendPosition: .topLeft, width: 720, height: 440)
  }
}
