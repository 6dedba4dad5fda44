/// One axis of a ``Plot``: its label, its scale and, optionally, a fixed range.
public struct Axis: Sendable {
  /// The axis label, drawn under the x axis or rotated beside the y axis.
  public var label: String
  /// Linear or logarithmic.
  public var scale: AxisScale
  /// The shown range; `nil` chooses one from the data.
  ///
  /// An explicit range is kept as given (data outside it is clipped). A range
  /// that cannot be shown — non-finite bounds, or a lower bound ≤ 0 on a log
  /// axis — is ignored and the automatic range is used instead.
  public var range: ClosedRange<Double>?

  /// An axis with the given label, scale and range.
  public init(_ label: String = "", scale: AxisScale = .linear, range: ClosedRange<Double>? = nil) {
    self.label = label
    self.scale = scale
    self.range = range
  }
}
