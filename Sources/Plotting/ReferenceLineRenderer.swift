import Foundation

/// Draws reference lines (inside the clipped data group) and their labels
/// (outside it, so text is never cut).
enum ReferenceLineRenderer {
  /// The visible part of a reference line, in pixels: one or more polylines.
  struct Geometry {
    /// The visible runs, each at least two points, in drawing order.
    var runs: [[(x: Double, y: Double)]]
  }

  /// Appends every visible reference line as a `<line class="reference">` (or,
  /// for a curve, `<path class="reference">`).
  static func drawLines(_ lines: [ReferenceLine], frame: PlotFrame, into svg: inout SVGBuffer) {
    for line in lines {
      guard let geometry = geometry(of: line, frame: frame) else { continue }
      let width = RenderSupport.clamp(line.lineWidth, 0.1...20, default: 1.5)
      var style = " fill=\"none\" stroke=\"\(RenderSupport.escape(line.color))\" stroke-width=\"\(Theme.compact(width))\""
      if line.dashed { style += " stroke-dasharray=\"\(Theme.dashArray(lineWidth: width))\"" }
      if geometry.runs.count == 1, let run = geometry.runs.first, run.count == 2 {
        svg.raw("<line class=\"reference\"")
        svg.attribute("x1", run[0].x)
        svg.attribute("y1", run[0].y)
        svg.attribute("x2", run[1].x)
        svg.attribute("y2", run[1].y)
        svg.raw(style + "/>\n")
        continue
      }
      var path = PathWriter(elementStart: "<path class=\"reference\"", elementEnd: style + " stroke-linejoin=\"round\"/>\n")
      for run in geometry.runs {
        path.move(run[0].x, run[0].y)
        for point in run.dropFirst() { path.line(point.x, point.y) }
      }
      path.flush(into: &svg)
    }
  }

  /// Appends the labels of the visible, labelled reference lines, each set
  /// along its line just before the line's right (or upper) end, on the side
  /// above (or left of) the line when it fits inside the plot area there, else
  /// below (right of) it.
  static func drawLabels(_ lines: [ReferenceLine], frame: PlotFrame, into svg: inout SVGBuffer) {
    let size = Theme.referenceLabelSize
    for line in lines where !line.label.isEmpty {
      guard let geometry = geometry(of: line, frame: frame), let run = geometry.runs.last, run.count >= 2 else { continue }
      let end = run[run.count - 1], before = run[run.count - 2]
      var angle = atan2(end.y - before.y, end.x - before.x)
      if case .vertical = line.kind { angle = -Double.pi / 2 }
      let anchor = labelAnchor(
        end: end, angle: angle, width: TextMetrics.width(of: line.label, fontSize: size), fontSize: size, area: frame.area)
      let degrees = angle * 180 / Double.pi
      svg.raw("<text class=\"reference-label\"")
      svg.attribute("x", anchor.x)
      svg.attribute("y", anchor.y)
      if abs(degrees) > 0.05 {
        svg.raw(" transform=\"rotate(\(Theme.compact(degrees)) ")
        svg.number(anchor.x)
        svg.raw(" ")
        svg.number(anchor.y)
        svg.raw(")\"")
      }
      svg.raw(" text-anchor=\"end\" font-size=\"\(Theme.compact(size))\"")
      svg.attribute("fill", line.color)
      svg.raw(" stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\">")
      svg.escaped(line.label)
      svg.raw("</text>\n")
    }
  }

  /// The baseline end point of a label of the given width set along a line
  /// that ends at `end` with direction `angle`: backed off from the end and
  /// moved off the line until the whole text box lies inside `area`.
  private static func labelAnchor(
    end: (x: Double, y: Double), angle: Double, width: Double, fontSize: Double, area: Rect
  ) -> (x: Double, y: Double) {
    let along = (x: cos(angle), y: sin(angle)), up = (x: sin(angle), y: -cos(angle))
    let ascent = 0.76 * fontSize, descent = 0.24 * fontSize, gap = 4.0
    let inside = area.expanded(by: 1)
    func anchor(backOff: Double, baseline: Double) -> (x: Double, y: Double) {
      (end.x - backOff * along.x + baseline * up.x, end.y - backOff * along.y + baseline * up.y)
    }
    func fits(_ a: (x: Double, y: Double)) -> Bool {
      for t in [0.0, width] {
        for h in [-descent, ascent] where !inside.contains(a.x - t * along.x + h * up.x, a.y - t * along.y + h * up.y) {
          return false
        }
      }
      return true
    }
    for baseline in [gap + descent, -(gap + ascent)] {
      for backOff in stride(from: 8.0, through: 240, by: 4) where fits(anchor(backOff: backOff, baseline: baseline)) {
        return anchor(backOff: backOff, baseline: baseline)
      }
    }
    return anchor(backOff: 8, baseline: gap + descent)
  }

  /// The part of `line` inside the plot area, or `nil` when none of it shows.
  static func geometry(of line: ReferenceLine, frame: PlotFrame) -> Geometry? {
    let area = frame.area
    switch line.kind {
    case .horizontal(let value):
      guard frame.y.accepts(value) else { return nil }
      let y = frame.pixelY(value)
      guard y >= area.y - 0.01, y <= area.maxY + 0.01 else { return nil }
      return Geometry(runs: [[(area.x, y), (area.maxX, y)]])
    case .vertical(let value):
      guard frame.x.accepts(value) else { return nil }
      let x = frame.pixelX(value)
      guard x >= area.x - 0.01, x <= area.maxX + 0.01 else { return nil }
      return Geometry(runs: [[(x, area.maxY), (x, area.y)]])
    case .powerLaw(let c, let k):
      let straight = (frame.x.scale == .log10 && frame.y.scale == .log10)
        || (frame.x.scale == .linear && frame.y.scale == .linear && (k == 0 || k == 1))
      let samples = straight ? 2 : 241
      var points: [(x: Double, y: Double)?] = []
      for i in 0..<samples {
        let xValue = frame.x.value(atFraction: Double(i) / Double(samples - 1))
        let yValue = c * pow(xValue, k)
        guard frame.accepts(xValue, yValue) else {
          points.append(nil)
          continue
        }
        let px = frame.pixelX(xValue), py = frame.pixelY(yValue)
        points.append(px.isFinite && py.isFinite ? (px, py) : nil)
      }
      let runs = clipped(points, to: area)
      return runs.isEmpty ? nil : Geometry(runs: runs)
    }
  }

  /// The runs of a sampled curve inside `area` (nil samples break the curve).
  private static func clipped(_ points: [(x: Double, y: Double)?], to area: Rect) -> [[(x: Double, y: Double)]] {
    var runs: [[(x: Double, y: Double)]] = []
    var current: [(x: Double, y: Double)] = []
    func finish() {
      if current.count >= 2 { runs.append(current) }
      current = []
    }
    for i in 1..<max(points.count, 1) {
      guard let p = points[i - 1], let q = points[i], let (t0, t1) = area.clip(p.x, p.y, q.x, q.y) else {
        finish()
        continue
      }
      let start = (x: p.x + t0 * (q.x - p.x), y: p.y + t0 * (q.y - p.y))
      if current.isEmpty || t0 > 0 {
        finish()
        current = [start]
      }
      current.append((q.x - (1 - t1) * (q.x - p.x), q.y - (1 - t1) * (q.y - p.y)))
      if t1 < 1 { finish() }
    }
    finish()
    return runs
  }
}
