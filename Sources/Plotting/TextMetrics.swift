/// Rough text measurements for layout, without access to the font: DejaVu Sans
/// and Helvetica average about 0.6 em per character.
enum TextMetrics {
  /// Superscripts are drawn at this fraction of the label's font size.
  static let superscriptScale = 0.75

  /// The estimated width in pixels of `text` at `fontSize`.
  static func width(of text: String, fontSize: Double) -> Double {
    var em = 0.0
    for scalar in text.unicodeScalars {
      switch scalar {
      case "i", "l", "j", "t", "f", "r", "I", ".", ",", ":", ";", "'", "|", "!", "(", ")", "[", "]", " ": em += 0.36
      case "m", "w", "M", "W", "\u{2212}", "×", "—": em += 0.86
      case "A"..."Z": em += 0.70
      default: em += 0.62
      }
    }
    return em * fontSize
  }
}
