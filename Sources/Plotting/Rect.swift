/// An axis-aligned rectangle in SVG pixel coordinates (y grows downwards).
struct Rect {
  /// The left edge.
  var x: Double
  /// The top edge.
  var y: Double
  /// The width.
  var width: Double
  /// The height.
  var height: Double

  /// The right edge.
  var maxX: Double { x + width }
  /// The bottom edge.
  var maxY: Double { y + height }

  /// The rectangle grown by `margin` on every side.
  func expanded(by margin: Double) -> Rect {
    Rect(x: x - margin, y: y - margin, width: width + 2 * margin, height: height + 2 * margin)
  }

  /// Whether the point lies inside or on the border.
  @inline(__always)
  func contains(_ px: Double, _ py: Double) -> Bool {
    px >= x && px <= maxX && py >= y && py <= maxY
  }

  /// The part of the segment from (x0, y0) to (x1, y1) inside the rectangle,
  /// as fractions (t0, t1) of the segment (Liang–Barsky), or `nil` when it
  /// misses the rectangle.
  func clip(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> (t0: Double, t1: Double)? {
    let dx = x1 - x0, dy = y1 - y0
    var t0 = 0.0, t1 = 1.0
    // One edge: p is the rate at which the segment approaches it, q the distance inside.
    func edge(_ p: Double, _ q: Double) -> Bool {
      if p == 0 { return q >= 0 }
      let t = q / p
      if p < 0 {
        if t > t1 { return false }
        if t > t0 { t0 = t }
      } else {
        if t < t0 { return false }
        if t < t1 { t1 = t }
      }
      return true
    }
    guard edge(-dx, x0 - x), edge(dx, maxX - x0), edge(-dy, y0 - y), edge(dy, maxY - y0) else { return nil }
    return (t0, t1)
  }
}
