/// Lays out and draws one ``Plot`` into an SVG buffer, in a canvas of the given
/// size whose origin is the current user-space origin.
struct PlotRenderer {
  /// What to draw.
  let plot: Plot
  /// The canvas width in pixels.
  let width: Double
  /// The canvas height in pixels.
  let height: Double
  /// A prefix that makes this plot's element ids unique within the document.
  let id: String

  /// The outer padding of the canvas.
  private static let padding = 10.0

  /// Appends `<g class="plot">` with the complete plot.
  func render(into svg: inout SVGBuffer) {
    let axes = PlotFrame.axes(for: plot)
    let area = plotArea(x: axes.x, y: axes.y)
    let frame = PlotFrame(x: axes.x, y: axes.y, area: area)
    let clipID = "\(id)-clip"

    svg.raw("<g class=\"plot\">\n")
    if !plot.title.isEmpty {
      svg.raw("<text class=\"title\"")
      svg.attribute("x", area.x + area.width / 2)
      svg.attribute("y", Self.padding + 4 + 0.8 * Theme.titleSize)
      svg.raw(" text-anchor=\"middle\" font-size=\"\(Theme.compact(Theme.titleSize))\" font-weight=\"bold\" fill=\"\(Theme.ink)\">")
      svg.escaped(plot.title)
      svg.raw("</text>\n")
    }
    svg.raw("<defs><clipPath id=\"\(clipID)\"><rect")
    rectAttributes(area, into: &svg)
    svg.raw("/></clipPath></defs>\n")
    if plot.showsGrid { drawGrid(frame, into: &svg) }

    svg.raw("<g class=\"data\" clip-path=\"url(#\(clipID))\">\n")
    var legend: [LegendRenderer.Entry] = []
    for (index, series) in plot.series.enumerated() {
      let color = series.color ?? Palette.color(index)
      svg.raw("<g class=\"series\"")
      svg.attribute("data-name", series.name)
      svg.raw(" data-points=\"\(drawablePoints(series, frame))\">\n")
      if series.drawsLine { LineRenderer.draw(series, color: color, frame: frame, into: &svg) }
      if series.drawsMarkers { MarkerRenderer.draw(series, color: color, frame: frame, into: &svg) }
      svg.raw("</g>\n")
      if !series.name.isEmpty { legend.append(.init(name: series.name, color: color, series: series)) }
    }
    ReferenceLineRenderer.drawLines(plot.referenceLines, frame: frame, into: &svg)
    svg.raw("</g>\n")

    svg.raw("<rect class=\"frame\"")
    rectAttributes(area, into: &svg)
    svg.raw(" fill=\"none\" stroke=\"\(Theme.ink)\" stroke-width=\"1\"/>\n")
    AxisRenderer.draw(axes.x, side: .bottom, label: plot.x.label, area: area, labelOffset: xLabelOffset, into: &svg)
    AxisRenderer.draw(
      axes.y, side: .left, label: plot.y.label, area: area,
      labelOffset: area.x - Self.padding - 0.8 * Theme.axisLabelSize, into: &svg)
    ReferenceLineRenderer.drawLabels(plot.referenceLines, frame: frame, into: &svg)
    let position = LegendPlacement.resolve(plot.legendPosition, entries: legend, plot: plot, frame: frame)
    LegendRenderer.draw(legend, position: position, area: area, into: &svg)
    svg.raw("</g>\n")
  }

  /// The distance from the bottom of the plot area to the x tick labels' baseline.
  private var xTickLabelOffset: Double { Theme.majorTick + Theme.tickGap + 0.78 * Theme.tickLabelSize }
  /// The distance from the bottom of the plot area to the x label's baseline.
  private var xLabelOffset: Double { xTickLabelOffset + 8 + 0.8 * Theme.axisLabelSize }

  /// The plot area: the canvas less room for the title, tick labels and axis labels.
  func plotArea(x: ResolvedAxis, y: ResolvedAxis) -> Rect {
    let yTickWidth = y.ticks.compactMap { $0.label?.width(fontSize: Theme.tickLabelSize) }.max() ?? 0
    let lastXTick = x.ticks.last { $0.isMajor }?.label?.width(fontSize: Theme.tickLabelSize) ?? 0
    let yLabelBand = plot.y.label.isEmpty ? 0 : Theme.axisLabelSize + 8
    let left = Self.padding + yLabelBand + yTickWidth + Theme.majorTick + Theme.tickGap + 2
    let top = plot.title.isEmpty ? Self.padding + 6 : Self.padding + Theme.titleSize + 18
    let right = max(Self.padding + 10, lastXTick / 2 + 6)
    let bottom = (plot.x.label.isEmpty ? xTickLabelOffset : xLabelOffset) + 8
    return Rect(x: left, y: top, width: max(width - left - right, 20), height: max(height - top - bottom, 20))
  }

  private func drawGrid(_ frame: PlotFrame, into svg: inout SVGBuffer) {
    let area = frame.area
    let xs = frame.x.ticks.filter(\.isMajor).map { frame.pixelX($0.value) }.filter { $0 > area.x + 0.5 && $0 < area.maxX - 0.5 }
    let ys = frame.y.ticks.filter(\.isMajor).map { frame.pixelY($0.value) }.filter { $0 > area.y + 0.5 && $0 < area.maxY - 0.5 }
    guard !xs.isEmpty || !ys.isEmpty else { return }
    svg.raw("<path class=\"grid\" d=\"")
    for x in xs {
      svg.raw("M")
      svg.number(x)
      svg.raw(" ")
      svg.number(area.y)
      svg.raw("V")
      svg.number(area.maxY)
    }
    for y in ys {
      svg.raw("M")
      svg.number(area.x)
      svg.raw(" ")
      svg.number(y)
      svg.raw("H")
      svg.number(area.maxX)
    }
    svg.raw("\" stroke=\"\(Theme.gridColor)\" stroke-width=\"0.8\" fill=\"none\"/>\n")
  }

  private func rectAttributes(_ rect: Rect, into svg: inout SVGBuffer) {
    svg.attribute("x", rect.x)
    svg.attribute("y", rect.y)
    svg.attribute("width", rect.width)
    svg.attribute("height", rect.height)
  }

  /// The number of points of `series` that can be drawn on these scales.
  private func drawablePoints(_ series: Series, _ frame: PlotFrame) -> Int {
    var count = 0
    for i in 0..<series.count where frame.accepts(series.x[i], series.y[i]) { count += 1 }
    return count
  }
}
