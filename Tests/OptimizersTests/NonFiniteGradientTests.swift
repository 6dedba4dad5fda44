import Linalg
import Models
import Optimizers
import TestSupport
import Testing

/// A NaN or an infinity in a gradient is refused (or skipped) before anything is written.
@Suite("Non-finite gradients change nothing", .tags(.property))
struct NonFiniteGradientTests {
  /// Every optimizer that steps from gradients.
  static let kinds = OptimizerKind.allCases.filter { $0 != .kalman && $0 != .rls }
  /// Two chunks at two threads, so the parallel scan runs; the bad entry goes in the last one.
  static let count = 2 * KernelThreads.minimumChunk + 5

  static func gradient(_ k: Int, _ n: Int) -> [Float] {
    var random = SplitMix64(seed: UInt64(k))
    return (0..<n).map { _ in Float(random.nextGaussian() * 0.1) }
  }

  @Test("refused with the index and step; the next good step continues as if it never came", arguments: kinds)
  func refuse(kind: OptimizerKind) throws {
    let n = Self.count
    let start = Self.gradient(99, n)
    var clean = try kind.make(parameters: start)
    var tested = try kind.make(parameters: start)
    KernelThreads.count = 2
    defer { KernelThreads.reset() }
    for k in 0..<2 {
      try clean.step(gradient: Self.gradient(k, n))
      try tested.step(gradient: Self.gradient(k, n))
    }
    for (index, bad) in [(n - 1, Float.nan), (n / 2, Float.infinity), (0, -Float.infinity)] {
      var gradient = Self.gradient(7, n)
      gradient[index] = bad
      #expect(throws: OptimizerError.nonFiniteGradient(index: index, step: 3)) { try tested.step(gradient: gradient) }
      #expect(tested.stepCount == 2)
      #expect(tested.parameters == clean.parameters)
    }
    try clean.step(gradient: Self.gradient(2, n))
    try tested.step(gradient: Self.gradient(2, n))
    #expect(tested.parameters == clean.parameters, "\(kind): the refused steps left a trace")
    #expect(tested.meanSquaredGradients == clean.meanSquaredGradients)
    #expect(tested.posteriorVariances == clean.posteriorVariances)
  }

  @Test("the scan under a ParameterPartition finds a bad entry in any share", arguments: [OptimizerKind.adam, .adabayesFixedPoint])
  func refuseUnderPartition(kind: OptimizerKind) throws {
    let n = Self.count
    // Share 0: the middle; share 1: both ends (the one the scan of share 0 never reads).
    let partition = ParameterPartition(count: n, shares: [[1_000..<(n - 1_000)], [0..<1_000, (n - 1_000)..<n]])
    var optimizer = try kind.make(parameters: Self.gradient(99, n))
    KernelThreads.count = 2
    defer { KernelThreads.reset() }
    try ParameterPartition.$current.withValue(partition) {
      try optimizer.step(gradient: Self.gradient(0, n))
      let before = optimizer.parameters
      for index in [0, 999, 1_000, n / 2, n - 1_001, n - 1] {
        var gradient = Self.gradient(7, n)
        gradient[index] = .nan
        #expect(throws: OptimizerError.nonFiniteGradient(index: index, step: 2)) { try optimizer.step(gradient: gradient) }
        #expect(optimizer.parameters == before)
      }
    }
  }

  @Test("skipped and counted under the skip policy, in Float and Double", arguments: [OptimizerKind.adam, .adabayes, .adabayesFixedPoint, .sgd])
  func skip(kind: OptimizerKind) throws {
    var optimizer = try kind.make(parameters: [Double](repeating: 0.5, count: 8))
    optimizer.nonFiniteGradientPolicy = .skip
    var reference = try kind.make(parameters: [Double](repeating: 0.5, count: 8))
    for k in 0..<6 {
      var gradient = (0..<8).map { Double($0 + k) * 0.01 }
      if k % 2 == 1 { gradient[3] = .nan } else { try reference.step(gradient: gradient) }
      try optimizer.step(gradient: gradient)
    }
    #expect(optimizer.skippedSteps == 3)
    #expect(optimizer.stepCount == 3)
    #expect(optimizer.parameters == reference.parameters)

    var single = try kind.make(parameters: [Float](repeating: 0.5, count: 3))
    single.nonFiniteGradientPolicy = .skip
    try single.step(gradient: [0, .infinity, 0])
    #expect(single.skippedSteps == 1 && single.parameters == [0.5, 0.5, 0.5])
  }

  @Test("propagate does no scan: the step runs, as torch.optim's, and the NaN reaches the parameters", arguments: [OptimizerKind.adam, .adabayes, .sgd])
  func propagate(kind: OptimizerKind) throws {
    var optimizer = try kind.make(parameters: [Float](repeating: 0.5, count: 3))
    optimizer.nonFiniteGradientPolicy = .propagate
    try optimizer.step(gradient: [0.1, .nan, 0.1])
    #expect(optimizer.stepCount == 1 && optimizer.skippedSteps == 0)
    #expect(optimizer.parameters[1].isNaN && optimizer.parameters[0].isFinite && optimizer.parameters[2].isFinite)
  }

  @Test("the scan finds a bad entry anywhere, in every chunk layout")
  func scanPositions() throws {
    for threads in [1, 2, 3] {
      KernelThreads.count = threads
      defer { KernelThreads.reset() }
      for index in [0, 4095, 4096, KernelThreads.minimumChunk, Self.count - 1] {
        var optimizer = try OptimizerKind.sgd.make(parameters: [Float](repeating: 0, count: Self.count))
        var gradient = [Float](repeating: 1, count: Self.count)
        gradient[index] = .nan
        #expect(throws: OptimizerError.nonFiniteGradient(index: index, step: 1)) { try optimizer.step(gradient: gradient) }
      }
    }
  }
}
