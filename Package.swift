// swift-tools-version:6.0
//
// KalmanOpt: optimization as Bayesian filtering.
//
// Modules (see the README's Layout section):
//   CLAPACK     system library over OpenBLAS (CBLAS) and LAPACKE, the only C.
//   Linalg      row-major Double matrices, BLAS products, Cholesky, symmetric eigen,
//               and the worker pool that optimizer steps and MLP passes share.
//   Filtering   scalar/diagonal Gaussian predict–update, steady states, dense Kalman filter.
//   Models      objectives and data (later issues).
//   Optimizers  filter-derived optimizers and baselines (later issues).
//   CLI         the `kfopt` executable; contains no math.
import PackageDescription

/// The notebooks-as-scripts, one executable each (Notebooks/<Name>/main.swift).
let notebooks = [
  "AdaBayesFixedPoint", "OptimizerTable", "SGDvsAdamMNIST", "BADAMPruning",
  "BADAMRegression", "PadamExponent", "AdamStepBounds", "FullVsDiagonal",
]

/// Kernel targets compiled for this machine's CPU when `KALMANOPT_NATIVE=1`
/// (e.g. `KALMANOPT_NATIVE=1 swift build -c release`; `make bench` builds
/// so). The default build targets baseline x86-64 (SSE2) and needs no unsafe
/// flags, so other packages can depend on this one by version; there the
/// optimizer loops are vectorised 4-wide, and the ones with divisions and
/// square roots per parameter (the Adam family, AdaBayes, AdaBayes-FP) are
/// compute-bound at two threads whenever memory is fast: SSE2's divider alone
/// needs more time than the memory traffic. With AVX2 every step is within
/// 0.80–1.01 of the memory roofline at two threads, AdaBayes-FP lowest.
/// Documentation/Performance.md has both builds, measured on one day.
let kernelSettings: [SwiftSetting] =
  Context.environment["KALMANOPT_NATIVE"] == "1" ? [.unsafeFlags(["-target-cpu", "native"]), .define("KALMANOPT_NATIVE")] : []

let package = Package(
  name: "KalmanOpt",
  products: [
    .library(name: "Linalg", targets: ["Linalg"]),
    .library(name: "Filtering", targets: ["Filtering"]),
    .library(name: "Models", targets: ["Models"]),
    .library(name: "Optimizers", targets: ["Optimizers"]),
    .library(name: "Training", targets: ["Training"]),
    .library(name: "Plotting", targets: ["Plotting"]),
    .library(name: "Experiments", targets: ["Experiments"]),
    .executable(name: "kfopt", targets: ["CLI"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
  ],
  targets: [
    // MARK: - Public API
    .target(
      name: "Filtering",
      dependencies: ["Linalg", "CFastMath", .product(name: "RealModule", package: "swift-numerics")]
    ),
    .target(
      name: "Models",
      dependencies: ["Linalg", "CZlib", .product(name: "RealModule", package: "swift-numerics")]
    ),
    .target(
      name: "Optimizers",
      dependencies: ["Filtering", "Linalg", "CFastMath", .product(name: "RealModule", package: "swift-numerics")],
      swiftSettings: kernelSettings
    ),
    .target(
      name: "Training",
      dependencies: ["Models", "Optimizers", "Filtering", "FileOutput", "Plotting", "Linalg", "CZlib", .product(name: "RealModule", package: "swift-numerics")]
    ),
    .target(name: "Plotting", dependencies: ["FileOutput"]),
    // Step timings against same-shape roofline kernels and LAPACK calls (`kfopt bench`).
    // The roofline kernels are compiled like the optimizer kernels they measure.
    .target(
      name: "Benchmarking", dependencies: ["Optimizers", "Filtering", "Linalg", "Models", "Training", "CLAPACK"],
      swiftSettings: kernelSettings
    ),
    .target(name: "FileOutput"),
    .executableTarget(
      name: "CLI",
      dependencies: [
        "Filtering", "Models", "Optimizers", "Training", "Plotting", "FileOutput", "Benchmarking",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),

    // MARK: - Notebooks (literate executables; `make notebooks` runs them with --quick)
    // The experiments they run live in the Experiments library, so that each
    // notebook's headline claim is also a test (Tests/ExperimentsTests).
    .target(
      name: "Experiments",
      dependencies: [
        "Filtering", "Linalg", "Models", "Optimizers", "Training", "Plotting", "FileOutput",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "RealModule", package: "swift-numerics"),
      ]
    ),
    .executableTarget(
      name: "KalmanBasics",
      dependencies: ["Experiments", "Filtering", "Linalg", "Models"],
      path: "Notebooks/KalmanBasics"
    ),
  ] + notebooks.map { name in
    Target.executableTarget(
      name: name,
      dependencies: ["Experiments", "Filtering", "Linalg", "Models", "Optimizers", "Training", "Plotting"],
      path: "Notebooks/\(name)"
    )
  } + [

    // MARK: - Implementation details
    .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
    // Header-only: errno-free square roots so optimizer loops vectorise.
    // Release builds need no extra flags: with this square root and the
    // kernels' shape (Optimizers/ElementwiseKernel.swift) `-O` vectorises
    // every optimizer loop on the baseline x86-64 target (see kernelSettings
    // for the opt-in AVX build).
    .target(name: "CFastMath"),
    .systemLibrary(
      name: "CLAPACK",
      providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]
    ),
    .target(
      name: "Linalg",
      dependencies: ["CLAPACK", "CFastMath", .product(name: "RealModule", package: "swift-numerics")]
    ),

    // MARK: - Tests
    .target(
      name: "TestSupport",
      dependencies: ["Linalg", "Models", "Optimizers", .product(name: "RealModule", package: "swift-numerics")],
      path: "Tests/TestSupport",
      exclude: []
    ),
    .testTarget(
      name: "LinalgTests",
      dependencies: ["Linalg", "Models", "TestSupport", .product(name: "RealModule", package: "swift-numerics")]
    ),
    .testTarget(name: "FilteringTests", dependencies: ["Filtering", "Linalg", "Models", "TestSupport"]),
    .testTarget(name: "ModelsTests", dependencies: ["Models", "Linalg", "TestSupport"]),
    .testTarget(name: "CLITests", dependencies: ["Optimizers", "TestSupport"]),
    .testTarget(name: "PlottingTests", dependencies: ["Plotting", "TestSupport"]),
    .testTarget(
      name: "ExperimentsTests",
      dependencies: ["Experiments", "Filtering", "Linalg", "Models", "Optimizers", "Training", "TestSupport"]
    ),
    .testTarget(name: "TrainingTests", dependencies: ["Training", "Models", "Optimizers", "FileOutput", "TestSupport"]),
    .testTarget(
      name: "OptimizersTests",
      dependencies: ["Optimizers", "Filtering", "Linalg", "Models", "TestSupport", .product(name: "RealModule", package: "swift-numerics")]
    ),
  ]
)
