/// Where the legend box sits inside the plot area.
public enum LegendPosition: Sendable, Equatable {
  /// The upper right corner.
  case topRight
  /// The upper left corner.
  case topLeft
  /// The lower left corner.
  case bottomLeft
  /// The lower right corner.
  case bottomRight
  /// The corner where the legend box covers the fewest data points and line samples.
  case best
  /// No legend.
  case none
}
