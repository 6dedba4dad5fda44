import Models
import Optimizers
import TestSupport
import Testing
import Training

/// Every catalogue optimizer's state, after a few steps, survives the binary
/// coding bit for bit: it decodes `==` to the original, and re-encoding the
/// decoded state reproduces the bytes (which are the bit patterns).
@Suite("Optimizer states round-trip through BinaryCoding")
struct OptimizerStateRoundTripTests {
  @Test("every catalogue optimizer, Float", .tags(.conformance))
  func catalogueFloat() throws {
    try expectCatalogueRoundTrips(Float.self)
  }

  @Test("every catalogue optimizer, Double", .tags(.conformance))
  func catalogueDouble() throws {
    try expectCatalogueRoundTrips(Double.self)
  }

  @Test("NAdam keeps its running μ product exactly")
  func nadamMuProduct() throws {
    let state = try steppedState(NAdam<Double>(), steps: 5)
    #expect(state.muProduct != 1)
    let decoded = try BinaryCoding.decode(NAdam<Double>.State.self, from: try BinaryCoding.encode(state))
    #expect(decoded.muProduct.bitPattern == state.muProduct.bitPattern)
    #expect(decoded == state)
  }

  @Test("a Scheduled state and its schedule")
  func scheduled() throws {
    let schedule = LearningRateSchedule.warmup(steps: 2, startFactor: 0.1, then: .cosine(steps: 10, minimumFactor: 0.01))
    let transform = Scheduled(Adam<Float>(learningRate: 1e-2, amsgrad: true), schedule: schedule)
    let state = try steppedState(transform, steps: 4)
    #expect(state.step == 4)
    try expectBinaryRoundTrip(state)
    try expectBinaryRoundTrip(schedule)
  }

  @Test("a Chain state (clip, then Adam, then masked decay)")
  func chain() throws {
    let mask = (0..<parameterCount).map { $0 % 2 == 0 }
    let transform = Chain(
      ClipByGlobalNorm<Double>(maximumNorm: 0.5),
      Chain(Adam<Double>(learningRate: 1e-2), DecoupledWeightDecay<Double>(learningRate: 1e-2, weightDecay: 0.1, mask: mask)))
    let state = try steppedState(transform, steps: 3)
    #expect(state.first == 3 && state.second.second == 3)
    try expectBinaryRoundTrip(state)
  }

  @Test("a scheduled chain of Float transforms")
  func scheduledChain() throws {
    let transform = Scheduled(
      Chain(RMSprop<Float>(momentum: 0.9, centered: true), DecoupledWeightDecay<Float>(learningRate: 1e-2, weightDecay: 0.1)),
      schedule: .step(every: 2, factor: 0.5))
    try expectBinaryRoundTrip(try steppedState(transform, steps: 5))
  }

  @Test("SplitMix64 resumes the same stream")
  func splitMix() throws {
    var generator = SplitMix64(seed: 0xDEAD_BEEF)
    for _ in 0..<17 { _ = generator.next() }
    var restored = try BinaryCoding.decode(SplitMix64.self, from: try BinaryCoding.encode(generator))
    #expect(restored == generator)
    for _ in 0..<100 { #expect(restored.next() == generator.next()) }
    try expectBinaryRoundTrip(SplitMix64(seed: .max))
  }

  @Test("the registry's optimizer kinds")
  func optimizerKinds() throws {
    try expectBinaryRoundTrip(OptimizerKind.allCases)
  }

  private func expectCatalogueRoundTrips<S: OptimizerScalar>(_ scalar: S.Type) throws {
    try expectBinaryRoundTrip(try steppedState(SGD<S>(learningRate: 1e-2, momentum: 0.9)))
    try expectBinaryRoundTrip(try steppedState(SGD<S>(learningRate: 1e-2, momentum: 0.9, nesterov: true)))
    try expectBinaryRoundTrip(try steppedState(Adam<S>(learningRate: 1e-2)))
    try expectBinaryRoundTrip(try steppedState(Adam<S>(learningRate: 1e-2, amsgrad: true)))
    try expectBinaryRoundTrip(try steppedState(Adam<S>.adamW(learningRate: 1e-2)))
    try expectBinaryRoundTrip(try steppedState(Adamax<S>()))
    try expectBinaryRoundTrip(try steppedState(NAdam<S>()))
    try expectBinaryRoundTrip(try steppedState(RAdam<S>()))
    try expectBinaryRoundTrip(try steppedState(Adagrad<S>()))
    try expectBinaryRoundTrip(try steppedState(RMSprop<S>(momentum: 0.9, centered: true)))
    try expectBinaryRoundTrip(try steppedState(Padam<S>()))
    try expectBinaryRoundTrip(try steppedState(AdaBound<S>()))
    try expectBinaryRoundTrip(try steppedState(AdaBound<S>(amsbound: true)))
    try expectBinaryRoundTrip(try steppedState(AdaBayes<S>()))
    try expectBinaryRoundTrip(try steppedState(AdaBayesFixedPoint<S>()))
  }
}

/// The number of parameters of the optimizers stepped in these tests.
private let parameterCount = 9

/// The state of `transform` after `steps` steps from seeded Gaussian
/// parameters on seeded Gaussian gradients.
func steppedState<T: GradientTransformation>(
  _ transform: T, steps: Int = 3, parameterCount: Int = 9, seed: UInt64 = 2024
) throws -> T.State {
  var generator = SplitMix64(seed: seed)
  let initial = (0..<parameterCount).map { _ in T.Scalar(generator.nextGaussian()) }
  var optimizer = Optimizer(transform, parameters: initial)
  for _ in 0..<steps {
    try optimizer.step(gradient: (0..<parameterCount).map { _ in T.Scalar(generator.nextGaussian()) })
  }
  return optimizer.state
}

/// `value` decodes `==` to itself, and re-encoding gives the same bytes.
func expectBinaryRoundTrip<T: Codable & Equatable>(
  _ value: T, sourceLocation: SourceLocation = #_sourceLocation
) throws {
  let bytes = try BinaryCoding.encode(value)
  let decoded = try BinaryCoding.decode(T.self, from: bytes)
  #expect(decoded == value, "\(T.self)", sourceLocation: sourceLocation)
  #expect(try BinaryCoding.encode(decoded) == bytes, "\(T.self) re-encodes differently", sourceLocation: sourceLocation)
}
