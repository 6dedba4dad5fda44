import Filtering
import Models
import Optimizers
import RealModule
import TestSupport
import Testing

@Suite("AdaBayes: the per-parameter filter")
struct AdaBayesFilterTests {
  @Test(.tags(.limit), arguments: [1.0, 10.0, 100.0])
  func constantGradientsDriveTheVarianceToTheExactRootAndNearEq20(g: Double) throws {
    // [AB-SS] With |G| constant the filter's σ²_post converges to the exact
    // Riccati root of its own prior; [AB-FP-GAP] Eq. 20 lies above it by λs/2
    // to first order. η = 1e-3, σ² = 0.1/128 as in algorithms.md §1.3.
    let adabayes = AdaBayes<Double>(learningRate: 1e-3, sgdLearningRate: 0.1, batchSize: 128, weightDecay: 0)
    var optimizer = Optimizer(adabayes, parameters: [0.0, 0.0])
    let meanGradient = g / 128  // G = B·g = ±g
    for t in 0..<60_000 { try optimizer.step(gradient: t % 2 == 0 ? [meanGradient, -meanGradient] : [-meanGradient, meanGradient]) }
    let lambda = g * g
    let exact = SteadyState.exactPosteriorVariance(transition: adabayes.transition, curvature: lambda)
    let relaxation = 1 / (1 - adabayes.transition.scale * adabayes.transition.scale)  // ≤ σ²/η² ≈ 781 steps
    for s in optimizer.posteriorVariances! {
      // 60 000 steps ≫ 77 relaxation times: converged to round-off, ≤ 8ε·τ.
      #expect(relativeDifference(s, exact) <= 8 * Double.ulpOfOne * relaxation)
      let eq20 = SteadyState.fixedPointVariance(learningRate: 1e-3, priorVariance: 0.1 / 128, meanSquaredGradient: lambda)
      let gap = (eq20 - s) / s
      #expect(abs(gap - lambda * s / 2) <= (lambda * s) * (lambda * s) + lambda * s * 1e-3, "g = \(g): gap \(gap)")
    }
  }

  @Test(.tags(.limit))
  func randomGradientsTrackEq20AtTheirMeanSquare() throws {
    // algorithms.md §1.3: with G ~ N(0, sd²) the filter's σ²_post averages to
    // FP(⟨G²⟩) = FP(sd²) up to (i) Eq. 20's own gap λs/2 and (ii) a Jensen
    // bias from averaging 1/(…+G²) over a window of τ ≈ 1/(η²(2P − 1/σ²))
    // steps, of relative size ≲ 2/τ. Measured there: 5.4713e-4 vs 5.4727e-4.
    let eta = 1e-3, sigma2 = 0.1 / 128, sd = 1.0
    let adabayes = AdaBayes<Double>(learningRate: eta, sgdLearningRate: 0.1, batchSize: 128, weightDecay: 0)
    let n = 500
    var optimizer = Optimizer(adabayes, parameters: [Double](repeating: 0, count: n))
    var rng = SplitMix64(seed: 5)
    var sum = 0.0, samples = 0
    for t in 0..<6000 {
      try optimizer.step(gradient: (0..<n).map { _ in sd * rng.nextGaussian() / 128 })
      if t >= 4000, t % 50 == 0 {
        sum += optimizer.posteriorVariances!.reduce(0, +)
        samples += n
      }
    }
    let mean = sum / Double(samples)
    let fp = SteadyState.fixedPointVariance(learningRate: eta, priorVariance: sigma2, meanSquaredGradient: sd * sd)
    let precision = 1 / fp
    let tau = 1 / (eta * eta * (2 * precision - 1 / sigma2))
    let tolerance = fp * (sd * sd * fp / 2 + 2 / tau)
    #expect(abs(mean - fp) <= tolerance, "mean σ²_post \(mean), Eq. 20 \(fp), tolerance \(tolerance)")
  }

  @Test(.tags(.limit))
  func vanishingGradientsGiveSGDWithEMAMomentum() throws {
    // [AB-LIM-SGD] for the per-step filter: with G² ≪ 1/σ² the variance stays at
    // σ²(1 − σ²G²(1 + σ²/η²) + …) and the step is SGD's (rate η_SGD = Bσ², EMA
    // momentum) shrunk by that relative amount.
    let (eta, sgd, batch) = (1e-2, 0.1, 8)
    let sigma2 = sgd / Double(batch)
    var rng = SplitMix64(seed: 6)
    let gradients = (0..<300).map { _ in (0..<3).map { _ in 1e-4 * (0.5 + rng.nextGaussian()) } }
    var optimizer = Optimizer(AdaBayes<Double>(learningRate: eta, sgdLearningRate: sgd, batchSize: batch, weightDecay: 0), parameters: [0, 0, 0])
    var theta = [0.0, 0.0, 0.0], m = [0.0, 0.0, 0.0]
    var gap = 0.0, travel = 0.0, maxG2 = 0.0
    for (t, g) in gradients.enumerated() {
      try optimizer.step(gradient: g)
      let bc1 = 1 - Double.pow(0.9, Double(t + 1))
      var stride = 0.0
      for i in 0..<3 {
        m[i] = 0.9 * m[i] + 0.1 * g[i]
        theta[i] -= sgd * m[i] / bc1
        stride = max(stride, abs(sgd * m[i] / bc1))
        maxG2 = max(maxG2, Double(batch * batch) * g[i] * g[i])
      }
      travel += stride
      gap = max(gap, maximumAbsoluteDifference(optimizer.parameters, theta))
    }
    let relative = sigma2 * maxG2 * (1 + sigma2 / (eta * eta))
    #expect(gap <= travel * relative * (1 + relative) + 1e-18, "gap \(gap), bound \(travel * relative)")
  }

  @Test(.tags(.property))
  func zeroGradientsKeepThePriorVarianceAndParameters() throws {
    // The OU prior's stationary variance is σ², so with no evidence σ²_post
    // stays at σ² (to the rounding of a, amplified by 1/(1 − a²)) and, with
    // no weight decay, θ does not move.
    let adabayes = AdaBayes<Double>(learningRate: 1e-3, sgdLearningRate: 0.1, batchSize: 100, weightDecay: 0)
    var optimizer = Optimizer(adabayes, parameters: [1.0, -2.0])
    for _ in 0..<1000 { try optimizer.step(gradient: [0, 0]) }
    #expect(optimizer.parameters == [1.0, -2.0])
    let sigma2 = 0.1 / 100
    let tolerance = 4 * Double.ulpOfOne / (1 - adabayes.transition.scale * adabayes.transition.scale)
    for s in optimizer.posteriorVariances! { #expect(relativeDifference(s, sigma2) <= tolerance) }
  }
}
