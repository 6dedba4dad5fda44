import Foundation
import Plotting
import TestSupport
import Testing

@Suite("Large scatters")
struct LargeScatterTests {
  /// The number of `M x y h0` markers in a document.
  private func markerCount(_ svg: String) -> Int {
    svg.components(separatedBy: "h0").count - 1
  }

  @Test func twoHundredThousandPointsRenderCompactly() throws {
    let plot = SVGFixtures.varianceScatter(count: 200_000)
    let svg = plot.svg()
    let bytes = svg.utf8.count
    // At most ~15 bytes a marker ("M123.4 567.8h0"), and markers merged into few elements.
    #expect(bytes < 200_000 * 16)
    let markers = markerCount(svg)
    #expect(markers > 10_000 && markers <= 200_000)
    let root = try #require(SVGFixtures.parse(svg))
    let paths = root.elements(withClass: "markers")
    #expect(paths.count >= 1 && paths.count <= 64 + 200_000 / 40_000)
    #expect(root.first(withClass: "series")?.attributes["data-points"] == "200000")
  }

  @Test(.tags(.property)) func opaqueMarkersOnTheSamePixelAreDrawnOnce() {
    let plot = Plot(series: [Series(x: [Double](repeating: 0.5, count: 10_000), y: [Double](repeating: 0.5, count: 10_000), style: .scatter)])
    #expect(markerCount(plot.svg()) == 1)
  }

  @Test(.tags(.property), arguments: [(0.3, 16), (0.5, 8), (0.05, 64)])
  func translucentMarkersStackUntilTheyCannotChangeTheColour(opacity: Double, expected: Int) throws {
    // ⌈ln 255 / −ln(1 − a)⌉ markers per 0.5-px cell, each in its own layer (path),
    // so the stack darkens like separate translucent circles would.
    let n = 1_000
    let plot = Plot(series: [
      Series(x: [Double](repeating: 0.5, count: n), y: [Double](repeating: 0.5, count: n), style: .scatter, opacity: opacity)
    ])
    let svg = plot.svg()
    #expect(markerCount(svg) == expected)
    let root = try #require(SVGFixtures.parse(svg))
    #expect(root.elements(withClass: "markers").count == expected)
  }

  @Test func markerPathsAreSplitToStayWellBelowParserLimits() throws {
    // 300 × 300 distinct opaque points on a grid fine enough that none share a cell.
    let side = 300
    let xs = (0..<side * side).map { Double($0 % side) }
    let ys = (0..<side * side).map { Double($0 / side) }
    let plot = Plot(series: [Series(x: xs, y: ys, style: .scatter, markerRadius: 0.5)], width: 1400, height: 1400)
    let root = try #require(SVGFixtures.parse(plot.svg()))
    let data = root.elements(withClass: "markers").map { $0.attributes["d"] ?? "" }
    #expect(data.count == 3)
    #expect(data.allSatisfy { $0.utf8.count < 1_000_000 })
    let counts = data.map { markerCount($0) }
    #expect(counts.reduce(0, +) == side * side)
  }
}
