import Foundation

/// Number formats shared by the notebooks' tables.
public enum Formatting {
  /// `value` with `digits` decimals (`"–"` for NaN).
  public static func fixed(_ value: Double, _ digits: Int = 2) -> String {
    value.isNaN ? "–" : String(format: "%.\(digits)f", value)
  }

  /// `value` in scientific notation with `digits` significant decimals.
  public static func scientific(_ value: Double, _ digits: Int = 2) -> String {
    value.isNaN ? "–" : String(format: "%.\(digits)e", value)
  }

  /// A fraction as a percentage with `digits` decimals.
  public static func percent(_ fraction: Double, _ digits: Int = 2) -> String {
    fixed(100 * fraction, digits)
  }

  /// `mean ± sd` of `values` (sample standard deviation, ddof = 1; just the mean for one value).
  public static func meanAndDeviation(_ values: [Double], _ digits: Int = 2) -> String {
    guard !values.isEmpty else { return "–" }
    let mean = values.reduce(0, +) / Double(values.count)
    guard values.count > 1 else { return fixed(mean, digits) }
    let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count - 1)
    return fixed(mean, digits) + " ± " + fixed(variance.squareRoot(), digits)
  }
}
