/// The smallest and largest of the values seen so far.
struct Extent {
  /// The smallest value, +∞ while empty.
  private(set) var lower = Double.infinity
  /// The largest value, −∞ while empty.
  private(set) var upper = -Double.infinity

  /// Whether no value has been included.
  var isEmpty: Bool { lower > upper }

  /// Widens the extent to contain `value`.
  mutating func include(_ value: Double) {
    if value < lower { lower = value }
    if value > upper { upper = value }
  }
}
