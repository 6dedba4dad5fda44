import Benchmark
import Filtering
import Linalg
import Optimizers

/// One step of each per-parameter optimizer on 1M float32 parameters, and a
/// full-covariance evidence update: time, throughput and allocations per step.
let benchmarks: @Sendable () -> Void = {
  let count = 1_000_000
  let configuration = Benchmark.Configuration(
    metrics: [.wallClock, .throughput, .mallocCountTotal], warmupIterations: 2, maxDuration: .seconds(2), maxIterations: 200)
  let kinds: [OptimizerKind] = [
    .sgd, .adam, .adamw, .amsgrad, .adamax, .nadam, .radam, .padam, .adabound, .rmsprop, .adagrad, .adabayes, .adabayesFixedPoint,
  ]
  for kind in kinds {
    Benchmark("step-\(kind.rawValue)-1M-f32", configuration: configuration) { benchmark in
      let parameters = (0..<count).map { Float($0 % 97) * 1e-3 }
      let gradient = (0..<count).map { Float($0 % 89) * 1e-4 - 4e-3 }
      guard var optimizer = try? kind.make(parameters: parameters) else { return }
      try? optimizer.step(gradient: gradient)  // the first step (fresh state) outside the measurement
      benchmark.startMeasurement()
      for _ in benchmark.scaledIterations { try? optimizer.step(gradient: gradient) }
      benchmark.stopMeasurement()
      blackHole(optimizer.parameters)
    }
  }

  Benchmark("kalman-update-n512-m16", configuration: configuration) { benchmark in
    let n = 512, m = 16
    var covariance = Matrix.identity(n)
    var mean = [Double](repeating: 0, count: n)
    guard
      let a = try? Matrix(rows: m, columns: n, elements: (0..<(m * n)).map { Double($0 % 13) * 1e-3 }),
      let evidence = try? DenseQuadraticEvidence(gradient: (0..<n).map { Double($0 % 7) * 1e-3 }, curvatureFactor: a)
    else { return }
    benchmark.startMeasurement()
    for _ in benchmark.scaledIterations {
      try? Gaussian.applyEvidence(evidence, mean: &mean, lowerCovariance: &covariance, mirror: false)
    }
    benchmark.stopMeasurement()
    blackHole(mean)
  }
}
