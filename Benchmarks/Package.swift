// swift-tools-version:6.1
//
// Regression benchmarks for KalmanOpt's hot paths (ordo-one/package-benchmark):
// one optimizer step per algorithm on 1M float32 parameters, and the
// full-covariance evidence update. Every step must allocate nothing; the
// static thresholds in Thresholds/ say so and `make bench-check` checks them.
//
//   cd Benchmarks && swift package --disable-sandbox benchmark
//   cd Benchmarks && swift package --disable-sandbox benchmark thresholds check
import PackageDescription

let package = Package(
  name: "KalmanOptBenchmarks",
  platforms: [.macOS(.v13)],
  dependencies: [
    .package(name: "KalmanOpt", path: ".."),
    // The malloc interposer counts allocations; the default runtime-interposer
    // trait needs a package this machine's mirror does not carry.
    .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
  ],
  targets: [
    .executableTarget(
      name: "OptimizerSteps",
      dependencies: [
        .product(name: "Benchmark", package: "benchmark"),
        .product(name: "Optimizers", package: "KalmanOpt"),
        .product(name: "Filtering", package: "KalmanOpt"),
        .product(name: "Linalg", package: "KalmanOpt"),
      ],
      path: "OptimizerSteps",
      plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    )
  ]
)
