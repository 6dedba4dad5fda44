import Linalg
@testable import Models
import TestSupport
import Testing

/// The MLP passes split each layer's units over threads (`LayerJob`). Each
/// share is its own GEMM, and OpenBLAS's blocking may sum a dot product's
/// terms in another order for a narrower product (as it does when it runs
/// one product on two threads itself), so the split changes round-off only:
/// every unit is computed, once, from the same terms.
@Suite("MLP passes split across threads", .tags(.property))
struct MLPThreadingTests {
  /// 300 inputs, hidden layers of 200 and 152 units, 10 classes, 128 rows:
  /// both hidden layers are split at 2, 3 and 4 threads (into shares that do
  /// not all end on a multiple of 8), the output layer is not.
  static let sizes = [300, 200, 152, 10]
  static let rows = 128

  static func data<Scalar: BLASScalar>(_: Scalar.Type) throws -> Dataset<Scalar> {
    var random = SplitMix64(seed: 3)
    let count = 2 * rows
    let features = (0..<count * sizes[0]).map { _ in Scalar(random.nextGaussian()) }
    let labels = (0..<count).map { _ in Int(random.next() % 10) }
    return try Dataset(name: "threads", featureCount: sizes[0], features: features, labels: labels, targets: [], task: .classification(classes: 10))
  }

  /// Loss and gradient of one batch, then every example's outputs, at `threads` threads.
  static func run<Scalar: BLASScalar>(threads: Int, dropout: Double, as type: Scalar.Type) throws -> (Scalar, [Scalar], [Scalar]) {
    var net = try MLP(layerSizes: sizes, activation: .tanh, dropout: dropout, trainingData: try data(type), dropoutSeed: 5)
    var random = SplitMix64(seed: 9)
    let theta = net.initialParameters(using: &random)
    var gradient = [Scalar](repeating: 0, count: theta.count)
    KernelThreads.count = threads
    defer { KernelThreads.reset() }
    let loss = net.loss(at: theta, batch: Array(stride(from: 1, to: 2 * rows, by: 2)), gradient: &gradient)
    let outputs = net.outputs(at: theta, on: net.trainingData, chunk: rows)
    return (loss, gradient, outputs)
  }

  @Test("the layers the test relies on are split")
  func layersAreSplit() {
    let shape = NetworkShape(layerSizes: Self.sizes, activation: .tanh, outputLoss: .softmaxCrossEntropy, dropout: 0)
    KernelThreads.count = 3
    defer { KernelThreads.reset() }
    #expect((1...3).map { shape.shares(layer: $0, rows: Self.rows) } == [3, 3, 1])
    // Boundaries ⌈t·n/3⌉ rounded up to multiples of 8: 200 units as 72, 64, 64; 152 as 56, 48, 48.
    #expect((0..<3).map { NetworkShape.units($0, of: 200, shares: 3) } == [0..<72, 72..<136, 136..<200])
    #expect((0..<3).map { NetworkShape.units($0, of: 152, shares: 3) } == [0..<56, 56..<104, 104..<152])
  }

  @Test("the parameter partition gives each thread the weights and biases of its units")
  func partitionFollowsUnits() {
    let shape = NetworkShape(layerSizes: [784, 400, 400, 10], activation: .relu, outputLoss: .softmaxCrossEntropy, dropout: 0)
    KernelThreads.count = 2
    defer { KernelThreads.reset() }
    // W₁ 0..<313 600, b₁ ..<314 000, W₂ ..<474 000, b₂ ..<474 400, W₃ ..<478 400, b₃ ..<478 410;
    // layers 1 and 2 split at unit 200, layer 3 (10 units) on thread 0.
    #expect(
      shape.parameterPartition(rows: 100)?.shares == [
        [0..<156_800, 313_600..<313_800, 314_000..<394_000, 474_000..<474_200, 474_400..<478_410],
        [156_800..<313_600, 313_800..<314_000, 394_000..<474_000, 474_200..<474_400],
      ])
    // One row: every layer is below a share's worth of work.
    #expect(shape.parameterPartition(rows: 1) == nil)
    KernelThreads.count = 1
    #expect(shape.parameterPartition(rows: 100) == nil)
  }

  /// Two orders of a sum of K terms differ by at most 2γ_K Σ|terms|,
  /// γ_K = Kε/(1 − Kε) (Higham, Accuracy and Stability, Thm 3.1). Each
  /// gradient entry and output here is such a sum (then scaled by f′ ≤ 1,
  /// tanh) whose terms are within the size of the largest entry of its block,
  /// so blocks are compared norm-wise: max |split − one| ≤ 2γ_K · max |one|,
  /// K = 300, the longest inner dimension. (Measured, Float: 5·10⁻⁷ of the
  /// largest entry, against 3.6·10⁻⁵.) A unit left out or computed twice
  /// would be off by its whole size.
  static func expectClose<Scalar: BLASScalar>(_ split: (Scalar, [Scalar], [Scalar]), _ one: (Scalar, [Scalar], [Scalar]), _ note: String) {
    let k = Double(sizes[0]), epsilon = Double(Scalar.ulpOfOne) / 2
    let bound = 2 * k * epsilon / (1 - k * epsilon)
    let shape = NetworkShape(layerSizes: sizes, activation: .tanh, outputLoss: .softmaxCrossEntropy, dropout: 0)
    var blocks: [(String, [Scalar], [Scalar])] = [("outputs", split.2, one.2)]
    for l in 0..<shape.depth {
      let weights = shape.weightOffsets[l]..<shape.biasOffsets[l]
      let biases = shape.biasOffsets[l]..<(shape.biasOffsets[l] + sizes[l + 1])
      blocks.append(("∂W\(l + 1)", Array(split.1[weights]), Array(one.1[weights])))
      blocks.append(("∂b\(l + 1)", Array(split.1[biases]), Array(one.1[biases])))
    }
    for (name, a, b) in blocks {
      let scale = b.map { Double(abs($0)) }.max() ?? 0
      let error = zip(a, b).map { Double(abs($0 - $1)) }.max() ?? 0
      #expect(scale > 0 && error <= bound * scale, "\(name), \(note): \(error) against \(bound) × \(scale)")
    }
    #expect(Double(abs(split.0 - one.0)) <= bound * Double(abs(one.0)), "loss, \(note)")
  }

  @Test("loss, gradient and outputs at 2, 3 and 4 threads are the 1-thread ones up to round-off (Float)", arguments: [0.0, 0.25])
  func agreeFloat(dropout: Double) throws {
    let one = try Self.run(threads: 1, dropout: dropout, as: Float.self)
    for threads in 2...4 {
      Self.expectClose(try Self.run(threads: threads, dropout: dropout, as: Float.self), one, "\(threads) threads, dropout \(dropout)")
    }
  }

  @Test("and in Double")
  func agreeDouble() throws {
    let one = try Self.run(threads: 1, dropout: 0, as: Double.self)
    Self.expectClose(try Self.run(threads: 2, dropout: 0, as: Double.self), one, "2 threads")
  }
}
