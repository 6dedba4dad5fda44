import Models
import Optimizers
import RealModule
import TestSupport
import Testing

/// |Δ| of every step of an optimizer on a 1-parameter gradient sequence
/// (read from the update form, so no subtraction of parameters rounds it).
private func stepSizes<T: GradientTransformation>(_ transform: T, _ gradients: [Double]) -> [Double] where T.Scalar == Double {
  var theta = [0.0], state = transform.initialState(for: theta), sizes: [Double] = []
  for g in gradients {
    var u = [g]
    transform.update(&u, state: &state, parameters: theta)
    theta[0] += u[0]
    sizes.append(abs(u[0]))
  }
  return sizes
}

/// ε = 1e-300 instead of 0, so that steps before the first non-zero gradient
/// are 0/1e-300 = 0 rather than 0/0; it changes no other step measurably.
private let tinyEpsilon = 1e-300

// Kingma & Ba §2.1 state |Δ| ≤ α(1 − β₁)/√(1 − β₂) when (1 − β₁) > √(1 − β₂),
// and |Δ| ≤ α otherwise, and §7.1 |Δ| ≤ α for AdaMax. The first bound holds
// for the sparse case (one non-zero gradient), which is the case the text
// discusses; for arbitrary sequences Cauchy–Schwarz gives the larger
//   |Δₜ| ≤ α·(1 − β₁)/√(1 − β₂)·√(Σ_{j<t}(β₁²/β₂)^j)·√(1 − β₂ᵗ)/(1 − β₁ᵗ),
// attained by gradients growing like (β₂/β₁)^k. These tests check the bounds
// as they actually hold, with ε ≈ 0.
@Suite("Adam and AdaMax step bounds", .tags(.limit))
struct StepBoundTests {
  let alpha = 1e-3, beta1 = 0.9, beta2 = 0.999

  @Test func sparseSpikeObeysThePaperBound() {
    // A single gradient at step s after zeros: the worst case of §2.1.
    let bound = alpha * (1 - beta1) / (1 - beta2).squareRoot()
    var largest = 0.0
    for spike in [0, 9, 99, 999, 2999] {
      let gs = (0..<3000).map { $0 == spike ? 5.0 : 0 }
      let sizes = stepSizes(Adam<Double>(learningRate: alpha, epsilon: tinyEpsilon), gs)
      largest = max(largest, sizes.dropFirst(spike).max() ?? 0)
      #expect(sizes.allSatisfy { $0 <= bound * (1 + 4 * Double.ulpOfOne) })
    }
    // The bound is approached: a late spike reaches α(1 − β₁)/√(1 − β₂)·√(1 − β₂ᵗ).
    #expect(largest >= bound * (1 - Double.pow(beta2, 3000)).squareRoot() * (1 - 1e-12))
  }

  @Test func denseConstantGradientsTakeStepsOfAlpha() {
    // m̂ = g and v̂ = g² in exact arithmetic: |Δ| = α for every step. The
    // moments are accumulated with rounding over t steps, so the ratio carries
    // a relative error of a few ulps per step of memory (≤ 1/(1 − β₁) = 10).
    let sizes = stepSizes(Adam<Double>(learningRate: alpha, epsilon: tinyEpsilon), [Double](repeating: -3, count: 500))
    for size in sizes { #expect(abs(size - alpha) <= 64 * Double.ulpOfOne * alpha) }
  }

  /// The Cauchy–Schwarz bound on |Δₜ| for every t = 1…n, computed incrementally.
  func cauchySchwarzBounds(_ n: Int) -> [Double] {
    let ratio = beta1 * beta1 / beta2
    var sum = 0.0, power = 1.0, bounds: [Double] = []
    for t in 1...n {
      sum += power
      power *= ratio
      bounds.append(
        alpha * (1 - beta1) / (1 - beta2).squareRoot() * sum.squareRoot()
          * (1 - Double.pow(beta2, Double(t))).squareRoot() / (1 - Double.pow(beta1, Double(t))))
    }
    return bounds
  }

  @Test func adversarialSequencesAttainTheCauchySchwarzBound() {
    // Gradients g_k ∝ (β₂/β₁)^k (older ones smaller) make step t reach the bound.
    let t = 5000
    let growing = (0..<t).map { Double.pow(beta2 / beta1, Double($0 - t)) }
    let last = stepSizes(Adam<Double>(learningRate: alpha, epsilon: tinyEpsilon), growing).last!
    let bound = cauchySchwarzBounds(t).last!
    #expect(abs(last - bound) <= 1e-12 * bound)
    // …which is 2.3× the paper's α(1 − β₁)/√(1 − β₂) at these β.
    #expect(last > 2.2 * alpha * (1 - beta1) / (1 - beta2).squareRoot())
  }

  @Test func randomSequencesStayBelowTheCauchySchwarzBound() {
    var rng = SplitMix64(seed: 7)
    let noise = (0..<2000).map { _ in rng.nextGaussian() * Double.exp(2 * rng.nextGaussian()) }
    let sizes = stepSizes(Adam<Double>(learningRate: alpha, epsilon: tinyEpsilon), noise)
    for (size, bound) in zip(sizes, cauchySchwarzBounds(noise.count)) { #expect(size <= bound * (1 + 1e-12)) }
  }

  @Test func adamaxStepIsBoundedByAlphaUpToTheDecayOfU() {
    // AdaMax: |m_t| ≤ (1 − β₁)Σ_{j<t} β₁^j|g_{t−j}| and u_t ≥ β₂^j|g_{t−j}|, so
    // |Δₜ| ≤ α(1 − β₁)Σ_{j<t}(β₁/β₂)^j/(1 − β₁ᵗ): α exactly for β₂ = 1, and
    // at most α(1 − β₁)/(1 − β₁/β₂) = 1.0091α at the defaults.
    let t = 2000
    func bound(_ n: Int) -> Double {
      alpha * (1 - beta1) * (0..<n).reduce(0.0) { $0 + Double.pow(beta1 / beta2, Double($1)) } / (1 - Double.pow(beta1, Double(n)))
    }
    var rng = SplitMix64(seed: 8)
    let sequences: [[Double]] = [
      (0..<t).map { _ in rng.nextGaussian() * Double.exp(3 * rng.nextGaussian()) },
      (0..<t).map { Double.pow(1 / beta2, Double($0)) },  // growing just fast enough to keep u = |g|
      (0..<t).map { $0 == 700 ? 1 : 0 },
    ]
    for gs in sequences {
      for (k, size) in stepSizes(Adamax<Double>(learningRate: alpha, epsilon: tinyEpsilon), gs).enumerated() {
        #expect(size <= bound(k + 1) * (1 + 1e-12))
      }
    }
    #expect(bound(t) <= alpha * (1 - beta1) / (1 - beta1 / beta2) * (1 + 1e-12))
    #expect(bound(t) > alpha)
  }
}
