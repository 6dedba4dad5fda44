import Filtering
import Models
import Optimizers
import RealModule
import TestSupport
import Testing

/// SGD with bias-corrected EMA momentum, θ ← θ − η·m̂ — the low-data limit
/// of AdaBayes and AdaBayes-FP. A plain reference, written out here.
private func emaMomentumSGD(rate: Double, beta1: Double, gradients: [[Double]], start: [Double]) -> [[Double]] {
  var theta = start, m = [Double](repeating: 0, count: start.count)
  var path = [start]
  for (t, g) in gradients.enumerated() {
    let bc1 = 1 - Double.pow(beta1, Double(t + 1))
    for i in theta.indices {
      m[i] = beta1 * m[i] + (1 - beta1) * g[i]
      theta[i] -= rate * m[i] / bc1
    }
    path.append(theta)
  }
  return path
}

/// A seeded stream of mean-loss gradients of a given scale.
private func gradientStream(steps: Int, dimension: Int, scale: Double, seed: UInt64) -> [[Double]] {
  var rng = SplitMix64(seed: seed)
  return (0..<steps).map { _ in (0..<dimension).map { _ in scale * (0.5 + rng.nextGaussian()) } }
}

/// Runs a transform on a gradient stream and returns the path θ₀ … θ_T.
private func path<T: GradientTransformation>(_ transform: T, _ gradients: [[Double]], start: [Double]) throws -> [[Double]]
where T.Scalar == Double, T: LearningRateScheduled {
  var optimizer = Optimizer(transform, parameters: start)
  var out = [start]
  for g in gradients {
    try optimizer.step(gradient: g)
    out.append(optimizer.parameters)
  }
  return out
}

/// max over the path of |θ − θ_ref|, and Σ_t max_i |step_ref| for scaling a relative gap.
private func gapAndTravel(_ a: [[Double]], _ reference: [[Double]]) -> (gap: Double, travel: Double) {
  var gap = 0.0, travel = 0.0
  for t in 1..<reference.count {
    gap = max(gap, maximumAbsoluteDifference(a[t], reference[t]))
    travel += maximumAbsoluteDifference(reference[t], reference[t - 1])
  }
  return (gap, travel)
}

@Suite("AdaBayes and AdaBayes-FP limits", .tags(.limit))
struct AdaBayesLimitTests {
  let start = [0.3, -0.2, 1.0, 0.0]
  let steps = 300

  @Test(arguments: [1e-4, 1e-3])
  func fixedPointTendsToSGDWithEMAMomentumAsGradientsVanish(scale: Double) throws {
    // [AB-LIM-SGD] σ²_post = σ²(1 − σ⁴⟨G²⟩/η² + …): each step is the SGD step
    // (rate η_SGD = Bσ²) shrunk by at most σ⁴·max⟨G²⟩/η². Summed over the
    // path, |θ − θ_SGD| ≤ (Σ|Δθ_SGD|)·σ⁴·max⟨G²⟩/η²·(1 + that), with ε = 0.
    let (eta, sgd, batch) = (1e-2, 0.1, 8)
    let gradients = gradientStream(steps: steps, dimension: 4, scale: scale, seed: 1)
    let fp = AdaBayesFixedPoint<Double>(learningRate: eta, sgdLearningRate: sgd, batchSize: batch, epsilon: 0, weightDecay: 0)
    let ours = try path(fp, gradients, start: start)
    let reference = emaMomentumSGD(rate: sgd, beta1: 0.9, gradients: gradients, start: start)
    let sigma2 = sgd / Double(batch)
    // The largest bias-corrected ⟨G²⟩ of the summed gradient G = B·g along the path.
    var v = [Double](repeating: 0, count: 4), maxMeanSquare = 0.0
    for (t, g) in gradients.enumerated() {
      for i in 0..<4 { v[i] = 0.999 * v[i] + 0.001 * Double(batch * batch) * g[i] * g[i] }
      maxMeanSquare = max(maxMeanSquare, v.max()! / (1 - Double.pow(0.999, Double(t + 1))))
    }
    let relative = sigma2 * sigma2 * maxMeanSquare / (eta * eta)
    let (gap, travel) = gapAndTravel(ours, reference)
    #expect(gap <= travel * relative * (1 + relative) + 1e-15, "gap \(gap), bound \(travel * relative)")
  }

  @Test func sgdGapShrinksAsTheCubeOfTheGradientScale() throws {
    // The SGD step is ∝ scale and its relative gap ∝ ⟨G²⟩ ∝ scale², so the
    // absolute gap is ∝ scale³: a tenfold smaller gradient, a 1000-fold smaller
    // gap (to first order; the next term is ~σ⁴⟨G²⟩/η² ≈ 1e-6 relative).
    func gap(_ scale: Double) throws -> Double {
      let gradients = gradientStream(steps: steps, dimension: 4, scale: scale, seed: 1)
      let fp = AdaBayesFixedPoint<Double>(learningRate: 1e-2, sgdLearningRate: 0.1, batchSize: 8, epsilon: 0, weightDecay: 0)
      return gapAndTravel(try path(fp, gradients, start: start), emaMomentumSGD(rate: 0.1, beta1: 0.9, gradients: gradients, start: start)).gap
    }
    let ratio = try gap(1e-3) / gap(1e-4)
    #expect(abs(ratio / 1000 - 1) < 0.01, "ratio \(ratio)")
  }

  @Test func adamGapShrinksInverselyWithTheGradientScale() throws {
    // Adam's step is scale-invariant and the relative gap ∝ 1/√⟨G²⟩ ∝ 1/scale,
    // so a tenfold larger gradient gives a tenfold smaller gap. The next term
    // is ηh/(2√⟨G²⟩) relative (h = 1/(2σ²)); early steps with a near-zero
    // gradient make √⟨G²⟩ as small as ~B·scale/100, i.e. ~2.5e-3 at scale 10³.
    func gap(_ scale: Double) throws -> Double {
      let gradients = gradientStream(steps: steps, dimension: 4, scale: scale, seed: 2)
      let fp = AdaBayesFixedPoint<Double>(learningRate: 1e-2, sgdLearningRate: 0.1, batchSize: 8, epsilon: 0, weightDecay: 0)
      return gapAndTravel(try path(fp, gradients, start: start), try path(Adam<Double>(learningRate: 1e-2, epsilon: 0), gradients, start: start)).gap
    }
    let ratio = try gap(1e3) / gap(1e4)
    #expect(abs(ratio / 10 - 1) < 0.01, "ratio \(ratio)")
  }

  @Test(arguments: [1e2, 1e3])
  func fixedPointTendsToAdamAsGradientsGrow(scale: Double) throws {
    // [AB-LIM-ADAM] σ²_post = (η/√⟨G²⟩)(1 − η/(2σ²√⟨G²⟩) + …): each step is
    // Adam's (ε = 0, rate η, mean-loss gradients) shrunk by at most
    // η/(2σ²√min⟨G²⟩).
    let (eta, sgd, batch) = (1e-2, 0.1, 8)
    let gradients = gradientStream(steps: steps, dimension: 4, scale: scale, seed: 2)
    let fp = AdaBayesFixedPoint<Double>(learningRate: eta, sgdLearningRate: sgd, batchSize: batch, epsilon: 0, weightDecay: 0)
    let adam = Adam<Double>(learningRate: eta, epsilon: 0)
    let ours = try path(fp, gradients, start: start)
    let reference = try path(adam, gradients, start: start)
    var v = [Double](repeating: 0, count: 4), minMeanSquare = Double.infinity
    for (t, g) in gradients.enumerated() {
      for i in 0..<4 { v[i] = 0.999 * v[i] + 0.001 * Double(batch * batch) * g[i] * g[i] }
      minMeanSquare = min(minMeanSquare, v.min()! / (1 - Double.pow(0.999, Double(t + 1))))
    }
    let sigma2 = sgd / Double(batch)
    let relative = eta / (2 * sigma2 * minMeanSquare.squareRoot())
    let (gap, travel) = gapAndTravel(ours, reference)
    #expect(gap <= travel * relative * (1 + relative) + 1e-15, "gap \(gap), bound \(travel * relative)")
  }

  @Test func fixedPointIsExactlyAdamWAsPriorVarianceGoesToInfinity() throws {
    // [AB-LIM-ADAMW] Eq. 26: σ² = ∞ gives 1/σ²_post = √⟨G²⟩/η exactly. With
    // the paper's decay (1 − λ) before the step and ε = 0 this is torch's
    // AdamW with lr·weight_decay = λ and ε = 0; only rounding differs.
    let (eta, lambda) = (1e-2, 1e-3)
    let gradients = gradientStream(steps: steps, dimension: 4, scale: 1, seed: 3)
    for batch in [1, 32] {
      let fp = AdaBayesFixedPoint<Double>(
        learningRate: eta, sgdLearningRate: .infinity, batchSize: batch, epsilon: 0, weightDecay: lambda, variant: .paper)
      let adamW = Adam<Double>.adamW(learningRate: eta, epsilon: 0, weightDecay: lambda / eta)
      let (gap, _) = gapAndTravel(try path(fp, gradients, start: start), try path(adamW, gradients, start: start))
      // Round-off: a few ulps per step on O(1) parameters over 300 steps.
      #expect(gap <= 1e-13, "B = \(batch): gap \(gap)")
    }
  }

  @Test(arguments: [1, 32, 128, 1024])
  func fixedPointIsAdamWithAPrincipledEpsilon(batch: Int) throws {
    // [AB-FP-ADAM] In mean-loss gradients AdaBayes-FP is Adam with rate η,
    // ε_out = η/(2η_SGD) outside the √ and ε_out² + ε/B² inside; B cancels.
    let (eta, sgd, eps) = (1e-3, 0.1, 1e-8)
    let gradients = gradientStream(steps: steps, dimension: 4, scale: 0.05, seed: 4)
    let fp = AdaBayesFixedPoint<Double>(learningRate: eta, sgdLearningRate: sgd, batchSize: batch, epsilon: eps, weightDecay: 0)
    let epsOut = eta / (2 * sgd)
    let adam = Adam<Double>(
      learningRate: eta, epsilon: epsOut, epsilonRoot: epsOut * epsOut + eps / Double(batch * batch))
    let (gap, travel) = gapAndTravel(try path(fp, gradients, start: start), try path(adam, gradients, start: start))
    // Round-off relative to the distance travelled (algorithms.md §1.6 measured ≤ 3e-16 relative).
    #expect(gap <= 1e-13 * max(travel, 1e-3), "gap \(gap), travel \(travel)")
  }
}
