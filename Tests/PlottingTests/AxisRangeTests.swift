import Foundation
import Plotting
import TestSupport
import Testing

@Suite("Axis ranges")
struct AxisRangeTests {
  @Test(.tags(.property), arguments: 1...8)
  func automaticLinearRangesContainAllDataWithASmallMargin(seed: Int) throws {
    var rng = SVGFixtures.SplitMix(state: UInt64(seed))
    let scale = pow(10, Double.random(in: -6...6, using: &rng))
    let offset = Double.random(in: -5...5, using: &rng) * scale
    let series = (0..<3).map { _ in
      let n = Int.random(in: 1...50, using: &rng)
      return Series(
        x: (0..<n).map { _ in Double.random(in: -1...1, using: &rng) * scale + offset },
        y: (0..<n).map { _ in Double.random(in: 0...3, using: &rng) * scale })
    }
    let root = try #require(SVGFixtures.parse(Plot(series: series).svg()))
    for (axis, values) in [("x-axis", series.flatMap(\.x)), ("y-axis", series.flatMap(\.y))] {
      let range = try #require(SVGFixtures.range(root, axis: axis))
      let low = try #require(values.min()), high = try #require(values.max())
      #expect(range.lowerBound <= low && range.upperBound >= high, "\(axis) \(range) vs \(low)…\(high)")
      if high > low {
        #expect(range.upperBound - range.lowerBound <= 1.2 * (high - low), "margin too large: \(range)")
      }
    }
  }

  @Test(.tags(.property)) func logRangesRoundOutToDecades() throws {
    let plot = Plot(
      x: Axis("x", scale: .log10), y: Axis("y", scale: .log10),
      series: [Series(x: [3e-4, 5e-3, 2e-2], y: [1.5, 70, 999])])
    let root = try #require(SVGFixtures.parse(plot.svg()))
    let x = try #require(SVGFixtures.range(root, axis: "x-axis"))
    let y = try #require(SVGFixtures.range(root, axis: "y-axis"))
    #expect(x.lowerBound == 1e-4 && x.upperBound == 1e-1)
    #expect(y.lowerBound == 1 && y.upperBound == 1e3)
  }

  @Test(.tags(.property)) func narrowLogRangesUseSubDecades() throws {
    let ys = (0..<50).map { 0.91 + 0.08 * Double($0) / 49 }
    let plot = Plot(y: Axis("accuracy", scale: .log10), series: [Series(x: ys.indices.map(Double.init), y: ys)])
    let root = try #require(SVGFixtures.parse(plot.svg()))
    let y = try #require(SVGFixtures.range(root, axis: "y-axis"))
    #expect(y.lowerBound >= 0.85 && y.lowerBound <= 0.91)
    #expect(y.upperBound >= 0.99 && y.upperBound <= 1.0 + 1e-12)
    #expect(SVGFixtures.tickLabels(root, axis: "y-axis").count >= 3)
  }

  @Test(.tags(.property)) func explicitRangesAreKeptAndDataOutsideIsNotDrawn() throws {
    let xs = (0...100).map { Double($0) / 10 }
    let plot = Plot(
      x: Axis("x", range: 2...5), y: Axis("y", scale: .log10, range: 1e-3...1),
      series: [Series("dots", x: xs, y: xs.map { pow(10, -$0 / 2) }, style: .scatter, markerRadius: 2)])
    let root = try #require(SVGFixtures.parse(plot.svg()))
    #expect(SVGFixtures.range(root, axis: "x-axis") == 2...5)
    #expect(SVGFixtures.range(root, axis: "y-axis") == 1e-3...1)
    // Every marker centre lies within one radius of the plot area.
    let frame = try #require(root.first(withClass: "frame"))
    let (fx, fy) = (try #require(frame.number("x")), try #require(frame.number("y")))
    let (fw, fh) = (try #require(frame.number("width")), try #require(frame.number("height")))
    let centres = root.elements(withClass: "markers").flatMap { markerCentres($0.attributes["d"] ?? "") }
    // x in 2…5 and 10^(−x/2) ≥ 10^−3 means x ≤ 6: points 2.0 … 5.0, i.e. 31.
    #expect(centres.count == 31)
    for c in centres {
      #expect(c.x >= fx - 2.01 && c.x <= fx + fw + 2.01 && c.y >= fy - 2.01 && c.y <= fy + fh + 2.01)
    }
  }

  @Test func otherAxisRangeLimitsTheDataThatSetsAnAutomaticRange() throws {
    let xs = (0...10).map(Double.init)
    let plot = Plot(x: Axis("x", range: 0...5), series: [Series(x: xs, y: xs.map { $0 * 100 })])
    let root = try #require(SVGFixtures.parse(plot.svg()))
    let y = try #require(SVGFixtures.range(root, axis: "y-axis"))
    #expect(y.upperBound < 600 && y.upperBound >= 500)
  }

  @Test func invalidExplicitRangesFallBackToAutomatic() throws {
    let plot = Plot(
      x: Axis("x", scale: .log10, range: -1...10), y: Axis("y", range: 0...Double.infinity),
      series: [Series(x: [2, 30], y: [1, 2])])
    let root = try #require(SVGFixtures.parse(plot.svg()))
    #expect(SVGFixtures.range(root, axis: "x-axis") == 1...100)
    let y = try #require(SVGFixtures.range(root, axis: "y-axis"))
    #expect(y.lowerBound < 1 && y.upperBound > 2 && y.upperBound < 3)
  }

  @Test func horizontalAndVerticalReferenceLinesWidenAutomaticRanges() throws {
    let plot = Plot(
      series: [Series(x: [1, 2], y: [1, 2])],
      referenceLines: [.horizontal(y: 10, label: "ten"), .vertical(x: -5), .powerLaw(coefficient: 1e6, exponent: 1)])
    let root = try #require(SVGFixtures.parse(plot.svg()))
    let x = try #require(SVGFixtures.range(root, axis: "x-axis"))
    let y = try #require(SVGFixtures.range(root, axis: "y-axis"))
    #expect(x.lowerBound < -5 && x.upperBound > 2)
    #expect(y.upperBound > 10 && y.upperBound < 12)
  }

  @Test func aPlotWithoutDataStillHasAxes() throws {
    let linear = try #require(SVGFixtures.parse(Plot(title: "nothing").svg()))
    #expect(SVGFixtures.range(linear, axis: "x-axis") == 0...1)
    #expect(SVGFixtures.range(linear, axis: "y-axis") == 0...1)
    #expect(SVGFixtures.tickLabels(linear, axis: "x-axis").count >= 3)
    let log = try #require(SVGFixtures.parse(Plot(x: Axis("x", scale: .log10), y: Axis("y", scale: .log10)).svg()))
    #expect(SVGFixtures.range(log, axis: "x-axis") == 1...10)
    #expect(SVGFixtures.tickLabels(log, axis: "y-axis").map(\.value) == [1, 10])
  }

  @Test func aSingleValueGetsARangeAroundIt() throws {
    let plot = Plot(x: Axis("x", scale: .log10), series: [Series(x: [1e-3, 1e-3], y: [4, 4])])
    let root = try #require(SVGFixtures.parse(plot.svg()))
    #expect(SVGFixtures.range(root, axis: "x-axis") == 1e-4...1e-2)
    let y = try #require(SVGFixtures.range(root, axis: "y-axis"))
    #expect(y.lowerBound < 4 && y.upperBound > 4)
  }

  /// The centres of `M x y h0` markers in path data.
  private func markerCentres(_ d: String) -> [(x: Double, y: Double)] {
    d.split(separator: "M").compactMap { part in
      let numbers = part.replacingOccurrences(of: "h0", with: "").split(separator: " ").compactMap { Double($0) }
      return numbers.count == 2 ? (numbers[0], numbers[1]) : nil
    }
  }
}
