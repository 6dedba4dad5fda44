import Foundation
import Plotting
import TestSupport
import Testing

@Suite("Non-finite and non-positive data")
struct NonFiniteDataTests {
  private let awkward: [Double] = [.nan, 1, .infinity, 2, -.infinity, 0, -3, 4, .signalingNaN, 5]

  /// No NaN or infinity leaks into the document (case-insensitive).
  private func expectNoNonFiniteText(_ svg: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let lower = svg.lowercased()
    #expect(!lower.contains("nan"), sourceLocation: sourceLocation)
    #expect(!lower.contains("inf"), sourceLocation: sourceLocation)
  }

  @Test(.tags(.property), arguments: [Series.Style.line, .scatter, .lineAndMarkers])
  func nonFinitePointsAreSkippedOnLinearAxes(style: Series.Style) throws {
    let plot = Plot(series: [Series("s", x: awkward.indices.map(Double.init), y: awkward, style: style)])
    let svg = plot.svg()
    expectNoNonFiniteText(svg)
    let root = try #require(SVGFixtures.parse(svg))
    // Finite y: 1, 2, 0, −3, 4, 5.
    #expect(root.first(withClass: "series")?.attributes["data-points"] == "6")
    let y = try #require(SVGFixtures.range(root, axis: "y-axis"))
    #expect(y.lowerBound < -3 && y.lowerBound > -4 && y.upperBound > 5 && y.upperBound < 6)
  }

  @Test(.tags(.property), arguments: [Series.Style.line, .scatter, .lineAndMarkers])
  func nonPositivePointsAreSkippedOnLogAxes(style: Series.Style) throws {
    let plot = Plot(
      x: Axis("x", scale: .log10), y: Axis("y", scale: .log10),
      series: [Series("s", x: awkward.map { abs($0) }, y: awkward, style: style)])
    let svg = plot.svg()
    expectNoNonFiniteText(svg)
    let root = try #require(SVGFixtures.parse(svg))
    // Positive, finite y with positive, finite x: 1, 2, 4, 5.
    #expect(root.first(withClass: "series")?.attributes["data-points"] == "4")
    #expect(SVGFixtures.range(root, axis: "y-axis") == 1...10)
  }

  @Test func aLineIsBrokenWhereAPointCannotBeDrawn() throws {
    let plot = Plot(series: [Series(x: [0, 1, 2, 3, 4, 5], y: [0, 1, .nan, 3, 4, 5])])
    let root = try #require(SVGFixtures.parse(plot.svg()))
    let d = try #require(root.first(withClass: "line")?.attributes["d"])
    #expect(d.filter { $0 == "M" }.count == 2)
  }

  @Test func emptyAndAllNaNSeriesRenderDefaultAxes() throws {
    let plot = Plot(
      title: "nothing to see", x: Axis("x", scale: .log10), y: Axis("y"),
      series: [
        Series("empty", x: [], y: []), Series("missing", x: [.nan, .nan], y: [.nan, 1]),
        Series("mismatched", x: [1, 2, 3], y: []), Series("dots", x: [.infinity], y: [1], style: .scatter),
      ],
      referenceLines: [.horizontal(y: .nan, label: "bad"), .vertical(x: -1, label: "negative on log"), .powerLaw(coefficient: .nan, exponent: 1)])
    let svg = plot.svg()
    expectNoNonFiniteText(svg)
    let root = try #require(SVGFixtures.parse(svg))
    #expect(SVGFixtures.range(root, axis: "x-axis") == 1...10)
    #expect(SVGFixtures.range(root, axis: "y-axis") == 0...1)
    #expect(root.elements(withClass: "series").count == 4)
    #expect(root.elements(withClass: "legend-entry").count == 4)
    #expect(root.elements(withClass: "reference").isEmpty)
    #expect(root.elements(withClass: "line").isEmpty && root.elements(withClass: "markers").isEmpty)
  }

  @Test func nonFiniteStyleParametersFallBackToDefaults() throws {
    let plot = Plot(
      series: [Series("s", x: [1, 2], y: [1, 2], style: .lineAndMarkers, lineWidth: .nan, markerRadius: .infinity, opacity: .nan)],
      width: .nan, height: .infinity)
    let svg = plot.svg()
    expectNoNonFiniteText(svg)
    #expect(SVGFixtures.parse(svg) != nil)
  }

  @Test func hugeValuesDoNotBreakTheDocument() throws {
    let plot = Plot(
      x: Axis("x", range: 0...1),
      series: [
        Series(x: [0, 0.5, 1e300, -1e300, 1], y: [1, 1e308, -1e308, 2, 3], style: .lineAndMarkers),
        Series(x: [0.2, 0.3], y: [-1e308, 1.7e308], style: .scatter),
      ],
      referenceLines: [.powerLaw(coefficient: 1e300, exponent: 7)])
    let svg = plot.svg()
    expectNoNonFiniteText(svg)
    #expect(SVGFixtures.parse(svg) != nil)
  }
}
