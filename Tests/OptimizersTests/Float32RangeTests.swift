import Filtering
import Foundation
import Optimizers
import TestSupport
import Testing

/// Float32 AdaBayes and AdaBayes-FP under gradients from 10⁻²⁰ to 10²⁰: no
/// state underflows to 0 or overflows, and σ²_post is where float64 puts it.
///
/// Before [RANGE], G² overflowed Float at |G| ≈ 1.8·10¹⁹: v became +∞ and
/// σ²_post 0, freezing the parameter; at 10⁻²⁰, v held a subnormal with ~6
/// significant bits.
@Suite("Float32 state across gradients from 1e-20 to 1e20", .tags(.property))
struct Float32RangeTests {
  /// Summed-loss gradient magnitudes |G| (batch size 1), both ends of the range included.
  static let magnitudes: [Double] = [1e-20, 1e-10, 1, 1e10, 1e20]
  static let steps = 5_000
  static let eta = 1e-2, sgdRate = 1e-2, beta2 = 0.999

  /// Alternating signs keep the parameters bounded while the curvature G² stays constant.
  static func gradient(at t: Int) -> [Float] {
    magnitudes.map { Float(t % 2 == 0 ? $0 : -$0) }
  }

  /// r = √v tracks |G|: each step rounds v = r² by ≤ 3ε relative (two products, a sum;
  /// the powers of two of [RANGE] are exact) and β₂ contracts the error, so v̂ is within
  /// 3ε/(1 − β₂) of G² and r̂ = r/√(1 − β₂ᵗ) within half that of |G|.
  static let rootTolerance = 1.5 * Double(Float.ulpOfOne) / (1 - beta2)

  @Test("AdaBayes: σ²_post and √v stay positive and finite, σ²_post on the float64 Riccati root [RANGE]")
  func adaBayes() throws {
    let configuration = AdaBayes<Double>(learningRate: Self.eta, sgdLearningRate: Self.sgdRate, batchSize: 1)
    var optimizer = Optimizer(
      AdaBayes<Float>(learningRate: Self.eta, sgdLearningRate: Self.sgdRate, batchSize: 1),
      parameters: [Float](repeating: 0.5, count: Self.magnitudes.count))
    for t in 1...Self.steps { try optimizer.step(gradient: Self.gradient(at: t)) }

    let state = optimizer.state
    let a = configuration.transition.scale
    let rootCorrection = (1 - pow(Self.beta2, Double(Self.steps))).squareRoot()
    for (k, g) in Self.magnitudes.enumerated() {
      let variance = Double(state.posteriorVariance[k])
      let exact = SteadyState.exactPosteriorVariance(transition: configuration.transition, curvature: g * g)
      // Float32 rounds a and q by ≤ ε, moving the root by ≤ 2ε/(1 − a²) relative (as in
      // SoakTests); a root below 2⁻¹²⁶ is stored on the subnormal grid of spacing 2⁻¹⁴⁹.
      let tolerance = 2 * Double(Float.ulpOfOne) / (1 - a * a) + 0x1p-149 / exact
      #expect(variance > 0 && variance.isFinite, "|G| = \(g): σ²_post = \(variance)")
      #expect(abs(variance / exact - 1) <= tolerance, "|G| = \(g): σ²_post \(variance) vs float64 root \(exact)")
      let root = Double(state.rootSecondMoment[k]) / rootCorrection
      #expect(abs(root / g - 1) <= Self.rootTolerance, "|G| = \(g): √v̂ = \(root)")
      #expect(state.firstMoment[k].isFinite && optimizer.parameters[k].isFinite)
    }
    // At 10²⁰ the exact variance (≈ 10⁻⁴⁰) is subnormal in float32, yet not 0.
    #expect(state.posteriorVariance[4] > 0 && Double(state.posteriorVariance[4]) < 0x1p-126)
  }

  @Test("AdaBayes-FP: √v stays positive and finite, σ²_post equals Eq. 20 in float64 [RANGE]")
  func adaBayesFixedPoint() throws {
    let epsilon = 1e-8
    var optimizer = Optimizer(
      AdaBayesFixedPoint<Float>(learningRate: Self.eta, sgdLearningRate: Self.sgdRate, batchSize: 1, epsilon: epsilon),
      parameters: [Float](repeating: 0.5, count: Self.magnitudes.count))
    for t in 1...Self.steps { try optimizer.step(gradient: Self.gradient(at: t)) }

    let variances = try #require(optimizer.posteriorVariances)
    let rootCorrection = (1 - pow(Self.beta2, Double(Self.steps))).squareRoot()
    for (k, g) in Self.magnitudes.enumerated() {
      let root = Double(optimizer.state.rootSecondMoment[k]) / rootCorrection
      #expect(root > 0 && root.isFinite && abs(root / g - 1) <= Self.rootTolerance, "|G| = \(g): √v̂ = \(root)")
      let exact = SteadyState.fixedPointVariance(learningRate: Self.eta, priorVariance: Self.sgdRate, meanSquaredGradient: g * g + epsilon)
      // σ²_post depends on √⟨g²⟩ with log-derivative ≤ 1, so it inherits r̂'s error, plus a
      // few roundings of its own (4ε).
      let tolerance = Self.rootTolerance + 4 * Double(Float.ulpOfOne)
      let variance = Double(variances[k])
      #expect(variance > 0 && variance.isFinite, "|G| = \(g): σ²_post = \(variance)")
      #expect(abs(variance / exact - 1) <= tolerance, "|G| = \(g): σ²_post \(variance) vs Eq. 20 \(exact)")
      #expect(optimizer.state.firstMoment[k].isFinite && optimizer.parameters[k].isFinite)
    }
  }
}
