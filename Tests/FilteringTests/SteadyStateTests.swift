import Filtering
import RealModule
import TestSupport
import Testing

/// Iterates predict∘update with constant curvature from the prior variance
/// until the variance stops changing, and returns it with the map's slope
/// ρ = f′(s) at the end (f(s) = (a²s + q)/(1 + λ(a²s + q))).
private func iteratedPosteriorVariance(_ t: ScalarTransition<Double>, curvature lambda: Double) -> (variance: Double, slope: Double) {
  var belief = ScalarGaussian(mean: 0.0, variance: t.stationaryVariance ?? 1)
  for _ in 0..<400_000 {
    let next = belief.predicted(by: t).updated(with: QuadraticEvidence(gradient: 0, curvature: lambda))
    if next.variance == belief.variance { break }
    belief = next
  }
  let prior = t.scale * t.scale * belief.variance + t.noiseVariance
  let slope = t.scale * t.scale / ((1 + lambda * prior) * (1 + lambda * prior))
  return (belief.variance, slope)
}

private let eta = 1e-3
private let sigma2 = 0.1 / 128
private let ou = ScalarTransition.ornsteinUhlenbeck(stepVariance: eta * eta, stationaryVariance: sigma2)
private let paper = ScalarTransition.paper(stepVariance: eta * eta, stationaryVariance: sigma2)

@Suite("SteadyState: exact Riccati root and Eq. 20")
struct SteadyStateTests {
  @Test(.tags(.property), arguments: [0.0, 1e-2, 1, 100, 1e4, 1e6])
  func theIteratedFilterConvergesToTheExactRoot(lambda: Double) {
    for transition in [ou, paper] {
      let exact = SteadyState.exactPosteriorVariance(transition: transition, curvature: lambda)
      let (iterated, slope) = iteratedPosteriorVariance(transition, curvature: lambda)
      // [AB-SS] Each step rounds by ~4ε; a contraction of slope ρ accumulates
      // that to 4ε/(1 − ρ) at its fixed point. The root's own evaluation adds
      // ~8ε amplified by the same conditioning.
      let tolerance = 12 * Double.ulpOfOne / (1 - slope)
      #expect(relativeDifference(iterated, exact) <= tolerance, "λ = \(lambda), tolerance \(tolerance)")
    }
  }

  @Test(.tags(.reference), arguments: [
    (1.0, 5.471160e-4, 5.472658e-4), (10.0, 9.336559e-5, 9.380459e-5), (100.0, 9.454747e-6, 9.936205e-6),
  ])
  func valuesFromTheAlgorithmsReference(g: Double, exact: Double, eq20: Double) {
    // [AB-SS] and [AB-FP] against algorithms.md §1.3 (η = 1e-3, σ² = 0.1/128, OU prior, summed-loss g),
    // printed to 7 significant digits: half a unit in the 7th digit is at most
    // 5e-7 relative.
    let printed = 5e-7
    #expect(relativeDifference(SteadyState.exactPosteriorVariance(transition: ou, curvature: g * g), exact) <= printed)
    #expect(relativeDifference(SteadyState.fixedPointVariance(learningRate: eta, priorVariance: sigma2, meanSquaredGradient: g * g), eq20) <= printed)
  }

  @Test(.tags(.limit), arguments: [1e-2, 1, 100, 1e4, 1e6])
  func eq20IsHighByTheDerivedGap(lambda: Double) {
    // [AB-FP-GAP] Eq. 20 drops +λ in the linear coefficient of the precision
    // quadratic and the −1/(2σ²) correction of a²/(σ²(1 − a²)); to first order
    // the precisions differ by λ/2, so (s_Eq20 − s_exact)/s_exact = λs/2 + R.
    // The remainder has a second-order part ≤ (λs)² and, from the next term of
    // a²/(1 − a²) = 1/r − 1/2 + r/12 − … (r = η²/σ²), a part λs·r/12; the
    // bound takes twice the latter.
    let exact = SteadyState.exactPosteriorVariance(transition: ou, curvature: lambda)
    let fixedPoint = SteadyState.fixedPointVariance(learningRate: eta, priorVariance: sigma2, meanSquaredGradient: lambda)
    let gap = (fixedPoint - exact) / exact
    let firstOrder = lambda * exact / 2
    let r = eta * eta / sigma2
    #expect(abs(gap - firstOrder) <= (lambda * exact) * (lambda * exact) + lambda * exact * r / 6 + 1e-12)
  }

  @Test(.tags(.property))
  func noEvidenceGivesThePriorVariance() {
    // λ = 0: the root is the stationary variance, σ² for the OU prior.
    #expect(relativeDifference(SteadyState.exactPosteriorVariance(transition: ou, curvature: 0), sigma2) <= 1e-12)
    #expect(SteadyState.fixedPointVariance(learningRate: eta, priorVariance: sigma2, meanSquaredGradient: 0) == sigma2)
  }

  @Test(.tags(.reference), arguments: [
    (1e-3, 9.99500e-4), (1e-2, 9.950125e-3), (0.1, 0.09512492), (0.5, 0.3903882), (1, 0.6180340),
    (2, 0.8284271), (10, 0.9901951), (100, 0.9999000), (1e3, 0.999999),
  ])
  func normalisedCurveMatchesTheTable(u: Double, f: Double) {
    // algorithms.md §1.3 table, 7 significant digits (≤ 5e-7 relative; the
    // last entry is printed to 6 digits, ≤ 5e-6).
    let tolerance = u == 1e3 ? 5e-6 : 5e-7
    #expect(relativeDifference(SteadyState.normalizedFixedPointVariance(u), f) <= tolerance)
    // The normalised form is the unnormalised one with η/√⟨g²⟩ = uσ².
    let g2 = (eta / (u * sigma2)) * (eta / (u * sigma2))
    let direct = SteadyState.fixedPointVariance(learningRate: eta, priorVariance: sigma2, meanSquaredGradient: g2) / sigma2
    #expect(relativeDifference(direct, SteadyState.normalizedFixedPointVariance(u)) <= 16 * Double.ulpOfOne)
  }

  @Test(.tags(.property))
  func goldenRatioAndSilverPoints() {
    // f(1) = 2/(1 + √5), f(2) = 2(√2 − 1); the curve never touches min(1, u).
    #expect(abs(SteadyState.normalizedFixedPointVariance(1.0) - 2 / (1 + 5.0.squareRoot())) <= 2 * Double.ulpOfOne)
    #expect(abs(SteadyState.normalizedFixedPointVariance(2.0) - 2 * (2.0.squareRoot() - 1)) <= 2 * Double.ulpOfOne)
    for u in [1e-6, 0.3, 1, 3, 1e6] { #expect(SteadyState.normalizedFixedPointVariance(u) < min(1, u)) }
    #expect(SteadyState.normalizedFixedPointVariance(Double.infinity) == 1)
    #expect(SteadyState.normalizedFixedPointVariance(Float(1e30)) == 1)
  }

  @Test(.tags(.limit), arguments: [1e-6, 1e-3, 1e-1])
  func lowDataLimitIsSGD(g2: Double) {
    // [AB-LIM-SGD] ⟨g²⟩ → 0: σ²₊ → σ² with relative gap σ⁴⟨g²⟩/η² (1 + O(σ⁴⟨g²⟩/η²)).
    let s = SteadyState.fixedPointVariance(learningRate: eta, priorVariance: sigma2, meanSquaredGradient: g2)
    let predicted = sigma2 * sigma2 * g2 / (eta * eta)
    let gap = (sigma2 - s) / sigma2
    #expect(abs(gap - predicted) <= 2 * predicted * predicted + 8 * Double.ulpOfOne)
  }

  @Test(.tags(.limit), arguments: [1e8, 1e10, 1e12])
  func highDataLimitIsAdam(g2: Double) {
    // [AB-LIM-ADAM] ⟨g²⟩ → ∞: σ²₊ → η/√⟨g²⟩ with relative gap η/(2σ²√⟨g²⟩) (1 + O(that)).
    let s = SteadyState.fixedPointVariance(learningRate: eta, priorVariance: sigma2, meanSquaredGradient: g2)
    let adam = eta / g2.squareRoot()
    let predicted = eta / (2 * sigma2 * g2.squareRoot())
    let gap = (adam - s) / adam
    #expect(abs(gap - predicted) <= 2 * predicted * predicted + 8 * Double.ulpOfOne)
  }

  @Test(.tags(.limit))
  func infinitePriorVarianceIsExactlyAdam() {
    // [AB-LIM-ADAMW] σ² = ∞ (Eq. 26): 1/σ²₊ = √⟨g²⟩/η exactly.
    for g2 in [1e-4, 1.0, 1e6] {
      let p = SteadyState.fixedPointPrecision(learningRate: eta, priorVariance: .infinity, meanSquaredGradient: g2)
      #expect(p == (g2 / (eta * eta)).squareRoot())
    }
  }
}
