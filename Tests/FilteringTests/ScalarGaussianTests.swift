import Filtering
import RealModule
import TestSupport
import Testing

// Each property is written once, generically, and run for Float and Double
// (swift-numerics' habit). Tolerances are in units of the type's ε: the
// formulas compared take at most ~6 rounded operations, so 16ε bounds the gap.

private func textbookGainForm<S: Real & BinaryFloatingPoint>(_: S.Type) {
  let prior = ScalarGaussian<S>(mean: S(0.3), variance: S(2))
  for (y, h, r) in [(S(1.5), S(1), S(0.5)), (S(-4), S(0.25), S(3)), (S(10), S(-2), S(0.01))] {
    // Textbook: k = σ²h/(h²σ² + r), μ₊ = μ + k(y − hμ), σ²₊ = (1 − kh)σ².
    let k = prior.variance * h / (h * h * prior.variance + r)
    let expectedMean = prior.mean + k * (y - h * prior.mean)
    let expectedVariance = (1 - k * h) * prior.variance
    // [KF-EV] sensor evidence + [KF-U] = the textbook gain form.
    let posterior = prior.updated(with: .observation(y, coefficient: h, noiseVariance: r, priorMean: prior.mean))
    #expect(abs(posterior.mean - expectedMean) <= 16 * S.ulpOfOne * max(1, abs(expectedMean)))
    // The reference (1 − kh) cancels when kh → 1; its own rounding is
    // amplified by kh/(1 − kh), so the tolerance carries that factor.
    let amplification = max(1, abs(k * h / (1 - k * h)))
    #expect(abs(posterior.variance - expectedVariance) <= 16 * S.ulpOfOne * expectedVariance * amplification)
  }
}

private func zeroCurvatureIsAGradientStep<S: Real & BinaryFloatingPoint>(_: S.Type) {
  // [KF-U] with λ = 0: σ²₊ = 1/(1/σ²) (σ² to within one rounding), μ₊ = μ − σ²g.
  for variance in [S(1e-3), S(0.5), S(7)] {
    let prior = ScalarGaussian<S>(mean: S(1), variance: variance)
    let g = S(-0.75)
    let posterior = prior.updated(with: .gradientOnly(g))
    #expect(abs(posterior.variance - variance) <= 2 * S.ulpOfOne * variance)
    #expect(abs(posterior.mean - (1 - variance * g)) <= 4 * S.ulpOfOne * max(1, abs(1 - variance * g)))
  }
}

private func precisionsAdd<S: Real & BinaryFloatingPoint>(_: S.Type) {
  // Two sensor observations one after the other ≡ the batch conjugate posterior:
  // 1/σ²₂ = 1/σ²₀ + 1/r₁ + 1/r₂,   μ₂ = σ²₂ (μ₀/σ²₀ + y₁/r₁ + y₂/r₂).
  let prior = ScalarGaussian<S>(mean: S(-1), variance: S(4))
  let (y1, r1, y2, r2) = (S(2), S(0.5), S(3), S(2))
  let first = prior.updated(with: .observation(y1, noiseVariance: r1, priorMean: prior.mean))
  let second = first.updated(with: .observation(y2, noiseVariance: r2, priorMean: first.mean))
  let precision = 1 / prior.variance + 1 / r1 + 1 / r2
  let mean = (prior.mean / prior.variance + y1 / r1 + y2 / r2) / precision
  #expect(abs(second.precision - precision) <= 16 * S.ulpOfOne * precision)
  #expect(abs(second.mean - mean) <= 16 * S.ulpOfOne * max(1, abs(mean)))
  // And curvatures add in precision, whatever the gradients.
  let a = prior.updated(with: QuadraticEvidence(gradient: 1, curvature: S(0.25)))
    .updated(with: QuadraticEvidence(gradient: -2, curvature: S(0.5)))
  #expect(abs(a.precision - (S(0.25) + S(0.25) + S(0.5))) <= 8 * S.ulpOfOne)
}

private func predictionIsTheDefinition<S: Real & BinaryFloatingPoint>(_: S.Type) {
  let belief = ScalarGaussian<S>(mean: S(2), variance: S(3))
  let t = ScalarTransition<S>(scale: S(0.5), noiseVariance: S(0.25))
  let predicted = belief.predicted(by: t)
  // [KF-P] μ⁻ = aμ = 1, σ²⁻ = a²σ² + q = 0.75 + 0.25 = 1 — exact in binary.
  #expect(predicted == ScalarGaussian(mean: 1, variance: 1))
}

@Suite("ScalarGaussian: the scalar Kalman equations", .tags(.property))
struct ScalarGaussianTests {
  @Test func updateIsTheTextbookGainForm() {
    textbookGainForm(Float.self)
    textbookGainForm(Double.self)
  }

  @Test func curvatureZeroIsAGradientStepOfSizeSigma2() {
    zeroCurvatureIsAGradientStep(Float.self)
    zeroCurvatureIsAGradientStep(Double.self)
  }

  @Test func precisionsAddAndSequentialEqualsBatch() {
    precisionsAdd(Float.self)
    precisionsAdd(Double.self)
  }

  @Test func predictionAppliesScaleAndNoise() {
    predictionIsTheDefinition(Float.self)
    predictionIsTheDefinition(Double.self)
  }

  @Test func edgeCasesKnownAndImproperPriors() {
    // A known quantity (σ² = 0) ignores evidence.
    let known = ScalarGaussian(mean: 1.0, variance: 0).updated(with: QuadraticEvidence(gradient: 5, curvature: 2))
    #expect(known == ScalarGaussian(mean: 1, variance: 0))
    // An improper prior (σ² = ∞) takes the evidence's precision.
    let flat = ScalarGaussian(mean: 0.0, variance: .infinity).updated(with: .observation(3, noiseVariance: 2, priorMean: 0))
    #expect(flat.variance == 2 && flat.mean == 3)
  }
}
