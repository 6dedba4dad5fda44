import Filtering
import Models
import Optimizers
import TestSupport
import Testing

/// 10⁵ steps of the per-parameter filters: the variance settles on the exact
/// steady state and stays there; nothing drifts, nothing leaves the finite range.
@Suite("10⁵-step soak of the per-parameter filters", .tags(.soak, .limit))
struct SoakTests {
  static let steps = 100_000

  /// Summed-loss gradient magnitudes |G| spanning the SGD plateau, the knee and the Adam line.
  static let magnitudes: [Double] = [1e-4, 1e-2, 0.1, 1, 10, 1e3]

  @Test("AdaBayes σ²_post ends on the exact Riccati root and does not drift (float64 and float32)")
  func adaBayesSettlesAndStays() throws {
    let adabayes = AdaBayes<Double>(learningRate: 1e-2, sgdLearningRate: 1e-2, batchSize: 1)
    let n = Self.magnitudes.count
    var double = Optimizer(adabayes, parameters: [Double](repeating: 0, count: n))
    var float = Optimizer(
      AdaBayes<Float>(learningRate: 1e-2, sgdLearningRate: 1e-2, batchSize: 1), parameters: [Float](repeating: 0, count: n))
    var halfway: [Double] = []
    let a = adabayes.transition.scale
    // float32 rounds a (and q) by up to ε = 2⁻²³; the fixed point depends on them through
    // q/(1 − a²), so its relative error is about 2ε/(1 − a²) (here 1 − a² ≈ η²/σ² = 1e-2).
    let floatTolerance = 2 * Double(Float.ulpOfOne) / (1 - a * a)
    for t in 1...Self.steps {
      // Alternating signs: the parameters stay bounded while the curvature G² is constant.
      let sign: Double = t % 2 == 0 ? 1 : -1
      try double.step(gradient: Self.magnitudes.map { sign * $0 })
      try float.step(gradient: Self.magnitudes.map { Float(sign * $0) })
      if t == Self.steps / 2 { halfway = try #require(double.posteriorVariances) }
    }
    let final = try #require(double.posteriorVariances), finalFloat = try #require(float.posteriorVariances)
    for (k, g) in Self.magnitudes.enumerated() {
      let exact = SteadyState.exactPosteriorVariance(transition: adabayes.transition, curvature: g * g)
      // The recursion contracts towards its root by ρ = a²(s*/p*)² ≤ a² per step; after 5·10⁴
      // steps ρᵗ is far below round-off, so what is left is the fixed point's own rounding:
      // a few ulps of float64, relative 1e-12 allows 4 500 ulps of drift over the run.
      #expect(abs(final[k] / exact - 1) <= 1e-12, "|G| = \(g): \(final[k]) vs exact \(exact)")
      #expect(final[k] == halfway[k], "|G| = \(g): σ²_post moved between step 5·10⁴ and 10⁵")
      #expect(abs(Double(finalFloat[k]) / exact - 1) <= floatTolerance, "float32, |G| = \(g)")
    }
    #expect(double.parameters.allSatisfy { $0.isFinite } && float.parameters.allSatisfy { $0.isFinite })
  }

  @Test("AdaBayes-FP's ⟨g²⟩ and σ²_post stay at their constant-gradient values (float32)")
  func fixedPointStays() throws {
    var optimizer = Optimizer(
      AdaBayesFixedPoint<Float>(learningRate: 1e-2, sgdLearningRate: 1e-2, batchSize: 1),
      parameters: [Float](repeating: 0, count: Self.magnitudes.count))
    for t in 1...Self.steps {
      let sign: Float = t % 2 == 0 ? 1 : -1
      try optimizer.step(gradient: Self.magnitudes.map { sign * Float($0) })
    }
    let meanSquares = try #require(optimizer.meanSquaredGradients)
    let variances = try #require(optimizer.posteriorVariances)
    // v ← β₂v + (1 − β₂)G² rounds by ≤ 2ε relative per step and contracts by β₂, so the float32
    // value sits within 2ε/(1 − β₂) of G² (2.4e-4); Eq. 20's σ² has log-derivative ≤ ½ in ⟨g²⟩.
    let tolerance = 2 * Double(Float.ulpOfOne) / (1 - 0.999)
    for (k, g) in Self.magnitudes.enumerated() {
      #expect(abs(Double(meanSquares[k]) / (g * g) - 1) <= tolerance, "|G| = \(g)")
      let eq20 = SteadyState.fixedPointVariance(learningRate: 1e-2, priorVariance: 1e-2, meanSquaredGradient: g * g + 1e-8)
      #expect(abs(Double(variances[k]) / eq20 - 1) <= tolerance, "|G| = \(g)")
    }
  }
}
