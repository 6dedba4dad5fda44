import Experiments
import Optimizers
import Training
import TestSupport
import Testing

@Suite("Adam and AdaMax step bounds on adversarial sequences")
struct AdamStepBoundsTests {
  let bound = StepBound()
  /// Rounding: the moments and the bound's own sum Sₜ are recursions that carry
  /// about an ulp a step over a memory of ≈ 1/(1 − β₁/β₂) ≈ 10 steps each.
  let roundoff = 64 * Double.ulpOfOne

  @Test("every step stays within its bound, with ε = 1e-8 included exactly", .tags(.property))
  func boundsHoldWithEpsilon() {
    // [OPT-ADAM-BOUND] |Δₜ| ≤ α·CSₜ·√v̂ₜ/(√v̂ₜ + ε); [OPT-ADAMAX-BOUND] |Δₜ| ≤ α(1 − β₁)/(1 − β₁ᵗ)·Sₜ.
    for sequence in GradientSequence.catalogue(steps: 3000, seed: 7) {
      let adam = StepTrace.adam(sequence), adamax = StepTrace.adamax(sequence)
      #expect(adam.largestFractionOfBound <= 1 + roundoff, "Adam on \(sequence.name)")
      #expect(adamax.largestFractionOfBound <= 1 + roundoff, "AdaMax on \(sequence.name)")
      #expect(adam.largest.ratio <= bound.adamSupremum * (1 + roundoff))
      #expect(adamax.largest.ratio <= bound.adamaxSupremum * (1 + roundoff))
    }
  }

  @Test("the paper's bounds: tight for a lone spike, exceeded by growing (Adam) and decaying (AdaMax) gradients", .tags(.property))
  func paperBoundsAsMeasured() {
    // A spike at step t after zeros: |Δ|/α = (1 − β₁)/(1 − β₁ᵗ)·√(1 − β₂ᵗ)/√(1 − β₂) (ε/√v̂ ≈ 3e-7 relative).
    let spike = StepTrace.adam(.spike(at: 4000, steps: 4000))
    #expect(abs(spike.largest.ratio / bound.sparseAdam(step: 4000) - 1) <= 1e-6)
    #expect(spike.largest.ratio <= bound.paperAdam && spike.largest.ratio > 0.99 * bound.paperAdam)
    // One-signed gradients growing like (β₂/β₁)ᵏ reach the Cauchy–Schwarz value at their last
    // step (its √(1 − β₂ᵗ) is 0.975 at t = 3000), 2.3× the paper's bound as t grows.
    let growing = StepTrace.adam(.geometric(ratio: bound.beta2 / bound.beta1, steps: 3000, name: "growing"))
    #expect(abs(growing.largest.ratio / bound.adam(step: 3000) - 1) <= 1e-6)
    #expect(growing.largest.ratio > 2.2 * bound.paperAdam && bound.adamSupremum > 2.29 * bound.paperAdam)
    // AdaMax: |Δ| ≤ α fails by (1 − β₁)/(1 − β₁/β₂) − 1 = 0.91 % for gradients decaying like β₂ᵏ.
    let decaying = StepTrace.adamax(.geometric(ratio: bound.beta2, steps: 3000, name: "decaying"))
    #expect(abs(decaying.largest.ratio / bound.adamaxSupremum - 1) <= 1e-6)
    #expect(decaying.largest.ratio > 1.009)
    // A constant gradient g takes steps of α|g|/(|g| + ε); at |g| = ε, α/2.
    #expect(abs(StepTrace.adam(.constant(-3, steps: 500)).largest.ratio - 3 / (3 + 1e-8)) <= 1e-13)
    #expect(abs(StepTrace.adam(.constant(1e-8, steps: 500)).ratios[499] - 0.5) <= 1e-6)
  }

  @Test("the bound formulas: closed forms at β = (0.9, 0.999)", .tags(.property))
  func closedForms() {
    #expect(abs(bound.paperAdam - 0.1 / 0.001.squareRoot()) <= 4 * Double.ulpOfOne * bound.paperAdam)
    #expect(StepBound(beta1: 0.9, beta2: 0.99).paperAdam == 1)  // (1 − β₁) = √(1 − β₂): the "else α" case
    #expect(abs(bound.adam(step: 1) - 1) <= 1e-15)
    #expect(abs(bound.adam(step: 100_000) - bound.adamSupremum) <= 1e-12 * bound.adamSupremum)
    #expect(abs(bound.adamSupremum / bound.paperAdam - 1 / (1 - 0.81 / 0.999).squareRoot()) <= 1e-14)
    #expect(abs(bound.adamaxSupremum - 0.1 / (1 - 0.9 / 0.999)) <= 1e-15)
  }
}

@Suite("Adam and AdaMax step sizes in real training")
struct TrainingStepSizeTests {
  @Test("no step of a digits MLP exceeds the Cauchy–Schwarz bound (Adam) or (1 − β₁)/(1 − β₁/β₂)·α (AdaMax)", .tags(.property))
  func realTrainingStaysWithinTheBounds() throws {
    // The notebook measures, on the mnist5k MLP over 10 epochs, max |Δ|/α = 3.32
    // for Adam (3 of 1.9e8 parameter-steps above the paper's 3.16, none near the
    // Cauchy–Schwarz 7.27) and 1.0005 for AdaMax. Here a smaller net on digits,
    // 5 epochs, for a debug build; the paper's bound is not asserted, since real
    // training can exceed it.
    let bound = StepBound()
    var training = TrainingStepSizes()
    training.layerSizes = [64, 64, 10]
    training.data = DataSource("digits")
    training.epochs = 5
    training.batchSize = 32
    let data = try PreparedData<Float>.load(training.data, seed: 0, dataDirectory: Repository.root + "/Data")
    let adam = try training.measure(Adam<Float>(learningRate: 1e-3), learningRate: 1e-3, thresholds: [1, bound.adamSupremum], seed: 0, data: data)
    let adamax = try training.measure(Adamax<Float>(learningRate: 2e-3), learningRate: 2e-3, thresholds: [1, bound.adamaxSupremum], seed: 0, data: data)
    #expect(adam.histogram.total == 5 * 45 * 4_810)
    #expect(adam.histogram.countsAbove[1] == 0 && adam.histogram.largest > 1)
    #expect(adamax.histogram.countsAbove[1] == 0)
    #expect(adam.histogram.quantile(0.5) < 1 && adam.testAccuracy > 0.9 && adamax.testAccuracy > 0.9)
  }
}
