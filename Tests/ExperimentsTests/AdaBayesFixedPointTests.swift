import Experiments
import Filtering
import Models
import Optimizers
import TestSupport
import Testing
import Training

@Suite("AdaBayesFixedPoint notebook")
struct AdaBayesFixedPointTests {
  @Test(.tags(.limit), arguments: [0.01, 0.1, 1, 10])
  func theOptimizerRelaxesToTheExactFixedPointWithinTheConcavityBound(u: Double) throws {
    // [AB-RELAX] The optimizer starts at σ²_post = σ² ≥ s* and applies
    // f(s) = p/(1 + G²p), p = a²s + q, once per step. f is increasing and
    // concave, so 0 ≤ s_t − s* ≤ ρᵗ(σ² − s*) with ρ = f′(s*): the gap must be
    // non-negative and under the bound at every step. Round-off: each step
    // adds a few ulps relative, which the contraction sums to at most
    // 8ε/(1 − ρ) (as in SteadyStateTests). A filter with any other fixed
    // point — the paper's prior instead of the reference OU, say, which moves
    // s* by O(η²/σ²) = 1e-3 — fails the bound once ρᵗ is below that.
    let driver = SyntheticFilterDriver(ratios: [u])
    let steps = 10_000
    let trace = try driver.run(steps: steps, recordAt: Array(1...steps), seed: 1)
    let relaxation = driver.relaxation(u)
    let roundOff = 8 * Double.ulpOfOne / (1 - relaxation.contraction)
    for (j, t) in trace.steps.enumerated() {
      let gap = trace.overExact[0][j] - 1
      let bound = relaxation.gapBound(after: t, from: driver.priorVariance)
      #expect(gap >= -roundOff, "u = \(u), step \(t): σ²_post fell below s* by \(-gap)")
      #expect(gap <= bound + roundOff, "u = \(u), step \(t): gap \(gap) above the bound \(bound)")
    }
    // The bound is not vacuous: after 10 000 steps (≥ 10 relaxation times τ ≤
    // σ²/η² = 1000) it is below 1e-6, so the optimizer has reached the exact
    // root, not merely approached it.
    #expect(relaxation.gapBound(after: steps, from: driver.priorVariance) < 1e-6)
  }

  @Test(.tags(.reference), arguments: [(0.01, 1.0510), (0.03, 1.0166), (0.1, 1.0048), (0.3, 1.0014)])
  func eq20OverTheExactFixedPointMatchesTheBench(u: Double, bench: Double) {
    // The PyTorch bench's Eq. 20 / exact discrete fixed point of the reference
    // recursion (η = 1e-3, σ² = 1e-3), printed to 4 decimals: agreement to
    // half a unit of the last digit, 5e-5.
    let driver = SyntheticFilterDriver(ratios: [u])
    let ratio = driver.eq20(u) / driver.exactFixedPoint(u)
    #expect(abs(ratio - bench) <= 5e-5, "u = \(u): \(ratio) vs \(bench)")
    // [AB-FP-GAP] and to first order it is 1 + λs*/2; the second-order terms
    // are (λs*)² and λs*·η²/σ².
    let g = driver.gradientScale(u), s = driver.exactFixedPoint(u)
    let eta2OverSigma2 = driver.learningRate * driver.learningRate / driver.priorVariance
    #expect(abs((ratio - 1) - g * g * s / 2) <= (g * g * s) * (g * g * s + eta2OverSigma2), "u = \(u)")
  }

  @Test(.tags(.property))
  func theRelaxationTimeIsTheInverseOfOneMinusTheContraction() {
    // [AB-RELAX] τ = 1/(η²(2/s* − 1/σ²)) is 1/(1 − ρ) to first order in η²/σ²
    // and η²/s*: relative difference ≲ η²/s* + η²/σ² (here ≤ 1e-3·(1/f(u) + 1)).
    let driver = SyntheticFilterDriver(ratios: [])
    for u in [0.1, 0.3, 1, 3, 10, 100] {
      let relaxation = driver.relaxation(u)
      let s = relaxation.fixedPoint
      let tau = Relaxation.time(learningRate: driver.learningRate, priorVariance: driver.priorVariance, variance: s)
      let exact = 1 / (1 - relaxation.contraction)
      let eta2 = driver.learningRate * driver.learningRate
      #expect(abs(tau / exact - 1) <= 2 * (eta2 / s + eta2 / driver.priorVariance), "u = \(u): τ \(tau) vs 1/(1 − ρ) \(exact)")
    }
  }

  @Test(.tags(.endToEnd))
  func informativeParametersReachEq20OnARealNetworkAfterTheTransient() throws {
    // Fig. 3 in small: AdaBayes (η = 1e-3, η_SGD = 0.1, B = 100: σ² = 1e-3)
    // trains a 64-32-10 MLP on digits, whose standardised inputs put nearly
    // every parameter in the transition region 0.1 ≤ u ≤ 10. Every σ²_post
    // starts at σ² and relaxes with τ = 1/(η²(2/s* − 1/σ²)) ≤ σ²/η² = 1000
    // steps [AB-RELAX], so after one epoch (15 steps) the informative points
    // are far above Eq. 20, and after 100 epochs (1500 steps, 1.5 τ_max) most
    // are on it. The bands are the claim; measured for seed 0: 2.7 % within
    // 5 % and a median ratio 1.57 after 15 steps, 87.8 % within 5 % and 96.3 %
    // within 10 % after 1500.
    let setup = TrainingSetup(model: .mlp([64, 32, 10]), data: DataSource("digits"), epochs: 100, batchSize: 100)
    let experiment = FixedPointExperiment(setup: setup, snapshotEpochs: [1, 100], dataDirectory: Repository.root + "/Data")
    let run = try experiment.run(seed: 0)
    let early = try #require(run.snapshots.first?.summary), late = try #require(run.snapshots.last?.summary)
    #expect(early.informative.count > 1000 && late.informative.count > 1000, "too few informative parameters to test")
    #expect(early.informative.within5Percent < 0.10)
    #expect(early.ratioMedian > 1.3)
    #expect(late.informative.within5Percent >= 0.80)
    #expect(late.informative.within10Percent >= 0.90)
    // The points approach Eq. 20 from above (σ²_post starts at σ² ≥ s*).
    #expect(late.ratioMedian >= 1 && late.ratioMedian < early.ratioMedian)
  }
}
