import Foundation

/// A tick mark on an axis: major ticks carry a label, minor ticks do not.
struct Tick: Equatable {
  /// The data value the tick marks.
  var value: Double
  /// The label of a major tick; `nil` for a minor tick.
  var label: TickLabel?

  /// Whether the tick is labelled (drawn longer, with a grid line).
  var isMajor: Bool { label != nil }

  /// "Nice" ticks k·step on [lower, upper] with step 1, 2 or 5 × 10^e and at
  /// most eight intervals across the range, labelled without float noise.
  static func linear(_ lower: Double, _ upper: Double) -> [Tick] {
    let span = upper - lower
    guard span > 0, span.isFinite else { return [] }
    let (multiple, exponent, step) = niceStep(span: span, maxIntervals: 8)
    // Beyond 2^53 steps from zero, k·step no longer resolves individual ticks.
    guard abs(lower / step) < 1e15, abs(upper / step) < 1e15 else { return [] }
    let first = Int(ceil(lower / step - 1e-9))
    let last = Int(floor(upper / step + 1e-9))
    guard first <= last, last - first <= 100 else { return [] }
    // k·m/10^−e rather than k·step, so that 3 × 0.1 is the double nearest 0.3.
    let values = (first...last).map { k in
      exponent < 0
        ? Double(k * multiple) / pow(10, Double(-exponent))
        : Double(k * multiple) * pow(10, Double(exponent))
    }
    return zip(values, TickLabel.linear(values, step: step)).map { Tick(value: $0, label: $1) }
  }

  /// The smallest step 1, 2 or 5 × 10^exponent that splits `span` into at most
  /// `maxIntervals` intervals.
  static func niceStep(span: Double, maxIntervals: Double) -> (multiple: Int, exponent: Int, step: Double) {
    guard span > 0, span.isFinite, maxIntervals >= 1 else { return (1, 0, 1) }
    var exponent = Int(floor(log10(span / maxIntervals)))
    while true {
      for m in [1, 2, 5] where span / (Double(m) * pow(10, Double(exponent))) <= maxIntervals * (1 + 1e-9) {
        return (m, exponent, Double(m) * pow(10, Double(exponent)))
      }
      exponent += 1
    }
  }

  /// Ticks on a log axis over [lower, upper] (both > 0).
  ///
  /// With two or more powers of ten in range, the powers are major ticks
  /// labelled 10^k (every 2nd, 3rd, 5th, 10th… one when there are many) and, over
  /// at most six decades, 2…9 × 10^k are minor ticks. Narrower ranges get
  /// 1-2-5 (or 1…9) × 10^k, or failing that linear ticks, labelled as numbers.
  static func log(_ lower: Double, _ upper: Double) -> [Tick] {
    guard lower > 0, upper > lower, upper.isFinite else { return [] }
    let a = log10(lower), b = log10(upper)
    let inRange = { (v: Double) in v >= lower * (1 - 1e-9) && v <= upper * (1 + 1e-9) }
    let firstPower = Int(ceil(a - 1e-9)), lastPower = Int(floor(b + 1e-9))
    if lastPower - firstPower >= 1 {
      let decades = lastPower - firstPower + 1
      let every = [1, 2, 3, 4, 5, 10, 20, 25, 50, 100].first { (decades - 1) / $0 <= 7 } ?? (decades - 1) / 7 + 1
      var ticks: [Tick] = []
      for k in firstPower...lastPower {
        let isLabelled = k % every == 0
        ticks.append(Tick(value: pow(10, Double(k)), label: isLabelled ? .powerOfTen(k) : nil))
      }
      if every == 1 && b - a <= 6 {
        for k in Int(floor(a))...lastPower {
          for m in 2...9 where inRange(Double(m) * pow(10, Double(k))) {
            ticks.append(Tick(value: Double(m) * pow(10, Double(k)), label: nil))
          }
        }
      }
      return ticks.sorted { $0.value < $1.value }
    }
    let decades = (Int(floor(a)) - 1)...(Int(ceil(b)) + 1)
    for mantissas in [[1, 2, 5], Array(1...9)] {
      let majors = decades.flatMap { k in mantissas.map { Double($0) * pow(10, Double(k)) } }.filter(inRange)
      guard majors.count >= 3 && majors.count <= 10 else { continue }
      let minors = decades.flatMap { k in (1...9).filter { !mantissas.contains($0) }.map { Double($0) * pow(10, Double(k)) } }
        .filter(inRange)
      let ticks = majors.map { Tick(value: $0, label: .compact($0)) } + minors.map { Tick(value: $0, label: nil) }
      return ticks.sorted { $0.value < $1.value }
    }
    return linear(lower, upper).filter { $0.value > 0 }
  }
}
