import Foundation
import Plotting
import Testing

/// Shared plots and helpers for the plotting tests.
enum SVGFixtures {
  /// Parses `svg`, recording an issue (and returning nil) when it is not well-formed XML.
  static func parse(_ svg: String, sourceLocation: SourceLocation = #_sourceLocation) -> SVGNode? {
    switch SVGTreeBuilder.parse(svg) {
    case .success(let result): return result.root
    case .failure(let failure):
      Issue.record("\(failure)", sourceLocation: sourceLocation)
      return nil
    }
  }

  /// The final range of the axis group (`x-axis` or `y-axis`) from its data attributes.
  static func range(_ root: SVGNode, axis: String) -> ClosedRange<Double>? {
    guard let group = root.first(withClass: axis), let low = group.number("data-min"), let high = group.number("data-max"),
      low <= high
    else { return nil }
    return low...high
  }

  /// The tick labels of an axis group: value and displayed text.
  static func tickLabels(_ root: SVGNode, axis: String) -> [(value: Double, text: String, exponent: String?)] {
    guard let group = root.first(withClass: axis) else { return [] }
    return group.elements(withClass: "tick-label").compactMap { label in
      guard let value = label.number("data-value") else { return nil }
      return (value, label.text, label.first(withClass: "exponent")?.text)
    }
  }

  /// A deterministic pseudo-random generator (SplitMix64), so tests do not depend on the system RNG.
  struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
  }

  /// A log–log scatter of `count` points like the posterior-variance figure,
  /// with the analytic curve and both asymptotes.
  static func varianceScatter(count: Int, seed: UInt64 = 1) -> Plot {
    var rng = SplitMix(state: seed)
    var xs = [Double](), ys = [Double]()
    xs.reserveCapacity(count)
    ys.reserveCapacity(count)
    for _ in 0..<count {
      let r = pow(10, -6 + 5 * Double.random(in: 0..<1, using: &rng))
      xs.append(r)
      ys.append(1 / (1 / r + 1e3) * pow(10, Double.random(in: -0.2..<0.2, using: &rng)))
    }
    let curveX = (0...100).map { pow(10, -6 + 5 * Double($0) / 100) }
    return Plot(
      title: "Posterior variance", x: Axis("η/√⟨g²⟩", scale: .log10), y: Axis("σ²", scale: .log10),
      series: [
        Series("parameters", x: xs, y: ys, style: .scatter, markerRadius: 1.2, opacity: 0.3),
        Series("analytic", x: curveX, y: curveX.map { 1 / (1 / $0 + 1e3) }),
      ],
      referenceLines: [
        .powerLaw(coefficient: 1, exponent: 1, label: "σ² = η/√⟨g²⟩"), .horizontal(y: 1e-3, label: "σ²∞"),
      ])
  }

  /// A linear learning-curve plot with three named series and one unnamed.
  static func learningCurves() -> Plot {
    let epochs = (1...20).map(Double.init)
    return Plot(
      title: "Loss", x: Axis("epoch"), y: Axis("loss"),
      series: [
        Series("Adam", x: epochs, y: epochs.map { 2 * exp(-$0 / 5) }),
        Series("AdaBayes", x: epochs, y: epochs.map { 2 * exp(-$0 / 4) }, style: .lineAndMarkers),
        Series("SGD", x: epochs, y: epochs.map { 2 * exp(-$0 / 8) }, dashed: true),
        Series("", x: epochs, y: epochs.map { _ in 0.5 }),
      ])
  }
}
