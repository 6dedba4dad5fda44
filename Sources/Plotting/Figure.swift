/// Several plots in a grid on one canvas, with an optional overall title.
public struct Figure: Sendable {
  /// The title above all panels; `nil` or empty for none.
  public var title: String?
  /// The plots, placed row by row.
  public var panels: [Plot]
  /// The number of panels per row (at least 1).
  public var columns: Int

  /// A figure of `panels`, `columns` per row.
  public init(title: String? = nil, panels: [Plot], columns: Int = 2) {
    self.title = title
    self.panels = panels
    self.columns = columns
  }

  /// The figure as a complete SVG document: each grid cell is as large as the
  /// largest panel, and every panel keeps its own size within its cell.
  public func svg() -> String {
    let columns = max(1, min(self.columns, max(panels.count, 1)))
    let rows = max(1, (panels.count + columns - 1) / columns)
    let cells = panels.map { SVGDocument.canvas(width: $0.width, height: $0.height) }
    let cellWidth = cells.map(\.width).max() ?? 720
    let cellHeight = cells.map(\.height).max() ?? 480
    let heading = (title ?? "").isEmpty ? 0.0 : 40.0
    var svg = SVGDocument.begin(width: cellWidth * Double(columns), height: heading + cellHeight * Double(rows))
    if let title, !title.isEmpty {
      svg.raw("<text class=\"figure-title\"")
      svg.attribute("x", cellWidth * Double(columns) / 2)
      svg.attribute("y", 28)
      svg.raw(" text-anchor=\"middle\" font-size=\"18\" font-weight=\"bold\" fill=\"\(Theme.ink)\">")
      svg.escaped(title)
      svg.raw("</text>\n")
    }
    for (index, panel) in panels.enumerated() {
      let x = Double(index % columns) * cellWidth, y = heading + Double(index / columns) * cellHeight
      svg.raw("<g class=\"panel\" transform=\"translate(")
      svg.number(x)
      svg.raw(" ")
      svg.number(y)
      svg.raw(")\">\n")
      let size = cells[index]
      PlotRenderer(plot: panel, width: size.width, height: size.height, id: "panel\(index)").render(into: &svg)
      svg.raw("</g>\n")
    }
    SVGDocument.end(&svg)
    return svg.string
  }
}
