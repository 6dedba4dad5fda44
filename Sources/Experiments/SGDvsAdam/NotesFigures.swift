import Plotting

/// The SGDvsAdamMNIST notebook's figure.
public enum NotesFigures {
  /// Three panels: the mean training loss per block of examples (the notes'
  /// plot), and the test loss and test error after every pass; one colour per
  /// arm, thin lines for single seeds and a thick line for their mean.
  public static func curves(_ runs: [NotesReplication.Run], blockSize: Int, title: String) -> Figure {
    var labels: [String] = []
    for run in runs where !labels.contains(run.arm.label) { labels.append(run.arm.label) }
    var lossSeries: [Series] = [], errorSeries: [Series] = [], testLossSeries: [Series] = []
    for (k, label) in labels.enumerated() {
      let chosen = runs.filter { $0.arm.label == label }
      let color = ComparisonFigures.color(k)
      let blocks = chosen.map(\.blockLosses.count).min() ?? 0
      let x = (1...Swift.max(1, blocks)).map { Double($0 * blockSize) }
      let meanLoss = (0..<blocks).map { b in chosen.map { $0.blockLosses[b] }.reduce(0, +) / Double(chosen.count) }
      if chosen.count > 1 {
        for run in chosen {
          lossSeries.append(Series("", x: x, y: Array(run.blockLosses.prefix(blocks)), color: color, lineWidth: 0.8, opacity: 0.35))
        }
      }
      lossSeries.append(Series(label, x: x, y: meanLoss, color: color, lineWidth: 2.2))
      let epochs = chosen.map(\.result.history.count).min() ?? 0
      let meanError = (0..<epochs).map { e in
        chosen.map { 100 * (1 - ($0.result.history[e].testAccuracy ?? .nan)) }.reduce(0, +) / Double(chosen.count)
      }
      let meanTestLoss = (0..<epochs).map { e in chosen.map { $0.result.history[e].testLoss }.reduce(0, +) / Double(chosen.count) }
      let passes = (1...Swift.max(1, epochs)).map { Double($0 * 4000) }
      errorSeries.append(Series(label, x: passes, y: meanError, style: .lineAndMarkers, color: color, markerRadius: 3))
      testLossSeries.append(Series(label, x: passes, y: meanTestLoss, style: .lineAndMarkers, color: color, markerRadius: 3))
    }
    let seeds = Set(runs.map(\.seed)).count
    // A little room after the last pass, so that its markers are not cut by the frame.
    let lastExample = Double((runs.map(\.result.history.count).min() ?? 1) * 4000) * 1.03
    let lossPanel = Plot(
      title: "training loss per \(blockSize) examples" + (seeds > 1 ? " (thin: seeds)" : ""),
      x: Axis("examples seen (= steps, batch 1)", range: 0...lastExample), y: Axis("mean cross-entropy", scale: .log10, range: 0.05...3), series: lossSeries,
      legendPosition: .topRight, width: 560, height: 480)
    let average = seeds > 1 ? " (mean of \(seeds) seeds)" : ""
    let testLossPanel = Plot(
      title: "test loss after each pass" + average, x: Axis("examples seen", range: 0...lastExample), y: Axis("mean cross-entropy"),
      series: testLossSeries, legendPosition: .best, width: 560, height: 480)
    let errorPanel = Plot(
      title: "test error after each pass" + average, x: Axis("examples seen", range: 0...lastExample), y: Axis("test error %"),
      series: errorSeries, legendPosition: .best, width: 560, height: 480)
    return Figure(title: title, panels: [lossPanel, testLossPanel, errorPanel], columns: 3)
  }
}
