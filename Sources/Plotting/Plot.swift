/// A single chart — axes, series, reference lines, legend — rendered as a
/// standalone SVG document.
///
/// ```swift
/// var plot = Plot(title: "Posterior variance", x: Axis("η/√⟨g²⟩", scale: .log10),
///                 y: Axis("σ²", scale: .log10))
/// plot.series.append(Series("parameters", x: ratio, y: variance, style: .scatter, opacity: 0.3))
/// plot.referenceLines.append(.powerLaw(coefficient: 1, exponent: 1, label: "σ² = η/√⟨g²⟩"))
/// try SVGFile.write(plot.svg(), to: "variance.svg")
/// ```
public struct Plot: Sendable {
  /// The title above the plot area; empty for none.
  public var title: String
  /// The horizontal axis.
  public var x: Axis
  /// The vertical axis.
  public var y: Axis
  /// The data, drawn in order (later series on top).
  public var series: [Series]
  /// Guides drawn over the data, across the whole plot area.
  public var referenceLines: [ReferenceLine]
  /// The corner of the plot area holding the legend (named series only).
  public var legendPosition: LegendPosition
  /// Whether light grid lines are drawn at the major ticks.
  public var showsGrid: Bool
  /// The canvas width in pixels (used within 120…20 000; 720 when not finite).
  public var width: Double
  /// The canvas height in pixels (used within 90…20 000; 480 when not finite).
  public var height: Double

  /// A plot; everything but the axes can be added later.
  public init(
    title: String = "", x: Axis = Axis(), y: Axis = Axis(), series: [Series] = [],
    referenceLines: [ReferenceLine] = [], legendPosition: LegendPosition = .topRight,
    showsGrid: Bool = true, width: Double = 720, height: Double = 480
  ) {
    self.title = title
    self.x = x
    self.y = y
    self.series = series
    self.referenceLines = referenceLines
    self.legendPosition = legendPosition
    self.showsGrid = showsGrid
    self.width = width
    self.height = height
  }

  /// The plot as a complete SVG document (UTF-8 text, white background).
  public func svg() -> String {
    let size = SVGDocument.canvas(width: width, height: height)
    var buffer = SVGDocument.begin(width: size.width, height: size.height)
    PlotRenderer(plot: self, width: size.width, height: size.height, id: "plot").render(into: &buffer)
    SVGDocument.end(&buffer)
    return buffer.string
  }
}
