import Foundation

/// The text of a tick label: a base and an optional superscript, so that
/// 10⁻⁴ is `("10", "−4")` and 2×10⁵ is `("2×10", "5")`.
struct TickLabel: Equatable {
  /// The text on the baseline.
  var base: String
  /// The exponent, raised and smaller; `nil` for plain numbers.
  var superscript: String?

  /// The label as one plain string, for width estimates ("10−4").
  var plain: String { base + (superscript ?? "") }

  /// The estimated width in pixels at the given font size.
  func width(fontSize: Double) -> Double {
    TextMetrics.width(of: base, fontSize: fontSize)
      + TextMetrics.width(of: superscript ?? "", fontSize: fontSize * TextMetrics.superscriptScale)
  }

  /// The label 10^exponent.
  static func powerOfTen(_ exponent: Int) -> TickLabel {
    TickLabel(base: "10", superscript: minusSign(String(exponent)))
  }

  /// A compact label for any value: plain decimals with at most six significant
  /// digits for 10⁻³ ≤ |v| < 10⁵, m×10^e outside that.
  static func compact(_ value: Double) -> TickLabel {
    if value == 0 || !value.isFinite { return TickLabel(base: value.isFinite ? "0" : "", superscript: nil) }
    let magnitude = abs(value)
    if magnitude >= 1e-3 && magnitude < 1e5 {
      return TickLabel(base: minusSign(String(format: "%.6g", value)), superscript: nil)
    }
    let exponent = Int(floor(log10(magnitude)))
    let mantissa = String(format: "%.4g", value / pow(10, Double(exponent)))
    switch mantissa {  // 9.99996 rounds up to the next decade
    case "10": return scientific(mantissa: "1", exponent: exponent + 1)
    case "-10": return scientific(mantissa: "-1", exponent: exponent + 1)
    default: return scientific(mantissa: mantissa, exponent: exponent)
    }
  }

  /// Labels for the linear ticks `k·step`, with exactly as many decimals as the
  /// step needs (so 0.1 never prints as 0.10000000000000001) and scientific
  /// notation when the ticks are very large or very small.
  static func linear(_ values: [Double], step: Double) -> [TickLabel] {
    let largest = values.map(abs).max() ?? 0
    let stepExponent = Int(floor(log10(step) + 1e-9))
    if largest >= 1e5 || (largest > 0 && largest < 1e-3) {
      // Each label m×10^e with its own exponent, and the digits the step needs.
      return values.map { value in
        if abs(value) < step * 1e-6 { return TickLabel(base: "0", superscript: nil) }
        let exponent = Int(floor(log10(abs(value)) + 1e-9))
        let decimals = max(0, exponent - stepExponent)
        var mantissa = String(format: "%.\(decimals)f", value / pow(10, Double(exponent)))
        if mantissa.contains(".") {
          while mantissa.hasSuffix("0") { mantissa.removeLast() }
          if mantissa.hasSuffix(".") { mantissa.removeLast() }
        }
        return scientific(mantissa: mantissa, exponent: exponent, collapsingOne: false)
      }
    }
    let decimals = max(0, -stepExponent)
    return values.map { value in
      let cleaned = abs(value) < step * 1e-6 ? 0 : value
      return TickLabel(base: minusSign(String(format: "%.\(decimals)f", cleaned)), superscript: nil)
    }
  }

  /// m×10^e, or 10^e when the mantissa is 1 and `collapsingOne` (linear axes
  /// keep "1×10^e" so that it matches its neighbours "2×10^e", …).
  private static func scientific(mantissa: String, exponent: Int, collapsingOne: Bool = true) -> TickLabel {
    let power = minusSign(String(exponent))
    switch mantissa {
    case "1" where collapsingOne: return TickLabel(base: "10", superscript: power)
    case "-1" where collapsingOne: return TickLabel(base: "\u{2212}10", superscript: power)
    default: return TickLabel(base: minusSign(mantissa) + "×10", superscript: power)
    }
  }

  /// The text with ASCII hyphen-minus replaced by the typographic minus sign U+2212.
  static func minusSign(_ text: String) -> String {
    text.replacingOccurrences(of: "-", with: "\u{2212}")
  }
}
