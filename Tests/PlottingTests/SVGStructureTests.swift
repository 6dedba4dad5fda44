import Foundation
import Plotting
import TestSupport
import Testing

@Suite("SVG structure")
struct SVGStructureTests {
  @Test(.tags(.conformance)) func linearPlotIsWellFormedWithOneGroupPerSeries() throws {
    let plot = SVGFixtures.learningCurves()
    let root = try #require(SVGFixtures.parse(plot.svg()))
    #expect(root.name == "svg")
    #expect(root.attributes["width"] == "720" && root.attributes["height"] == "480")
    #expect(root.attributes["font-family"]?.contains("sans-serif") == true)
    #expect(root.first(withClass: "background")?.attributes["fill"] == "#ffffff")
    #expect(root.elements(withClass: "series").count == plot.series.count)
    #expect(root.elements(withClass: "series").map { $0.attributes["data-name"] } == plot.series.map(\.name))
    #expect(root.elements(withClass: "legend-entry").map { $0.attributes["data-name"] } == ["Adam", "AdaBayes", "SGD"])
    #expect(root.first(withClass: "title")?.text == "Loss")
    #expect(root.first(withClass: "x-axis")?.first(withClass: "axis-label")?.text == "epoch")
    #expect(root.first(withClass: "y-axis")?.first(withClass: "axis-label")?.attributes["transform"]?.hasPrefix("rotate(-90") == true)
    #expect(root.first(withClass: "frame") != nil)
  }

  @Test(.tags(.conformance)) func logLogScatterIsWellFormed() throws {
    let plot = SVGFixtures.varianceScatter(count: 2_000)
    let root = try #require(SVGFixtures.parse(plot.svg()))
    #expect(root.first(withClass: "x-axis")?.attributes["data-scale"] == "log10")
    #expect(root.first(withClass: "y-axis")?.attributes["data-scale"] == "log10")
    #expect(root.elements(withClass: "series").count == 2)
    #expect(!root.elements(withClass: "markers").isEmpty)
    #expect(root.elements(withClass: "reference").count == 2)
    #expect(root.elements(withClass: "reference-label").map(\.text) == ["σ² = η/√⟨g²⟩", "σ²∞"])
  }

  @Test(.tags(.conformance)) func dataIsDrawnInsideAClipPath() throws {
    let root = try #require(SVGFixtures.parse(SVGFixtures.learningCurves().svg()))
    let data = try #require(root.first(withClass: "data"))
    let reference = try #require(data.attributes["clip-path"])
    let ids = root.elements(named: "clipPath").compactMap { $0.attributes["id"] }
    #expect(ids.count == 1)
    #expect(reference == "url(#\(ids[0]))")
    #expect(data.elements(withClass: "series").count == 4)
  }

  @Test(.tags(.conformance)) func figurePlacesPanelsInAGrid() throws {
    let panels = [SVGFixtures.learningCurves(), SVGFixtures.varianceScatter(count: 500), SVGFixtures.learningCurves()]
    let figure = Figure(title: "Three panels", panels: panels, columns: 2)
    let root = try #require(SVGFixtures.parse(figure.svg()))
    #expect(root.number("width") == 1440)
    #expect(root.number("height") == 1000.0)
    #expect(root.elements(withClass: "panel").count == 3)
    #expect(root.elements(withClass: "plot").count == 3)
    #expect(root.first(withClass: "figure-title")?.text == "Three panels")
    let ids = root.elements(named: "clipPath").compactMap { $0.attributes["id"] }
    #expect(Set(ids).count == 3)
    #expect(root.elements(withClass: "series").count == panels.map(\.series.count).reduce(0, +))
    let transforms = root.elements(withClass: "panel").compactMap { $0.attributes["transform"] }
    #expect(transforms == ["translate(0 40)", "translate(720 40)", "translate(0 520)"])
  }

  @Test(.tags(.conformance)) func markupCharactersAreEscapedAndUnicodeKept() throws {
    let awkward = "a & b < c > d \"q\" 'a' — σ², η, √, ⟨g²⟩"
    let plot = Plot(
      title: awkward, x: Axis("x < 1 & y > 2"), y: Axis("⟨g²⟩"),
      series: [Series(awkward, x: [1, 2], y: [3, 4], color: "#000\"/><script")],
      referenceLines: [.horizontal(y: 3.5, label: "<&>")])
    let svg = plot.svg()
    #expect(!svg.contains("<script"))
    let root = try #require(SVGFixtures.parse(svg))
    #expect(root.first(withClass: "title")?.text == awkward)
    #expect(root.first(withClass: "series")?.attributes["data-name"] == awkward)
    #expect(root.first(withClass: "legend-entry")?.text == awkward)
    #expect(root.first(withClass: "x-axis")?.first(withClass: "axis-label")?.text == "x < 1 & y > 2")
    #expect(root.first(withClass: "reference-label")?.text == "<&>")
    #expect(svg.contains("σ², η, √, ⟨g²⟩"))
  }

  @Test(.tags(.conformance)) func controlCharactersAreDroppedSoTheDocumentStaysWellFormed() throws {
    let plot = Plot(title: "bell\u{07} and nul\u{00}", series: [Series("a\u{1B}b", x: [1], y: [1])])
    let root = try #require(SVGFixtures.parse(plot.svg()))
    #expect(root.first(withClass: "title")?.text == "bell and nul")
  }

  @Test(arguments: [LegendPosition.topRight, .topLeft, .bottomLeft, .bottomRight, .best])
  func legendSitsInsideThePlotArea(position: LegendPosition) throws {
    var plot = SVGFixtures.learningCurves()
    plot.legendPosition = position
    let root = try #require(SVGFixtures.parse(plot.svg()))
    let frame = try #require(root.first(withClass: "frame"))
    let box = try #require(root.first(withClass: "legend-box"))
    let (fx, fy, fw, fh) = try (#require(frame.number("x")), #require(frame.number("y")), #require(frame.number("width")), #require(frame.number("height")))
    let (bx, by, bw, bh) = try (#require(box.number("x")), #require(box.number("y")), #require(box.number("width")), #require(box.number("height")))
    #expect(bx >= fx && by >= fy && bx + bw <= fx + fw && by + bh <= fy + fh)
  }

  @Test func bestLegendPositionAvoidsTheData() throws {
    // Data rising to the upper right: the best corner is the upper left.
    let xs = (0...50).map(Double.init)
    let plot = Plot(series: [Series("rising", x: xs, y: xs.map { $0 * $0 })], legendPosition: .best)
    let root = try #require(SVGFixtures.parse(plot.svg()))
    let frame = try #require(root.first(withClass: "frame"))
    let box = try #require(root.first(withClass: "legend-box"))
    let frameMiddle = try #require(frame.number("x")) + (try #require(frame.number("width"))) / 2
    let frameTop = try #require(frame.number("y"))
    #expect(try #require(box.number("x")) < frameMiddle)
    #expect(try #require(box.number("y")) < frameTop + 20)
  }

  @Test func legendIsOmittedWithoutNamedSeriesOrWhenTurnedOff() throws {
    let unnamed = Plot(series: [Series(x: [1, 2], y: [1, 2])])
    #expect(try #require(SVGFixtures.parse(unnamed.svg())).first(withClass: "legend") == nil)
    var off = SVGFixtures.learningCurves()
    off.legendPosition = .none
    #expect(try #require(SVGFixtures.parse(off.svg())).first(withClass: "legend") == nil)
  }

  @Test func seriesTakePaletteColoursByPositionUnlessGiven() throws {
    let plot = Plot(series: [
      Series("a", x: [1, 2], y: [1, 2]), Series("b", x: [1, 2], y: [2, 1], color: "#123456"),
      Series("c", x: [1, 2], y: [1, 1]),
    ])
    let root = try #require(SVGFixtures.parse(plot.svg()))
    let strokes = root.elements(withClass: "line").map { $0.attributes["stroke"] }
    #expect(strokes == [Palette.color(0), "#123456", Palette.color(2)])
  }
}
