import Linalg
import Models
import Optimizers
import TestSupport
import Testing

/// Large steps are split across threads; the split must not change a bit.
@Suite("Kernels split across threads", .tags(.property))
struct ThreadingTests {
  /// Three chunks at 3 threads, two at 2, and one element more than the
  /// aligned chunks cover, so the last chunk must reach n exactly.
  static let count = 3 * KernelThreads.minimumChunk + 1

  static let variants: [(OptimizerKind, [(Hyperparameter, String)])] = [
    (.sgd, []), (.sgd, [(.momentum, "0.9"), (.nesterov, "true"), (.weightDecay, "1e-2")]),
    (.sgd, [(.momentum, "0.9"), (.dampening, "0.5")]), (.adam, []), (.adam, [(.epsilonRoot, "1e-8"), (.weightDecay, "1e-2")]),
    (.adamw, []), (.amsgrad, []), (.adamax, []), (.nadam, []), (.radam, []), (.padam, []), (.padam, [(.partial, "0.3")]),
    (.adabound, []), (.amsbound, []), (.rmsprop, [(.centered, "true"), (.momentum, "0.5")]), (.rmsprop, []), (.adagrad, []),
    (.adabayes, []), (.adabayes, [(.variant, "paper")]), (.adabayesFixedPoint, []),
  ]

  /// Initial parameters and three gradients.
  static let data: [[Double]] = {
    var random = SplitMix64(seed: 7)
    return (0..<4).map { k in (0..<count).map { _ in random.nextGaussian() * (k == 0 ? 1 : 0.1) } }
  }()

  /// Three steps from the same start at `threads` threads: parameters, ⟨g²⟩ and σ²_post.
  static func run<Scalar: OptimizerScalar>(
    _ kind: OptimizerKind, _ pairs: [(Hyperparameter, String)], threads: Int, as _: Scalar.Type
  ) throws -> [[Scalar]] {
    var settings = OptimizerSettings()
    for (h, text) in pairs { try settings.set(h, parsing: text) }
    var optimizer = try kind.make(settings, parameters: data[0].map { Scalar($0) })
    KernelThreads.count = threads
    defer { KernelThreads.reset() }
    for gradient in data.dropFirst() {
      try optimizer.step(gradient: gradient.map { Scalar($0) })
    }
    return [optimizer.parameters, optimizer.meanSquaredGradients ?? [], optimizer.posteriorVariances ?? []]
  }

  @Test("every per-parameter optimizer gives the same bits at 1, 2 and 3 threads (Float)", arguments: 0..<variants.count)
  func sameBitsFloat(variant: Int) throws {
    let (kind, pairs) = Self.variants[variant]
    let one = try Self.run(kind, pairs, threads: 1, as: Float.self)
    #expect(one[0].allSatisfy { $0.isFinite })
    for threads in [2, 3] {
      #expect(try Self.run(kind, pairs, threads: threads, as: Float.self) == one, "\(kind) \(pairs) at \(threads) threads")
    }
  }

  @Test("Double kernels too", arguments: [OptimizerKind.adam, .adabayes, .adabayesFixedPoint, .sgd])
  func sameBitsDouble(kind: OptimizerKind) throws {
    let one = try Self.run(kind, [], threads: 1, as: Double.self)
    #expect(try Self.run(kind, [], threads: 2, as: Double.self) == one)
  }

  /// Three shares of interleaved, uneven ranges (the shape an MLP's
  /// partition has: rows of each layer per thread), the last share holding
  /// the ragged end.
  static func interleavedPartition(count n: Int) -> ParameterPartition {
    let cuts = [0, 1_000, 70_001, 70_064, 130_000, 131_072, 150_000, n]
    let ranges = zip(cuts, cuts.dropFirst()).map { $0..<$1 }
    return ParameterPartition(count: n, shares: [[ranges[0], ranges[3], ranges[6]], [ranges[1], ranges[4]], [ranges[2], ranges[5]]])
  }

  @Test("a step under a ParameterPartition gives the same bits as the even split (Float)", arguments: 0..<variants.count)
  func partitionedStepSameBits(variant: Int) throws {
    let (kind, pairs) = Self.variants[variant]
    let even = try Self.run(kind, pairs, threads: 2, as: Float.self)
    let partitioned = try ParameterPartition.$current.withValue(Self.interleavedPartition(count: Self.count)) {
      try Self.run(kind, pairs, threads: 2, as: Float.self)
    }
    #expect(partitioned == even, "\(kind) \(pairs)")
  }

  @Test("a partition for another parameter count is not applied")
  func partitionOfOtherCountIgnored() {
    let partition = Self.interleavedPartition(count: Self.count)
    ParameterPartition.$current.withValue(partition) {
      #expect(ParameterPartition.applying(to: Self.count) == partition)
      #expect(ParameterPartition.applying(to: Self.count - 1) == nil)
    }
    #expect(ParameterPartition.applying(to: Self.count) == nil)
  }

  @Test("the update form (optax) splits the same way as the apply form")
  func updateForm() {
    var random = SplitMix64(seed: 3)
    let theta = (0..<Self.count).map { _ in Float(random.nextGaussian()) }
    let gradient = (0..<Self.count).map { _ in Float(random.nextGaussian()) }
    let adam = Adam<Float>(weightDecay: 0.1, decoupledWeightDecay: true)
    func increments(threads: Int) -> [Float] {
      KernelThreads.count = threads
      defer { KernelThreads.reset() }
      var state = adam.initialState(for: theta)
      var updates = gradient
      adam.update(&updates, state: &state, parameters: theta)
      return updates
    }
    #expect(increments(threads: 2) == increments(threads: 1))
  }

  @Test("chunks tile 0..<n in order, on multiples of 64, at least minimumChunk long")
  func chunkBoundaries() {
    for n in [0, 1, 64, KernelThreads.minimumChunk * 2 - 1, KernelThreads.minimumChunk * 2, KernelThreads.minimumChunk * 2 + 1, Self.count, 10_000_000] {
      for threads in 1...5 {
        let bounds = KernelThreads.chunkBoundaries(count: n, threads: threads)
        #expect(bounds.first == 0 && bounds.last == n)
        #expect(zip(bounds, bounds.dropFirst()).allSatisfy { $0 <= $1 })
        #expect(bounds.dropFirst().dropLast().allSatisfy { $0 % 64 == 0 && $0 >= KernelThreads.minimumChunk })
        #expect(bounds.count - 1 <= Swift.max(1, threads))
      }
    }
  }

  @Test("block-prepared steps (AdaBayes-FP): each element's bits are its own, in either form, whatever block it falls in",
        arguments: [false, true], [300, 1_024, 1_300])
  func blocksDoNotMix(updateForm: Bool, count: Int) {
    // 300: one partial block; 1 024: two whole blocks; 1 300: two whole and
    // a partial one, so the skewed loop finishes a whole block after a short one.
    expectBlocksDoNotMix(updateForm: updateForm, count: count, as: Double.self)
    expectBlocksDoNotMix(updateForm: updateForm, count: count, as: Float.self)
  }

  func expectBlocksDoNotMix<Scalar: OptimizerScalar>(updateForm: Bool, count n: Int, as _: Scalar.Type) {
    var random = SplitMix64(seed: 5)
    let theta = (0..<n).map { _ in Scalar(random.nextGaussian()) }
    let gradients = (0..<3).map { _ in (0..<n).map { _ in Scalar(random.nextGaussian()) } }
    let transform = AdaBayesFixedPoint<Scalar>(learningRate: 1e-2, sgdLearningRate: 0.5)
    /// θ, m and r after three steps over `indices` alone.
    func run(_ indices: Range<Int>) -> [[Scalar]] {
      var state = transform.initialState(for: Array(theta[indices]))
      var parameters = Array(theta[indices])
      for gradient in gradients {
        if updateForm {
          var updates = Array(gradient[indices])
          transform.update(&updates, state: &state, parameters: parameters)
          parameters = zip(parameters, updates).map { $0 + $1 }
        } else {
          transform.apply(gradient: Array(gradient[indices]), to: &parameters, state: &state)
        }
      }
      return [parameters, state.firstMoment, state.rootSecondMoment]
    }
    let together = run(0..<n)
    for i in 0..<n {
      let alone = run(i..<(i + 1))
      let same = (0..<3).allSatisfy { together[$0][i] == alone[$0][0] }
      #expect(same, "\(Scalar.self) element \(i) of \(n)")
      if !same { return }
    }
  }
}
