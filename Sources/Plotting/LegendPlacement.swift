/// Chooses the legend corner for ``LegendPosition/best``: the one whose box
/// covers the fewest marker positions and line samples.
enum LegendPlacement {
  /// The corners tried, in order of preference on ties.
  static let corners: [LegendPosition] = [.topRight, .topLeft, .bottomRight, .bottomLeft]

  /// `position` itself, or for `.best` the least crowded corner.
  static func resolve(
    _ position: LegendPosition, entries: [LegendRenderer.Entry], plot: Plot, frame: PlotFrame
  ) -> LegendPosition {
    guard position == .best, !entries.isEmpty else { return position }
    let boxes = corners.map { LegendRenderer.box(entries, position: $0, area: frame.area).expanded(by: 4) }
    var covered = [Int](repeating: 0, count: boxes.count)
    func count(_ x: Double, _ y: Double) {
      for (i, box) in boxes.enumerated() where box.contains(x, y) { covered[i] += 1 }
    }
    for series in plot.series {
      var previous: (x: Double, y: Double)?
      for i in 0..<series.count {
        guard frame.accepts(series.x[i], series.y[i]) else {
          previous = nil
          continue
        }
        let p = (x: frame.pixelX(series.x[i]), y: frame.pixelY(series.y[i]))
        guard p.x.isFinite, p.y.isFinite else {
          previous = nil
          continue
        }
        count(p.x, p.y)
        if series.drawsLine, let q = previous {
          // Long segments can cross a box without a vertex in it.
          for t in [0.2, 0.4, 0.6, 0.8] { count(q.x + t * (p.x - q.x), q.y + t * (p.y - q.y)) }
        }
        previous = p
      }
    }
    for line in plot.referenceLines {
      for run in ReferenceLineRenderer.geometry(of: line, frame: frame)?.runs ?? [] {
        for (q, p) in zip(run, run.dropFirst()) {
          for t in stride(from: 0.0, through: 1.0, by: 0.05) { count(q.x + t * (p.x - q.x), q.y + t * (p.y - q.y)) }
        }
      }
    }
    let best = covered.indices.min { covered[$0] < covered[$1] } ?? 0
    return corners[best]
  }
}
