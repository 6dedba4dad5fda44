/// The Okabe–Ito palette: eight colours that stay distinguishable for the
/// common forms of colour blindness (Okabe & Ito, "Color Universal Design", 2002).
///
/// Series take colours in this order; black is kept for reference lines.
public enum Palette {
  /// The series colours, as SVG hex strings, in the order series use them.
  public static let series = [
    "#0072B2",  // blue
    "#E69F00",  // orange
    "#009E73",  // bluish green
    "#CC79A7",  // reddish purple
    "#56B4E9",  // sky blue
    "#D55E00",  // vermillion
    "#F0E442",  // yellow
  ]

  /// The colour of reference lines and text.
  public static let ink = "#000000"

  /// The colour of series number `index` (cycling through ``series``).
  public static func color(_ index: Int) -> String {
    series[((index % series.count) + series.count) % series.count]
  }
}
