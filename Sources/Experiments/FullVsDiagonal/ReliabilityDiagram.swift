import Plotting

/// Confidence against accuracy in equal-width bins: the picture behind the ECE.
///
/// ```
/// bin b: confidence_b = mean maxₖ pₖ,  accuracy_b = fraction with argmax = label      [MODEL-ECE]
/// ```
public struct ReliabilityDiagram: Sendable, Equatable {
  /// One bin with at least one example.
  public struct Bin: Sendable, Equatable {
    /// Mean confidence of the examples in the bin.
    public var confidence: Double
    /// Their accuracy.
    public var accuracy: Double
    /// How many.
    public var count: Int
  }

  /// The non-empty bins, by confidence.
  public var bins: [Bin]

  /// The diagram of `probabilities` against `labels` with `binCount` bins on [0, 1].
  public init(probabilities: [[Double]], labels: [Int], binCount: Int = 10) {
    precondition(probabilities.count == labels.count && binCount >= 1, "ReliabilityDiagram: one row per label, ≥ 1 bin")
    var sums = [(confidence: Double, correct: Int, count: Int)](repeating: (0, 0, 0), count: binCount)
    for (p, label) in zip(probabilities, labels) {
      var best = 0
      for j in p.indices where p[j] > p[best] { best = j }
      let b = Swift.min(binCount - 1, Int(p[best] * Double(binCount)))
      sums[b].confidence += p[best]
      sums[b].count += 1
      if best == label { sums[b].correct += 1 }
    }
    bins = sums.filter { $0.count > 0 }.map {
      Bin(confidence: $0.confidence / Double($0.count), accuracy: Double($0.correct) / Double($0.count), count: $0.count)
    }
  }

  /// The count-weighted mean |accuracy − confidence| over the bins (the ECE with these bins).
  public var calibrationError: Double {
    let total = Double(bins.map(\.count).reduce(0, +))
    return bins.reduce(0) { $0 + Double($1.count) * abs($1.accuracy - $1.confidence) } / Swift.max(1, total)
  }

  /// Reliability curves of several predictives on one plot, with the diagonal of
  /// perfect calibration; bins with fewer than `minimumCount` examples are not drawn.
  public static func plot(_ curves: [(label: String, diagram: ReliabilityDiagram)], title: String, lowest: Double, minimumCount: Int = 1) -> Plot {
    Plot(
      title: title, x: Axis("confidence (mean of max p in the bin)", range: lowest...1), y: Axis("accuracy in the bin", range: lowest...1),
      series: curves.enumerated().map { k, curve in
        let bins = curve.diagram.bins.filter { $0.count >= minimumCount }
        return Series(curve.label, x: bins.map(\.confidence), y: bins.map(\.accuracy), style: .lineAndMarkers, color: Palette.color(k), markerRadius: 3.5)
      }, referenceLines: [.powerLaw(coefficient: 1, exponent: 1, label: "calibrated")], legendPosition: .bottomRight, width: 640, height: 520)
  }
}
