/// A range of distances from the training inputs' interval, for tabulating
/// how a predictive band behaves inside the data and away from it.
public struct DistanceRegion: Sendable, Equatable {
  /// A label for tables, e.g. "0.25–0.5 from the data".
  public var label: String
  /// The distances included: lower bound exclusive unless it is 0, upper inclusive.
  public var lower: Double
  public var upper: Double

  /// A region of distances in (lower, upper] ([0, 0] for inside the data).
  public init(_ label: String, _ lower: Double, _ upper: Double) {
    self.label = label
    self.lower = lower
    self.upper = upper
  }

  /// Whether a point at `distance` from the data belongs here.
  public func contains(_ distance: Double) -> Bool {
    upper == 0 ? distance == 0 : distance > lower && distance <= upper
  }

  /// The distance of x from [a, b]: max(0, a − x, x − b).
  public static func distance(of x: Double, from interval: Range<Double>) -> Double {
    Swift.max(0, interval.lowerBound - x, x - interval.upperBound)
  }

  /// Inside the data, then three bands of distance reaching the test interval's ends (0.7).
  public static let standard: [DistanceRegion] = [
    DistanceRegion("inside [0, 0.5)", 0, 0),
    DistanceRegion("0–0.25 outside", 0, 0.25),
    DistanceRegion("0.25–0.5 outside", 0.25, 0.5),
    DistanceRegion("0.5–0.7 outside", 0.5, 0.7),
  ]
}
