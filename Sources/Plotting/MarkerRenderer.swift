import Foundation

/// Draws a series' markers compactly enough for hundreds of thousands of points.
///
/// Every marker is a zero-length subpath `M x y h0` stroked with round caps, so
/// one `<path>` holds many markers. A single path is painted as one shape, so
/// overlapping markers in it would not darken the way separate translucent
/// circles do; to keep the density visible, markers are spread over up to 64
/// layers (separate paths), the k-th marker in a 0.5-px cell going to a
/// different layer than the previous ones in that cell. A cell stops taking
/// markers once further ones could change its colour by less than 1/255:
/// after one for opaque markers, after ⌈ln 255 / −ln(1 − opacity)⌉ otherwise.
enum MarkerRenderer {
  /// The most layers (paths) one series' markers are spread over.
  static let maxLayers = 64
  /// Markers per `<path>` element, keeping attribute values well under libxml2's limits.
  static let markersPerElement = 40_000

  /// How many markers one 0.5-px cell takes at the given opacity (1 for opaque).
  static func cellCapacity(opacity: Double) -> Int {
    guard opacity < 1 else { return 1 }
    guard opacity > 0 else { return 0 }
    return min(maxLayers, Int((log(255) / -log(1 - opacity)).rounded(.up)))
  }

  /// Appends the markers of `series` as `<path class="markers">` elements.
  static func draw(_ series: Series, color: String, frame: PlotFrame, into svg: inout SVGBuffer) {
    let radius = RenderSupport.clamp(series.markerRadius, 0...50, default: 2)
    let opacity = RenderSupport.clamp(series.opacity, 0...1, default: 1)
    let capacity = cellCapacity(opacity: opacity)
    guard radius > 0, capacity > 0 else { return }
    var end = " fill=\"none\" stroke=\"\(RenderSupport.escape(color))\" stroke-width=\"\(Theme.compact(2 * radius))\""
    end += " stroke-linecap=\"round\""
    if opacity < 1 { end += " stroke-opacity=\"\(Theme.compact(opacity))\"" }
    end += "/>\n"

    // Markers whose centre lies within one radius of the area can show; the clip path trims them.
    let bounds = frame.area.expanded(by: radius)
    let cell = max(0.5, max(bounds.width, bounds.height) / 4096)
    let columns = Int(bounds.width / cell) + 1, rows = Int(bounds.height / cell) + 1
    var counts = [UInt8](repeating: 0, count: columns * rows)
    var firstLayer = [UInt8](repeating: 0, count: capacity > 1 ? columns * rows : 0)
    var layers = [SVGBuffer](repeating: SVGBuffer(reservingCapacity: 0), count: capacity)
    var layerCounts = [Int](repeating: 0, count: capacity)
    var newCells = 0

    let n = series.count
    series.x.withUnsafeBufferPointer { xs in
      series.y.withUnsafeBufferPointer { ys in
        for i in 0..<n where frame.accepts(xs[i], ys[i]) {
          let px = frame.pixelX(xs[i]), py = frame.pixelY(ys[i])
          guard bounds.contains(px, py) else { continue }
          let index = Int((px - bounds.x) / cell) + Int((py - bounds.y) / cell) * columns
          let taken = Int(counts[index])
          guard taken < capacity else { continue }
          var layer = 0
          if capacity > 1 {
            if taken == 0 {
              firstLayer[index] = UInt8(newCells % capacity)
              newCells += 1
            }
            layer = (Int(firstLayer[index]) + taken) % capacity
          }
          counts[index] = UInt8(taken + 1)
          layers[layer].raw("M")
          layers[layer].number(px)
          layers[layer].raw(" ")
          layers[layer].number(py)
          layers[layer].raw("h0")
          layerCounts[layer] += 1
          if layerCounts[layer] % markersPerElement == 0 {
            emit(layers[layer], end: end, into: &svg)
            layers[layer] = SVGBuffer(reservingCapacity: 0)
          }
        }
      }
    }
    for (layer, count) in zip(layers, layerCounts) where count % markersPerElement != 0 {
      emit(layer, end: end, into: &svg)
    }
  }

  private static func emit(_ data: SVGBuffer, end: String, into svg: inout SVGBuffer) {
    svg.raw("<path class=\"markers\" d=\"")
    svg.append(data)
    svg.raw("\"")
    svg.raw(end)
  }
}
