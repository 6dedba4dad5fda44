import Models
import Optimizers
import RealModule
import TestSupport
import Testing

/// A seeded gradient stream, the same for every transform compared.
private func gradients(_ steps: Int, _ n: Int, seed: UInt64, scale: Double = 1) -> [[Double]] {
  var rng = SplitMix64(seed: seed)
  return (0..<steps).map { _ in (0..<n).map { _ in scale * rng.nextGaussian() } }
}

/// The path θ₁ … θ_T of a transform applied in place (the fused form).
private func applied<T: GradientTransformation>(_ t: T, _ gs: [[Double]], start: [Double]) -> [[Double]] where T.Scalar == Double {
  var theta = start, state = t.initialState(for: start), out: [[Double]] = []
  for g in gs {
    t.apply(gradient: g, to: &theta, state: &state)
    out.append(theta)
  }
  return out
}

/// The path θ₁ … θ_T of a transform used in the optax form: Δ = update(g), θ ← θ + Δ.
private func updated<T: GradientTransformation>(_ t: T, _ gs: [[Double]], start: [Double]) -> [[Double]] where T.Scalar == Double {
  var theta = start, state = t.initialState(for: start), out: [[Double]] = []
  for g in gs {
    var u = g
    t.update(&u, state: &state, parameters: theta)
    for i in theta.indices { theta[i] += u[i] }
    out.append(theta)
  }
  return out
}

private func worstGap(_ a: [[Double]], _ b: [[Double]]) -> Double {
  zip(a, b).map { maximumAbsoluteDifference($0, $1) }.max() ?? 0
}

@Suite("Equivalences between optimizers and forms", .tags(.property))
struct EquivalenceTests {
  let start = [0.5, -1.0, 2.0, 0.1, -0.3]

  /// Every catalogue transform with decay on, so both decay paths are covered.
  static let catalogue: [any GradientTransformation<Double>] = [
    SGD(learningRate: 1e-2, momentum: 0.9, weightDecay: 1e-2, nesterov: true),
    Adam(learningRate: 1e-2, weightDecay: 1e-2, amsgrad: true),
    Adam.adamW(learningRate: 1e-2),
    Adam(learningRate: 1e-2, epsilonRoot: 1e-6),
    Adamax(learningRate: 1e-2, weightDecay: 1e-2),
    NAdam(learningRate: 1e-2, weightDecay: 1e-2, decoupledWeightDecay: true),
    RAdam(learningRate: 1e-2, weightDecay: 1e-2, decoupledWeightDecay: true),
    Adagrad(learningRate: 1e-2, learningRateDecay: 1e-3, weightDecay: 1e-2, initialAccumulatorValue: 0.1),
    RMSprop(learningRate: 1e-3, weightDecay: 1e-2, momentum: 0.9, centered: true),
    Padam(learningRate: 1e-2, weightDecay: 1e-2, partial: 0.125),
    AdaBound(learningRate: 1e-2, weightDecay: 1e-2, amsbound: true),
    AdaBayes(learningRate: 1e-2, sgdLearningRate: 0.05, batchSize: 4, weightDecay: 1e-3),
    AdaBayes(learningRate: 1e-2, sgdLearningRate: 0.05, batchSize: 4, weightDecay: 1e-3, variant: .paper),
    AdaBayesFixedPoint(learningRate: 1e-2, sgdLearningRate: 0.05, batchSize: 4, weightDecay: 1e-3),
    AdaBayesFixedPoint(learningRate: 1e-2, sgdLearningRate: 0.05, batchSize: 4, weightDecay: 1e-3, variant: .paper),
  ]

  @Test(arguments: 0..<catalogue.count)
  func fusedApplyEqualsUpdateThenAdd(index: Int) {
    // One loop writes θ + Δ or Δ; the two differ by the rounding of one
    // addition and of the decay written as θ(1 − ηλ) or −ηλθ: ≤ a few ulps of
    // O(1) parameters per step, compounded over 100 steps.
    func check<T: GradientTransformation>(_ t: T) where T.Scalar == Double {
      let gs = gradients(100, start.count, seed: UInt64(index))
      #expect(worstGap(applied(t, gs, start: start), updated(t, gs, start: start)) <= 1e-13, "\(T.self)")
    }
    check(Self.catalogue[index])
  }

  @Test func adamWWithoutDecayIsBitIdenticalToAdam() {
    let gs = gradients(100, start.count, seed: 10)
    #expect(applied(Adam<Double>.adamW(learningRate: 1e-2, weightDecay: 0), gs, start: start) == applied(Adam<Double>(learningRate: 1e-2), gs, start: start))
  }

  @Test func padamAtOneHalfIsAMSGrad() {
    // [OPT-PADAM] p = ½: m/(√v_max + ε)·√(1 − β₂ᵗ)/(1 − β₁ᵗ) against torch's
    // m/(√v_max/√(1 − β₂ᵗ) + ε)/(1 − β₁ᵗ): equal when ε = 0, up to rounding.
    let gs = gradients(200, start.count, seed: 11)
    let padam = Padam<Double>(learningRate: 1e-2, epsilon: 0, amsgrad: true, partial: 0.5)
    let amsgrad = Adam<Double>(learningRate: 1e-2, epsilon: 0, amsgrad: true)
    #expect(worstGap(applied(padam, gs, start: start), applied(amsgrad, gs, start: start)) <= 1e-13)
  }

  @Test(.tags(.limit))
  func padamTendsToSGDWithEMAMomentumAsPartialVanishes() {
    // p = 0: θ ← θ − η√(1 − β₂ᵗ)/(1 − β₁ᵗ)·m exactly. Small p: the step is
    // scaled by d^(−2p) = 1 − 2p·ln d + …, d = √v_max + ε, so the relative gap
    // is 2p·max|ln d| to first order.
    let gs = gradients(200, start.count, seed: 12, scale: 0.1)
    var theta = start, m = [Double](repeating: 0, count: start.count)
    var reference: [[Double]] = []
    for (t, g) in gs.enumerated() {
      let factor = 1e-2 * (1 - Double.pow(0.999, Double(t + 1))).squareRoot() / (1 - Double.pow(0.9, Double(t + 1)))
      for i in theta.indices {
        m[i] = 0.9 * m[i] + 0.1 * g[i]
        theta[i] -= factor * m[i]
      }
      reference.append(theta)
    }
    #expect(worstGap(applied(Padam<Double>(learningRate: 1e-2, partial: 0), gs, start: start), reference) <= 1e-15)
    let p = 1e-4
    let small = applied(Padam<Double>(learningRate: 1e-2, partial: p), gs, start: start)
    // |ln d| ≤ |ln 1e-8| ≈ 18.4 bounds every d ∈ [ε, 1]; the gap also sums over the path.
    let travel = zip(reference, [start] + reference).map { maximumAbsoluteDifference($0, $1) }.reduce(0, +)
    #expect(worstGap(small, reference) <= travel * 2 * p * 18.5)
  }

  /// [OPT-DECAY] masked decoupled decay, chained after Adam.
  @Test func maskedDecoupledDecayChainEqualsAdamWOnTheMaskedEntries() {
    let gs = gradients(100, start.count, seed: 13)
    let mask = [true, false, true, false, true]
    let chain = Chain(Adam<Double>(learningRate: 1e-2), DecoupledWeightDecay<Double>(learningRate: 1e-2, weightDecay: 0.1, mask: mask))
    let chained = updated(chain, gs, start: start)
    let adamW = applied(Adam<Double>.adamW(learningRate: 1e-2, weightDecay: 0.1), gs, start: start)
    let adam = applied(Adam<Double>(learningRate: 1e-2), gs, start: start)
    for (t, theta) in chained.enumerated() {
      for i in theta.indices {
        // θ(1 − ηλ) − step against θ − ηλθ − step: rounding only.
        let expected = mask[i] ? adamW[t][i] : adam[t][i]
        #expect(abs(theta[i] - expected) <= 1e-14, "step \(t), parameter \(i)")
      }
    }
  }

  /// Chains compose associatively; [OPT-CLIP] leaves a norm of exactly c.
  @Test func chainsAreAssociativeAndClipBoundsTheNorm() {
    let gs = gradients(50, start.count, seed: 14, scale: 10)
    let a = ClipByGlobalNorm<Double>(maximumNorm: 1)
    let b = SGD<Double>(learningRate: 0.1, momentum: 0.5)
    let c = DecoupledWeightDecay<Double>(learningRate: 0.1, weightDecay: 0.01)
    #expect(updated(Chain(Chain(a, b), c), gs, start: start) == updated(Chain(a, Chain(b, c)), gs, start: start))
    var u = gs[0]
    var state = 0
    a.update(&u, state: &state, parameters: start)
    #expect(abs(u.reduce(0) { $0 + $1 * $1 }.squareRoot() - 1) <= 4 * Double.ulpOfOne)
  }
}
