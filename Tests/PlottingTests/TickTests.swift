import Foundation
import Plotting
import TestSupport
import Testing

@Suite("Ticks")
struct TickTests {
  private func labels(_ plot: Plot, axis: String = "x-axis") throws -> [(value: Double, text: String, exponent: String?)] {
    SVGFixtures.tickLabels(try #require(SVGFixtures.parse(plot.svg())), axis: axis)
  }

  @Test(.tags(.property)) func linearZeroToOneHasClean1_2_5Labels() throws {
    let ticks = try labels(Plot(x: Axis("p", range: 0...1)))
    #expect(ticks.map(\.text) == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
    #expect(ticks.map(\.value) == [0, 0.2, 0.4, 0.6, 0.8, 1])
  }

  @Test(.tags(.property), arguments: [0...0.3, -1...1, 0...7, 1990...2025, -0.003...0.0012, 0.1...0.7, 0...1e-2])
  func linearLabelsAreShortAndMatchTheirValues(range: ClosedRange<Double>) throws {
    let ticks = try labels(Plot(x: Axis("x", range: range)))
    #expect(ticks.count >= 4 && ticks.count <= 9, "\(ticks.map(\.text))")
    for tick in ticks {
      #expect(tick.exponent == nil)
      #expect(tick.text.count <= 7, "float noise in \(tick.text)")
      let parsed = try #require(Double(tick.text.replacingOccurrences(of: "\u{2212}", with: "-")))
      #expect(abs(parsed - tick.value) <= 1e-12 * max(1, abs(tick.value)))
      #expect(tick.value >= range.lowerBound && tick.value <= range.upperBound)
    }
    let steps = zip(ticks.dropFirst(), ticks).map { $0.value - $1.value }
    let step = try #require(steps.first)
    let mantissa = step / pow(10, floor(log10(step)))
    #expect([1, 2, 5].contains { abs(mantissa - Double($0)) < 1e-9 })
    #expect(steps.allSatisfy { abs($0 - step) < 1e-9 * step })
  }

  @Test func negativeLabelsUseTheMinusSign() throws {
    let ticks = try labels(Plot(x: Axis("x", range: -2...2)))
    #expect(ticks.first?.text == "\u{2212}2.0")
    #expect(!ticks.contains { $0.text.contains("-") })
  }

  @Test func veryLargeAndVerySmallLinearValuesAreScientific() throws {
    let large = try labels(Plot(x: Axis("n", range: 0...1e6)))
    #expect(large.first?.text == "0")
    #expect(large.last.map { $0.text == "1×10" + "6" && $0.exponent == "6" } == true)
    #expect(large.dropFirst().allSatisfy { $0.exponent != nil })
    let small = try labels(Plot(x: Axis("t", range: 0...4e-5)))
    #expect(small.dropFirst().allSatisfy { $0.exponent != nil })
    #expect(small.contains { $0.text == "2×10\u{2212}5" })
    #expect(small.contains { $0.text == "5×10\u{2212}6" })
  }

  @Test(.tags(.property)) func logTicksArePowersOfTenWithSuperscripts() throws {
    let ticks = try labels(Plot(x: Axis("x", scale: .log10, range: 1e-4...1e-1)))
    #expect(ticks.map(\.value) == [1e-4, 1e-3, 1e-2, 1e-1])
    #expect(ticks.map(\.text) == ["10\u{2212}4", "10\u{2212}3", "10\u{2212}2", "10\u{2212}1"])
    #expect(ticks.map(\.exponent) == ["\u{2212}4", "\u{2212}3", "\u{2212}2", "\u{2212}1"])
  }

  @Test func fewDecadesGetMinorTicksAndManyDecadesFewerLabels() throws {
    let few = try #require(SVGFixtures.parse(Plot(x: Axis("x", scale: .log10, range: 1e-2...1e2)).svg()))
    let minor = try #require(few.first(withClass: "x-axis")?.first(withClass: "minor-ticks")?.attributes["d"])
    #expect(minor.split(separator: "M").count == 4 * 8)
    let many = try labels(Plot(x: Axis("x", scale: .log10, range: 1e-10...1e10)))
    #expect(many.count <= 8 && many.count >= 4)
    for tick in many {
      let exponent = log10(tick.value)
      #expect(exponent == exponent.rounded())
    }
  }

  @Test(.tags(.property), arguments: 1...6)
  func automaticLogTicksArePowersOfTenInsideTheRange(seed: Int) throws {
    var rng = SVGFixtures.SplitMix(state: UInt64(seed))
    let low = Double.random(in: -12...3, using: &rng)
    let high = low + Double.random(in: 1.5...20, using: &rng)
    let values = (0..<20).map { _ in pow(10, Double.random(in: low...high, using: &rng)) } + [pow(10, low), pow(10, high)]
    let root = try #require(SVGFixtures.parse(Plot(y: Axis("y", scale: .log10), series: [Series(x: values, y: values)]).svg()))
    let range = try #require(SVGFixtures.range(root, axis: "y-axis"))
    #expect(log10(range.lowerBound) == log10(range.lowerBound).rounded())
    #expect(log10(range.upperBound) == log10(range.upperBound).rounded())
    let ticks = SVGFixtures.tickLabels(root, axis: "y-axis")
    #expect(ticks.count >= 2 && ticks.count <= 8)
    for tick in ticks {
      #expect(log10(tick.value) == log10(tick.value).rounded())
      #expect(range.contains(tick.value))
      #expect(tick.exponent != nil)
    }
  }
}
