/// Small helpers shared by the renderers.
enum RenderSupport {
  /// `value` limited to `range`; `fallback` when it is not finite.
  static func clamp(_ value: Double, _ range: ClosedRange<Double>, default fallback: Double) -> Double {
    value.isFinite ? min(max(value, range.lowerBound), range.upperBound) : fallback
  }

  /// `text` escaped for an XML attribute or element.
  static func escape(_ text: String) -> String {
    var buffer = SVGBuffer(reservingCapacity: text.utf8.count + 8)
    buffer.escaped(text)
    return buffer.string
  }
}
