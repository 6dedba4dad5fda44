/// Draws a series' line: consecutive drawable points joined, broken at points
/// that cannot be drawn, and cut to (a little more than) the plot area.
enum LineRenderer {
  /// Appends the line of `series` as `<path class="line">` elements.
  static func draw(_ series: Series, color: String, frame: PlotFrame, into svg: inout SVGBuffer) {
    let width = RenderSupport.clamp(series.lineWidth, 0...50, default: 2)
    guard width > 0 else { return }
    var end = " fill=\"none\" stroke=\"\(RenderSupport.escape(color))\" stroke-width=\"\(Theme.compact(width))\""
    end += " stroke-linejoin=\"round\" stroke-linecap=\"round\""
    let opacity = RenderSupport.clamp(series.opacity, 0...1, default: 1)
    if opacity < 1 { end += " stroke-opacity=\"\(Theme.compact(opacity))\"" }
    if series.dashed { end += " stroke-dasharray=\"\(Theme.dashArray(lineWidth: width))\"" }
    var path = PathWriter(elementStart: "<path class=\"line\"", elementEnd: end + "/>\n")
    // Segments are cut a few pixels outside the area; the clip path trims the rest.
    let bounds = frame.area.expanded(by: width + 2)
    var previous: (x: Double, y: Double)?
    let n = series.count
    series.x.withUnsafeBufferPointer { xs in
      series.y.withUnsafeBufferPointer { ys in
        for i in 0..<n {
          guard frame.accepts(xs[i], ys[i]) else {
            previous = nil
            path.lift()
            continue
          }
          let px = frame.pixelX(xs[i]), py = frame.pixelY(ys[i])
          guard px.isFinite, py.isFinite else {
            previous = nil
            path.lift()
            continue
          }
          if let q = previous {
            if let (t0, t1) = bounds.clip(q.x, q.y, px, py) {
              if !path.isDrawing || t0 > 0 {
                path.move(q.x + t0 * (px - q.x), q.y + t0 * (py - q.y))
              }
              path.line(q.x + t1 * (px - q.x), q.y + t1 * (py - q.y))
              if t1 < 1 { path.lift() }
              path.flushIfFull(into: &svg)
            } else {
              path.lift()
            }
          }
          previous = (px, py)
        }
      }
    }
    path.flush(into: &svg)
  }
}
