import Linalg
import Models
import Optimizers
import Training

/// An MLP training epoch (forward, backward, optimizer step; evaluation
/// excluded) on real data, against the sgemm rate of the same run: the
/// fraction is the share of the machine's single-precision GEMM peak the
/// epoch reaches on its matrix products.
public struct TrainingBenchmark: Sendable {
  /// The optimizer (`adam`, `sgd`, …) and its settings.
  public var optimizer: OptimizerKind
  public var settings: OptimizerSettings
  /// The model, e.g. `mlp:784-400-400-10`.
  public var model: ModelSpec
  /// The data set.
  public var data: DataSource
  /// Epochs timed (the first is a warm-up and not counted).
  public var epochs: Int

  public init(optimizer: OptimizerKind, settings: OptimizerSettings = OptimizerSettings(), model: ModelSpec, data: DataSource, epochs: Int) {
    self.optimizer = optimizer
    self.settings = settings
    self.model = model
    self.data = data
    self.epochs = epochs
  }

  /// Matrix-product flops per training example: forward (2·Σ nᵢnᵢ₊₁), weight
  /// gradients (the same) and input gradients of every layer but the first.
  static func flopsPerExample(_ sizes: [Int]) -> Double {
    let products = zip(sizes, sizes.dropFirst()).map { Double($0 * $1) }
    return 4 * products.reduce(0, +) + 2 * products.dropFirst().reduce(0, +)
  }

  /// Trains float32 with batch 100 and reports the median epoch per example.
  public func measure(seed: UInt64 = 0) throws(TrainingError) -> BenchmarkRow {
    var settings = settings
    if optimizer == .sgd, settings[.learningRate] == nil { try? settings.set(.learningRate, .real(0.1)) }
    let plan = TrainingPlan(model: model, data: data, optimizer: optimizer, settings: settings, epochs: epochs + 1, batchSize: 100, seed: seed)
    let prepared = try PreparedData<Float>.load(data, seed: seed)
    var trainer = try Trainer<Float>(plan: plan, data: prepared)
    var observer = SilentObserver()
    let result = try trainer.run(observer: &observer)
    let seconds = Stopwatch.median(result.history.dropFirst().map(\.seconds))
    let examples = Double(prepared.train.count)
    let flops = Self.flopsPerExample(trainer.model.layerSizes)
    let peak = Self.sgemmRate()
    return BenchmarkRow(
      name: "train \(model) \(data.name) \(optimizer.rawValue)/f32", count: prepared.train.count, threads: BLASThreads.count,
      nanosecondsPerElement: seconds / examples * 1e9, referenceNanosecondsPerElement: flops / peak * 1e9,
      bytesPerElement: 0, reference: String(format: "sgemm n=2048 at %.0f GFLOP/s", peak / 1e9),
      note: String(format: "%.0f samples/s, %.3f s/epoch, %.1f GFLOP/s", examples / seconds, seconds, flops * examples / seconds / 1e9))
  }

  /// FLOP/s of a 2048³ sgemm (median of 5), the machine's single-precision peak.
  static func sgemmRate() -> Double {
    let n = 2048
    let a = [Float](repeating: 0.5, count: n * n), b = [Float](repeating: 0.25, count: n * n)
    var c = [Float](repeating: 0, count: n * n)
    let times = Stopwatch.samples(repetitions: 5, warmUp: 1) {
      a.withUnsafeBufferPointer { pa in
        b.withUnsafeBufferPointer { pb in
          c.withUnsafeMutableBufferPointer { pc in
            Float.gemm(
              .none, .none, m: n, n: n, k: n, alpha: 1, a: pa.baseAddress!, lda: n, b: pb.baseAddress!, ldb: n, beta: 0,
              c: pc.baseAddress!, ldc: n)
          }
        }
      }
    }
    return 2 * Double(n) * Double(n) * Double(n) / Stopwatch.median(times)
  }
}
