import Foundation

/// A histogram of step sizes r = |Δ|/α on a log scale, with exact counts above
/// chosen thresholds and the exact maximum.
///
/// Bins are `binWidth` wide in log₁₀ r, from `lowestExponent` up; smaller
/// non-zero steps fall in the first bin, zero steps are counted apart.
public struct StepSizeHistogram: Sendable, Equatable {
  /// log₁₀ of the first bin's lower edge.
  public let lowestExponent: Double
  /// The width of a bin in log₁₀ r.
  public let binWidth: Double
  /// Counts per bin.
  public private(set) var counts: [Int]
  /// Steps with Δ = 0 exactly.
  public private(set) var zeroCount = 0
  /// All steps recorded.
  public private(set) var total = 0
  /// The largest r seen.
  public private(set) var largest = 0.0
  /// The thresholds counted exactly.
  public let thresholds: [Double]
  /// Steps with r > each threshold.
  public private(set) var countsAbove: [Int]

  /// An empty histogram over r ∈ [10^lowest, 10^highest).
  public init(lowestExponent: Double = -8, highestExponent: Double = 1.5, binWidth: Double = 0.05, thresholds: [Double] = [1]) {
    precondition(highestExponent > lowestExponent && binWidth > 0, "StepSizeHistogram: empty range")
    self.lowestExponent = lowestExponent
    self.binWidth = binWidth
    counts = [Int](repeating: 0, count: Int(((highestExponent - lowestExponent) / binWidth).rounded(.up)))
    self.thresholds = thresholds
    countsAbove = [Int](repeating: 0, count: thresholds.count)
  }

  /// Records one step size r = |Δ|/α.
  public mutating func add(_ r: Double) {
    total += 1
    guard r > 0 else {
      zeroCount += 1
      return
    }
    if r > largest { largest = r }
    for (k, threshold) in thresholds.enumerated() where r > threshold { countsAbove[k] += 1 }
    let bin = Int(((Foundation.log10(r) - lowestExponent) / binWidth).rounded(.down))
    counts[Swift.min(counts.count - 1, Swift.max(0, bin))] += 1
  }

  /// Records |Δᵢ|/α for every increment.
  public mutating func add<Scalar: BinaryFloatingPoint>(increments: [Scalar], learningRate alpha: Double) {
    for u in increments { add(abs(Double(u)) / alpha) }
  }

  /// The q-quantile of r over all steps (zeros included), to the resolution of a
  /// bin: the upper edge of the bin that holds it (0 if it is a zero step).
  public func quantile(_ q: Double) -> Double {
    let rank = Int((q * Double(total)).rounded(.up))
    guard rank > zeroCount else { return 0 }
    var seen = zeroCount
    for (b, count) in counts.enumerated() {
      seen += count
      if seen >= rank { return Swift.min(largest, Foundation.pow(10, lowestExponent + Double(b + 1) * binWidth)) }
    }
    return largest
  }

  /// The fraction of non-zero steps in each bin, against the bin's geometric centre (for plotting).
  public var density: [(r: Double, fraction: Double)] {
    let nonzero = Double(Swift.max(1, total - zeroCount))
    return counts.enumerated().map { b, count in
      (Foundation.pow(10, lowestExponent + (Double(b) + 0.5) * binWidth), Double(count) / nonzero)
    }
  }

  /// The fraction of all steps with r > `thresholds[k]`.
  public func fractionAbove(_ k: Int) -> Double {
    Double(countsAbove[k]) / Double(Swift.max(1, total))
  }
}
