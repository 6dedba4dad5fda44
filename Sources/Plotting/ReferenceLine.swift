/// A guide drawn across the whole plot area — a threshold, an asymptote, y = x —
/// dashed by default, with an optional label placed along it near its end.
public struct ReferenceLine: Sendable {
  /// The geometry of a reference line.
  public enum Kind: Sendable, Equatable {
    /// y = constant.
    case horizontal(y: Double)
    /// x = constant.
    case vertical(x: Double)
    /// y = c·x^k: a straight line on log–log axes, a curve otherwise.
    case powerLaw(coefficient: Double, exponent: Double)
  }

  /// What is drawn.
  public var kind: Kind
  /// Text placed along the line near its right (or top) end; empty for none.
  public var label: String
  /// An SVG colour.
  public var color: String
  /// Whether the line is dashed.
  public var dashed: Bool
  /// The line width in pixels.
  public var lineWidth: Double

  /// A reference line of any kind.
  public init(
    _ kind: Kind, label: String = "", color: String = Palette.ink, dashed: Bool = true, lineWidth: Double = 1.5
  ) {
    self.kind = kind
    self.label = label
    self.color = color
    self.dashed = dashed
    self.lineWidth = lineWidth
  }

  /// The horizontal line at height `y`; its value is included in automatic ranges.
  public static func horizontal(
    y: Double, label: String = "", color: String = Palette.ink, dashed: Bool = true
  ) -> ReferenceLine {
    ReferenceLine(.horizontal(y: y), label: label, color: color, dashed: dashed)
  }

  /// The vertical line at `x`; its value is included in automatic ranges.
  public static func vertical(
    x: Double, label: String = "", color: String = Palette.ink, dashed: Bool = true
  ) -> ReferenceLine {
    ReferenceLine(.vertical(x: x), label: label, color: color, dashed: dashed)
  }

  /// The curve y = coefficient · x^exponent (for example y = x with 1 and 1),
  /// drawn over whatever range the data gives; it does not widen the ranges.
  public static func powerLaw(
    coefficient: Double, exponent: Double, label: String = "", color: String = Palette.ink, dashed: Bool = true
  ) -> ReferenceLine {
    ReferenceLine(.powerLaw(coefficient: coefficient, exponent: exponent), label: label, color: color, dashed: dashed)
  }
}
