/// The fixed typography and strokes of every plot: sizes in pixels at the
/// nominal 720 × 480 canvas.
enum Theme {
  /// The font stack: DejaVu Sans (on every Linux desktop, with full Greek and
  /// maths coverage), then the usual sans-serif fallbacks.
  static let fontFamily = "DejaVu Sans, Helvetica, Arial, sans-serif"
  /// The plot title.
  static let titleSize = 16.0
  /// Axis labels.
  static let axisLabelSize = 14.0
  /// Tick labels.
  static let tickLabelSize = 12.5
  /// Legend entries.
  static let legendSize = 12.5
  /// Labels on reference lines.
  static let referenceLabelSize = 12.0
  /// Major tick length (outwards).
  static let majorTick = 6.0
  /// Minor tick length (outwards).
  static let minorTick = 3.5
  /// The gap between a tick and its label.
  static let tickGap = 4.0
  /// Grid lines at major ticks.
  static let gridColor = "#e3e3e3"
  /// The legend frame.
  static let legendBorder = "#b0b0b0"
  /// Text and axes.
  static let ink = Palette.ink

  /// The dash pattern for a dashed line of the given width.
  static func dashArray(lineWidth: Double) -> String {
    let w = max(lineWidth, 0.5)
    return "\(compact(3 * w + 1)) \(compact(2 * w + 1))"
  }

  /// A short decimal for attribute values (two decimals at most, no trailing zeros).
  static func compact(_ value: Double) -> String {
    guard value.isFinite, abs(value) < 1e9 else { return "0" }
    let rounded = (value * 100).rounded() / 100
    return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
  }
}
