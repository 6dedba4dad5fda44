import Filtering
import Foundation
import Models
import TestSupport
import Testing

/// The power-of-two rescaling of [RANGE]: the plain formula's bits in the usual
/// range, the correctly rounded answer where a square would overflow or underflow.
@Suite("Range-safe squares", .tags(.property))
struct RangeSafeSquaresTests {
  /// Magnitudes 2^e for e in [−40, 40]: the plain formulas neither overflow nor
  /// underflow there, and scaling by a power of two commutes with rounding.
  static func usual(_ generator: inout SplitMix64) -> Float {
    Float(sign: Bool.random(using: &generator) ? .minus : .plus, exponent: Int.random(in: -40...39, using: &generator),
          significand: Float.random(in: 1..<2, using: &generator))
  }

  @Test("in the usual range the root sum of squares and the KF update have the plain formulas' bits [RANGE]")
  func usualRangeIsUnchanged() {
    var generator = SplitMix64(seed: 11)
    for _ in 0..<10_000 {
      let x = Self.usual(&generator), y = Self.usual(&generator), z = Self.usual(&generator)
      let a: Float = 0.999, b: Float = 1 - 0.999
      #expect(Float.kernelRootSumOfSquares(x, weight: a, y, weight: b) == (a * (x * x) + b * (y * y)).squareRoot())
      let prior = ScalarGaussian(mean: x, variance: abs(y))
      #expect(prior.updated(gradient: z, curvatureRoot: abs(x)) == prior.updated(with: QuadraticEvidence(gradient: z, curvature: x * x)))
    }
  }

  @Test("beyond it the result is the float64 value rounded once, not ∞ or 0 [RANGE]", arguments: [1e-30, 1e-20, 1e20, 1e30, 1e37])
  func extremesAreRoundedNotLost(magnitude: Double) {
    let x = magnitude, y = 0.3 * magnitude
    // The scalings are exact; what is left is the rounding of the inputs to Float
    // (ε/2 each), of two products and a sum, and of the square root: 4ε relative.
    let tolerance = 4 * Double(Float.ulpOfOne)
    let two = Double(Float.kernelRootSumOfSquares(Float(x), weight: 0.999, Float(y), weight: 0.001))
    #expect(abs(two / (0.999 * x * x + 0.001 * y * y).squareRoot() - 1) <= tolerance, "\(magnitude)")
  }

  @Test("a float32 KF update with curvature (10²⁰)² gives the subnormal 1/c², not 0 [RANGE]")
  func hugeCurvatureKeepsAPositiveVariance() {
    let prior = ScalarGaussian<Float>(mean: 1, variance: 0.01)
    let posterior = prior.updated(gradient: 1e20, curvatureRoot: 1e20)
    let exact = 1 / (1 / 0.01 + Double(Float(1e20)) * Double(Float(1e20)))
    // One rounding onto the subnormal grid (spacing 2⁻¹⁴⁹) in the final division.
    #expect(abs(Double(posterior.variance) - exact) <= 0x1p-149)
    #expect(posterior.variance > 0)
    // The mean moves by σ²₊·g ≈ 10⁻²⁰: finite, and what float64 gives to within the same grid.
    #expect(abs(Double(1 - posterior.mean) - exact * Double(Float(1e20))) <= 0x1p-149 * 1e20 + Double(Float.ulpOfOne))
    // The plain form overflows: c² = +∞ and σ²₊ = 0.
    #expect(prior.updated(with: QuadraticEvidence(gradient: 1e20, curvature: Float(1e20) * Float(1e20))).variance == 0)
  }

  @Test("Eq. 20 with per-step scaling has the plain formula's bits in the usual range [AB-FP] [RANGE]")
  func fixedPointPrecisionUsualRange() {
    // η, σ², ε and r in [2⁻¹⁵, 2¹⁵): q = r/η, 1/(2σ²) and ε/η² stay within 2^±46, where
    // no square in the plain formula overflows or underflows.
    func moderate(_ generator: inout SplitMix64) -> Float {
      Float(sign: .plus, exponent: Int.random(in: -15...14, using: &generator), significand: Float.random(in: 1..<2, using: &generator))
    }
    var generator = SplitMix64(seed: 13)
    for _ in 0..<10_000 {
      let eta = moderate(&generator), sigma2 = moderate(&generator), r = moderate(&generator)
      let epsilon = Bool.random(using: &generator) ? 0 : moderate(&generator)
      let constants = FixedPointConstants(learningRate: eta, priorVariance: sigma2, epsilon: epsilon)
      let c = constants.rootOfConstantTerms, q = r * constants.inverseEta
      let plain = constants.half + (c * c + q * q).squareRoot()
      #expect(SteadyState.fixedPointPrecision(rootMeanSquareGradient: r, constants) == plain, "η \(eta) σ² \(sigma2) ε \(epsilon) r \(r)")
    }
  }

  @Test("Eq. 20 where q² overflows or c is 0: the float64 value rounded, not ∞ [AB-FP] [RANGE]",
        arguments: [(1e-3, 0.1, 1e-8), (1e-3, Double.infinity, 0), (1e-6, 1e30, 0), (10, 1e-30, 1e-8)])
  func fixedPointPrecisionExtremes(eta: Double, sigma2: Double, epsilon: Double) {
    let constants = FixedPointConstants(learningRate: Float(eta), priorVariance: Float(sigma2), epsilon: Float(epsilon))
    for r in [1e-20, 1e-10, 1, 1e10, 1e20, 1e30] {  // r/η ≤ 10³⁶: the answer is a Float
      let q = Double(Float(r)) / Double(Float(eta))
      let c = Double(constants.rootOfConstantTerms)
      let exact = Double(constants.half) + (c * c + q * q).squareRoot()
      let precision = Double(SteadyState.fixedPointPrecision(rootMeanSquareGradient: Float(r), constants))
      // The scalings are exact, and η and c enter both sides as Floats. 1/η and q round by
      // ε/2 each, the squares and their sum by ε/2 (ε/4 each after the root), the root and
      // the addition of 1/(2σ²) by ε/2: at most 3ε relative.
      #expect(abs(precision / exact - 1) <= 3 * Double(Float.ulpOfOne), "η \(eta) σ² \(sigma2) ε \(epsilon) r \(r): \(precision) vs \(exact)")
    }
  }

  @Test("exponentScales: k = 2^−e and 1/k = 2^e for m in [2^e, 2^(e+1)), capped at 2^±126, and (2¹²⁷, 0) below the normals [RANGE]")
  func exponentScalesEveryBinade() {
    var generator = SplitMix64(seed: 17)
    for e in Float.leastNormalMagnitude.exponent...Float.greatestFiniteMagnitude.exponent {
      let m = Float(sign: .plus, exponent: e, significand: Float.random(in: 1..<2, using: &generator))
      let capped = Swift.min(Int(e), 126)
      let (k, inverse) = Float.exponentScales(for: m)
      #expect(k == Float(sign: .plus, exponent: -capped, significand: 1) && inverse == Float(sign: .plus, exponent: capped, significand: 1), "2^\(e)")
      #expect(k * inverse == 1)
    }
    for m in [0, Float.leastNonzeroMagnitude, Float.leastNormalMagnitude.nextDown] {
      #expect(Float.exponentScales(for: m) == (0x1p127, 0), "\(m)")
    }
    for m in [Float.infinity, .nan] {
      #expect(Float.exponentScales(for: m) == (0x1p-126, 0x1p126), "\(m)")
    }
    for e in [-1022, -500, -1, 0, 1, 700, 1021, 1022, 1023] {
      let m = Double(sign: .plus, exponent: e, significand: 1.5)
      let capped = Swift.min(e, 1022)
      #expect(Double.exponentScales(for: m) == (Double(sign: .plus, exponent: -capped, significand: 1), Double(sign: .plus, exponent: capped, significand: 1)), "2^\(e)")
    }
    #expect(Double.exponentScales(for: 0) == (0x1p1023, 0))
  }
}
