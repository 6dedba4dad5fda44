/// Draws the legend: a framed box in a corner of the plot area with a line
/// and/or marker swatch and the name of every named series.
enum LegendRenderer {
  /// One legend row.
  struct Entry {
    /// The series name.
    var name: String
    /// The resolved series colour.
    var color: String
    /// The series, for its style, dash and widths.
    var series: Series
  }

  private static let rowHeight = 20.0
  private static let padding = 8.0
  private static let swatchLength = 28.0
  private static let inset = 10.0

  /// The legend box for `entries` at a corner of `area` (`.best` and `.none`
  /// count as `.topRight`).
  static func box(_ entries: [Entry], position: LegendPosition, area: Rect) -> Rect {
    let textWidth = entries.map { TextMetrics.width(of: $0.name, fontSize: Theme.legendSize) }.max() ?? 0
    let width = padding + swatchLength + 8 + textWidth + padding + 2
    let height = 2 * (padding - 2) + Double(entries.count) * rowHeight
    let left: Double, top: Double
    switch position {
    case .topLeft, .bottomLeft: left = area.x + inset
    default: left = area.maxX - inset - width
    }
    switch position {
    case .bottomLeft, .bottomRight: top = area.maxY - inset - height
    default: top = area.y + inset
    }
    return Rect(x: left, y: top, width: width, height: height)
  }

  /// Appends `<g class="legend">` with one `<g class="legend-entry">` per entry;
  /// nothing when there are no entries or the position is `.none`. Resolve
  /// `.best` (with ``LegendPlacement``) before calling.
  static func draw(_ entries: [Entry], position: LegendPosition, area: Rect, into svg: inout SVGBuffer) {
    guard !entries.isEmpty, position != .none else { return }
    let frame = box(entries, position: position, area: area)
    let left = frame.x, top = frame.y, width = frame.width, height = frame.height
    svg.raw("<g class=\"legend\">\n<rect class=\"legend-box\"")
    svg.attribute("x", left)
    svg.attribute("y", top)
    svg.attribute("width", width)
    svg.attribute("height", height)
    svg.raw(" rx=\"3\" fill=\"#ffffff\" fill-opacity=\"0.9\" stroke=\"\(Theme.legendBorder)\" stroke-width=\"0.8\"/>\n")
    for (row, entry) in entries.enumerated() {
      let middle = top + padding - 2 + (Double(row) + 0.5) * rowHeight
      svg.raw("<g class=\"legend-entry\"")
      svg.attribute("data-name", entry.name)
      svg.raw(">")
      swatch(entry, x: left + padding, y: middle, into: &svg)
      svg.raw("<text")
      svg.attribute("x", left + padding + swatchLength + 8)
      svg.attribute("y", middle + 0.36 * Theme.legendSize)
      svg.raw(" font-size=\"\(Theme.compact(Theme.legendSize))\" fill=\"\(Theme.ink)\">")
      svg.escaped(entry.name)
      svg.raw("</text></g>\n")
    }
    svg.raw("</g>\n")
  }

  private static func swatch(_ entry: Entry, x: Double, y: Double, into svg: inout SVGBuffer) {
    let series = entry.series
    if series.drawsLine {
      let width = RenderSupport.clamp(series.lineWidth, 0.5...6, default: 2)
      svg.raw("<line")
      svg.attribute("x1", x)
      svg.attribute("y1", y)
      svg.attribute("x2", x + swatchLength)
      svg.attribute("y2", y)
      svg.attribute("stroke", entry.color)
      svg.raw(" stroke-width=\"\(Theme.compact(width))\"")
      if series.dashed { svg.raw(" stroke-dasharray=\"\(Theme.dashArray(lineWidth: min(width, 2)))\"") }
      svg.raw("/>")
    }
    if series.drawsMarkers {
      svg.raw("<circle")
      svg.attribute("cx", x + swatchLength / 2)
      svg.attribute("cy", y)
      svg.attribute("r", RenderSupport.clamp(series.markerRadius, 2.5...5, default: 3))
      svg.attribute("fill", entry.color)
      svg.raw("/>")
    }
  }
}
