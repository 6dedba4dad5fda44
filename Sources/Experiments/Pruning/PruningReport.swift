import Foundation
import Plotting

/// Tables and the figure of pruning runs with one activation over several seeds.
public struct PruningReport: Sendable {
  /// The runs (same activation and fractions, one per seed).
  public var runs: [PruningRun]
  /// The criteria shown, in column order.
  public var criteria: [PruningCriterion]

  /// A report of `runs`, which must share their fractions.
  public init(runs: [PruningRun], criteria: [PruningCriterion] = [.magnitude, .signalToNoise, .random]) {
    self.runs = runs
    self.criteria = criteria
  }

  /// The fractions pruned (of the first run).
  public var fractions: [Double] { runs.first?.fractions ?? [] }

  /// Test accuracy in % at each fraction for `criterion`, one array per run.
  func percentages(_ criterion: PruningCriterion) -> [[Double]] {
    runs.map { run in (run.accuracies[criterion] ?? []).map { 100 * $0 } }
  }

  /// The mean over seeds of test accuracy (%) after pruning `fraction` by `criterion`.
  public func meanPercent(_ criterion: PruningCriterion, at fraction: Double) -> Double {
    let values = runs.compactMap { $0.accuracy(criterion, at: fraction) }.map { 100 * $0 }
    return values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count)
  }

  /// Fraction pruned, then mean ± sample sd of test accuracy % for each criterion.
  public var table: MarkdownTable {
    var table = MarkdownTable(["fraction pruned"] + criteria.map { "by \($0.label)" })
    for (k, fraction) in fractions.enumerated() {
      let cells = criteria.map { criterion in
        Formatting.meanAndDeviation(percentages(criterion).compactMap { k < $0.count ? $0[k] : nil })
      }
      table.append([fractionLabel(fraction)] + cells)
    }
    return table
  }

  /// Accuracy (%) against fraction pruned: the seed mean of each criterion as a
  /// line with markers, each seed as faint points, the unpruned mean as a dashed line.
  public func plot(title: String) -> Plot {
    var series: [Series] = []
    let shown = fractions.enumerated().filter { $0.element >= 0.5 }
    for (c, criterion) in criteria.enumerated() {
      let color = Palette.color(c)
      let perSeed = percentages(criterion)
      series.append(
        Series(
          criterion.label, x: shown.map(\.element), y: shown.map { meanPercent(criterion, at: $0.element) }, style: .lineAndMarkers,
          color: color, markerRadius: 3.5))
      if runs.count > 1 {
        let points = perSeed.flatMap { accuracies in shown.compactMap { k, f in k < accuracies.count ? (x: f, y: accuracies[k]) : nil } }
        series.append(Series("", points: points, style: .scatter, color: color, markerRadius: 2.5, opacity: 0.4))
      }
    }
    let unpruned = runs.map { 100 * $0.unprunedAccuracy }.reduce(0, +) / Double(Swift.max(1, runs.count))
    return Plot(
      title: title, x: Axis("fraction of weights and biases pruned", range: 0.48...1), y: Axis("test accuracy %", range: 0...100),
      series: series, referenceLines: [.horizontal(y: unpruned, label: "unpruned " + Formatting.fixed(unpruned, 1) + " %")],
      legendPosition: .bottomLeft, width: 640, height: 440)
  }

  private func fractionLabel(_ f: Double) -> String {
    f == 0 ? "0" : String(format: "%g", f)
  }
}
