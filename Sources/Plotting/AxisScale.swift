/// How an axis maps data values to positions.
public enum AxisScale: Sendable, Equatable {
  /// Equal distances for equal differences.
  case linear
  /// Equal distances for equal ratios; only positive values can be shown.
  case log10
}
