import Models
import TestSupport
import Testing

@Suite("SplitMix64", .tags(.reference))
struct SplitMix64Tests {
  @Test func matchesThePublishedSequenceForSeed1234567() {
    // The reference outputs of Vigna's splitmix64.c for seed 1234567.
    var rng = SplitMix64(seed: 1_234_567)
    let expected: [UInt64] = [
      6_457_827_717_110_365_317, 3_203_168_211_198_807_973, 9_817_491_932_198_370_423,
      4_593_380_528_125_082_431, 16_408_922_859_458_223_821,
    ]
    #expect((0..<5).map { _ in rng.next() } == expected)
  }

  @Test(.tags(.property))
  func unitAndGaussianDrawsHaveTheRightMoments() {
    var rng = SplitMix64(seed: 42)
    let n = 100_000
    let u = (0..<n).map { _ in rng.nextUnit() }
    #expect(u.allSatisfy { $0 >= 0 && $0 < 1 })
    let z = (0..<n).map { _ in rng.nextGaussian() }
    let mean = z.reduce(0, +) / Double(n)
    let variance = z.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n)
    // Standard errors: 1/√n = 0.0032 for the mean, √(2/n) = 0.0045 for the
    // variance; 5 standard errors is a bound a correct generator passes.
    #expect(abs(mean) < 5 * 0.0032)
    #expect(abs(variance - 1) < 5 * 0.0045)
  }
}
