import Foundation

/// An axis with its final range and ticks, mapping data values to fractions
/// of the axis length.
struct ResolvedAxis {
  /// Linear or log.
  let scale: AxisScale
  /// The value at the start (left or bottom) of the axis.
  let lower: Double
  /// The value at the end (right or top) of the axis.
  let upper: Double
  /// Major and minor ticks within the range, in increasing order.
  let ticks: [Tick]
  private let start: Double
  private let length: Double

  /// The axis with the given scale and a range that is valid for it.
  init(scale: AxisScale, lower: Double, upper: Double) {
    self.scale = scale
    self.lower = lower
    self.upper = upper
    switch scale {
    case .linear:
      start = lower
      length = upper - lower
      ticks = Tick.linear(lower, upper)
    case .log10:
      start = Foundation.log10(lower)
      length = Foundation.log10(upper) - start
      ticks = Tick.log(lower, upper)
    }
  }

  /// The axis for `axis`: its explicit range when that is valid, otherwise a
  /// range that contains `extent` (on log axes, rounded out to decades).
  init(_ axis: Axis, extent: Extent) {
    let range = Self.validRange(axis.range, scale: axis.scale) ?? Self.automaticRange(extent, scale: axis.scale)
    self.init(scale: axis.scale, lower: range.lowerBound, upper: range.upperBound)
  }

  /// Whether `value` can be shown on this scale (finite, and positive on a log axis).
  func accepts(_ value: Double) -> Bool {
    value.isFinite && (scale == .linear || value > 0)
  }

  /// The position of `value` along the axis: 0 at ``lower``, 1 at ``upper``.
  /// Call only with values this axis ``accepts(_:)``.
  @inline(__always)
  func fraction(_ value: Double) -> Double {
    switch scale {
    case .linear: return (value - start) / length
    case .log10: return (Foundation.log10(value) - start) / length
    }
  }

  /// The data value at a fraction of the axis (the inverse of ``fraction(_:)``).
  func value(atFraction f: Double) -> Double {
    switch scale {
    case .linear: return start + f * length
    case .log10: return pow(10, start + f * length)
    }
  }

  /// `range` when it can be shown on `scale`: finite, lower < upper, and lower > 0 on log axes.
  static func validRange(_ range: ClosedRange<Double>?, scale: AxisScale) -> ClosedRange<Double>? {
    guard let range, range.lowerBound.isFinite, range.upperBound.isFinite,
      range.lowerBound < range.upperBound, scale == .linear || range.lowerBound > 0
    else { return nil }
    return range
  }

  /// A range containing `extent`: on linear axes with a 5 % margin each side,
  /// on log axes rounded out to whole decades, or to 1-2-5 steps when the data
  /// fills less than a third of its decades. An empty extent gives 0…1 (linear)
  /// or 1…10 (log).
  static func automaticRange(_ extent: Extent, scale: AxisScale) -> ClosedRange<Double> {
    switch scale {
    case .linear:
      guard !extent.isEmpty else { return 0...1 }
      let lower = extent.lower, upper = extent.upper
      if lower == upper {
        let pad = lower == 0 ? 1 : abs(lower) * 0.1
        return (lower - pad)...(upper + pad)
      }
      let margin = (upper - lower) * 0.05
      guard margin.isFinite else { return lower...upper }  // data spanning nearly all doubles
      return (lower - margin)...(upper + margin)
    case .log10:
      guard !extent.isEmpty else { return 1...10 }
      let a = Foundation.log10(extent.lower), b = Foundation.log10(extent.upper)
      var first = floor(a + 1e-9), last = ceil(b - 1e-9)
      if first >= last {  // a single value that is a power of ten: centre it
        first -= 1
        last += 1
      }
      if b == a || (b - a) / (last - first) >= 1.0 / 3.0 {
        return pow(10, first)...pow(10, last)
      }
      return narrowLogRange(extent)
    }
  }

  /// A sub-decade log range: the data rounded out to a nice linear step that
  /// splits it into about four intervals.
  private static func narrowLogRange(_ extent: Extent) -> ClosedRange<Double> {
    let step = Tick.niceStep(span: extent.upper - extent.lower, maxIntervals: 4).step
    var lower = floor(extent.lower / step + 1e-9) * step
    let upper = ceil(extent.upper / step - 1e-9) * step
    if lower <= 0 { lower = extent.lower }
    return lower...upper
  }
}
