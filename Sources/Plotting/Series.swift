/// One data set drawn in a ``Plot``: a line, a scatter, or a line with markers.
///
/// Points whose coordinates are not finite — and, on a log axis, not positive —
/// are skipped; a line is broken where such a point interrupts it.
public struct Series: Sendable {
  /// How the points are drawn.
  public enum Style: Sendable, Equatable {
    /// Consecutive points joined by straight segments.
    case line
    /// A round marker at every point, no line.
    case scatter
    /// A line with a round marker at every point.
    case lineAndMarkers
  }

  /// The legend entry; an empty name keeps the series out of the legend.
  public var name: String
  /// The x coordinates; only the first `min(x.count, y.count)` points are drawn.
  public var x: [Double]
  /// The y coordinates, paired with ``x`` by index.
  public var y: [Double]
  /// Line, scatter, or both.
  public var style: Style
  /// An SVG colour (`"#0072B2"`, `"black"`); `nil` takes the palette colour of
  /// the series' position in the plot (``Palette/color(_:)``).
  public var color: String?
  /// Whether the line is dashed.
  public var dashed: Bool
  /// The line width in pixels (at the plot's nominal size).
  public var lineWidth: Double
  /// The marker radius in pixels.
  public var markerRadius: Double
  /// The opacity of lines and markers, 0…1; dense scatters read best around 0.2–0.4.
  public var opacity: Double

  /// A series from separate x and y arrays.
  public init(
    _ name: String = "", x: [Double], y: [Double], style: Style = .line, color: String? = nil,
    dashed: Bool = false, lineWidth: Double = 2, markerRadius: Double = 2, opacity: Double = 1
  ) {
    self.name = name
    self.x = x
    self.y = y
    self.style = style
    self.color = color
    self.dashed = dashed
    self.lineWidth = lineWidth
    self.markerRadius = markerRadius
    self.opacity = opacity
  }

  /// A series from (x, y) pairs.
  public init(
    _ name: String = "", points: [(x: Double, y: Double)], style: Style = .line, color: String? = nil,
    dashed: Bool = false, lineWidth: Double = 2, markerRadius: Double = 2, opacity: Double = 1
  ) {
    self.init(
      name, x: points.map(\.x), y: points.map(\.y), style: style, color: color,
      dashed: dashed, lineWidth: lineWidth, markerRadius: markerRadius, opacity: opacity)
  }

  /// The number of points: the shorter of ``x`` and ``y``.
  public var count: Int { min(x.count, y.count) }

  /// The points as (x, y) pairs; setting replaces both coordinate arrays.
  public var points: [(x: Double, y: Double)] {
    get { (0..<count).map { (x: x[$0], y: y[$0]) } }
    set {
      x = newValue.map(\.x)
      y = newValue.map(\.y)
    }
  }

  /// Whether lines are drawn.
  var drawsLine: Bool { style != .scatter }
  /// Whether markers are drawn.
  var drawsMarkers: Bool { style != .line }
}
