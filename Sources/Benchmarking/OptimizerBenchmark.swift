import Linalg
import Models
import Optimizers

/// An optimizer step timed against the roofline kernel of its memory shape,
/// the two interleaved in one run so that both see the same machine.
public struct OptimizerBenchmark: Sendable {
  /// The name printed (`sgd-momentum`, `adam`, …).
  public var name: String
  /// The registry entry.
  public var kind: OptimizerKind
  /// Hyperparameters beyond the defaults.
  public var settings: OptimizerSettings

  public init(name: String, kind: OptimizerKind, settings: OptimizerSettings = OptimizerSettings()) {
    self.name = name
    self.kind = kind
    self.settings = settings
  }

  /// The per-parameter optimizers `kfopt bench` measures, with the settings that select each code path.
  public static var standard: [OptimizerBenchmark] {
    func with(_ pairs: [(Hyperparameter, HyperparameterValue)]) -> OptimizerSettings {
      var settings = OptimizerSettings()
      for (h, value) in pairs { try? settings.set(h, value) }
      return settings
    }
    return [
      OptimizerBenchmark(name: "sgd", kind: .sgd, settings: with([(.learningRate, .real(0.1))])),
      OptimizerBenchmark(name: "sgd-momentum", kind: .sgd, settings: with([(.learningRate, .real(0.1)), (.momentum, .real(0.9))])),
      OptimizerBenchmark(name: "adam", kind: .adam),
      OptimizerBenchmark(name: "adamw", kind: .adamw),
      OptimizerBenchmark(name: "amsgrad", kind: .amsgrad),
      OptimizerBenchmark(name: "adamax", kind: .adamax),
      OptimizerBenchmark(name: "nadam", kind: .nadam),
      OptimizerBenchmark(name: "radam", kind: .radam),
      OptimizerBenchmark(name: "padam", kind: .padam),
      OptimizerBenchmark(name: "adabound", kind: .adabound),
      OptimizerBenchmark(name: "rmsprop", kind: .rmsprop),
      OptimizerBenchmark(name: "adagrad", kind: .adagrad),
      OptimizerBenchmark(name: "adabayes", kind: .adabayes),
      OptimizerBenchmark(name: "adabayes-fp", kind: .adabayesFixedPoint),
    ]
  }

  /// Times `repetitions` steps and as many roofline passes over `count`
  /// parameters at `threads` threads, interleaved; medians per parameter.
  /// Steps run under `policy` (the default `.refuse` scans the gradient first;
  /// `.propagate` measures the kernel alone).
  public func measure<Scalar: OptimizerScalar>(
    count: Int, threads: Int, repetitions: Int, as _: Scalar.Type, policy: NonFiniteGradientPolicy = .refuse
  ) throws(SettingsError) -> BenchmarkRow {
    var generator = SplitMix64(seed: 42)
    let parameters = (0..<count).map { _ in Scalar((2 * generator.nextUnit() - 1) * 0.1) }
    let gradient = (0..<count).map { _ in Scalar((2 * generator.nextUnit() - 1) * 1e-2) }
    var optimizer = try kind.make(settings, parameters: parameters)
    optimizer.nonFiniteGradientPolicy = policy
    let shape = MemoryShape.of(optimizer)
    let roofline = RooflineKernel<Scalar>(shape: shape, count: count)
    let saved = KernelThreads.count
    KernelThreads.count = threads
    defer { KernelThreads.count = saved }
    // A step that scans its gradient first is also timed against the roofline with that read.
    let scans = policy != .propagate
    var stepTimes: [Double] = [], rooflineTimes: [Double] = [], scanRooflineTimes: [Double] = []
    // One warm-up of each (page faults, the first step's state), then alternate.
    try? optimizer.step(gradient: gradient)
    roofline.run(threads: threads)
    for _ in 0..<Swift.max(1, repetitions) {
      stepTimes += Stopwatch.samples(repetitions: 1, warmUp: 0) { try? optimizer.step(gradient: gradient) }
      rooflineTimes += Stopwatch.samples(repetitions: 1, warmUp: 0) { roofline.run(threads: threads) }
      if scans {
        scanRooflineTimes += Stopwatch.samples(repetitions: 1, warmUp: 0) { roofline.run(threads: threads, readingFirst: true) }
      }
    }
    let perElement = 1e9 / Double(count)
    let step = Stopwatch.median(stepTimes) * perElement
    let scanReference = scans ? Stopwatch.median(scanRooflineTimes) * perElement : nil
    return BenchmarkRow(
      name: "\(name)/\(Scalar.self == Float.self ? "f32" : "f64")", count: count, threads: threads,
      nanosecondsPerElement: step,
      referenceNanosecondsPerElement: Stopwatch.median(rooflineTimes) * perElement,
      bytesPerElement: shape.bytesPerElement, reference: "roofline \(shape.bytesPerElement) B/param",
      note: "state \(shape.stateBytesPerParameter) B/param" + (policy == .refuse ? "" : ", \(policy.rawValue)")
        + (scanReference.map { String(format: "; with the scan's read %.3f ns/param, fraction %.2f", $0, $0 / step) } ?? ""),
      scanReferenceNanosecondsPerElement: scanReference)
  }
}

