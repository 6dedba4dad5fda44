import Plotting
import Testing

@Suite("Palette")
struct PaletteTests {
  @Test func colorsCycleAndAreDistinct() {
    #expect(Set(Palette.series).count == Palette.series.count)
    #expect(Palette.color(0) == Palette.color(Palette.series.count))
    #expect(Palette.color(-1) == Palette.series.last)
  }
}
