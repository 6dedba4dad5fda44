import ArgumentParser
import Benchmarking
import Foundation
import Linalg
import Models
import Optimizers
import Training

/// `kfopt bench`: optimizer steps against their memory roofline, the
/// full-covariance update against its LAPACK calls, and MLP training throughput.
struct BenchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench",
    abstract: "Measure optimizer steps against the memory roofline, Kalman updates against LAPACK, and training throughput.",
    discussion: """
      Each optimizer step is timed alternately with a roofline kernel of the same memory shape (the \
      same arrays read and updated in place, the same thread split, one addition per element), so \
      roofline_fraction = roofline time / step time is measured in one run on one machine. Medians of \
      --repetitions runs. A step that scans its gradient for NaN and ∞ first (the default policy) \
      reads the gradient once more; it is also timed against the roofline with that read \
      (scan_roofline_fraction, null under --nonfinite-gradients propagate). The first line names how \
      the kernels were compiled, native (KALMANOPT_NATIVE=1: for this CPU, as `make bench` builds) \
      or portable (the baseline instruction set), as does the key build in --json.

      Examples:
        kfopt bench                                   # 10M float32 parameters, all threads
        kfopt bench --params 1000000 --threads 1 --json
        kfopt bench --suite optimizers --precision float64
      """)

  enum Suite: String, ExpressibleByArgument, CaseIterable {
    case all, optimizers, kalman, training
  }

  @Option(help: "Parameters per optimizer step.") var params = 10_000_000
  @Option(help: "Threads for BLAS, the optimizer kernels and the MLP passes, 1 to 1024 (default: all processors, or $KALMANOPT_THREADS).") var threads: Int?
  @Option(help: "Timed repetitions per measurement (the median is reported).") var repetitions = 15
  @Option(help: "float32 or float64 optimizer steps.") var precision: String = "float32"
  @Option(help: "What to measure: \(Suite.allCases.map(\.rawValue).joined(separator: ", ")).") var suite: Suite = .all
  @Option(help: "Only these optimizers (comma-separated bench names, e.g. adam,sgd-momentum).") var only: String?
  @Option(name: .customLong("nonfinite-gradients"), help: "Steps under this policy: refuse (the default: the gradient is scanned first), skip, or propagate (no scan: the kernel alone).")
  var nonFiniteGradients: String = "refuse"
  @Flag(help: "One JSON object per line (keys name, ns_per_param, roofline_fraction, scan_roofline_fraction, build, …).") var json = false

  func validate() throws {
    guard params >= 1 else { throw ValidationError("--params must be ≥ 1, got \(params)") }
    if suite == .all || suite == .optimizers {
      // A step and its roofline kernel hold at most ten arrays of --params elements
      // (AdaBayes: g, θ and three of state, and as many for the kernel); refused
      // before they are allocated, as an allocation that fails ends the process.
      let bytes = MemoryBudget.bytes([[params, 10, precision == "float64" ? 8 : 4]])
      if !MemoryBudget.fits(bytes) {
        throw ValidationError(
          "--params \(params): the steps and their roofline kernels need up to ten arrays of that many \(precision) values, "
            + "\(MemoryBudget.describe(bytes)), and this machine has \(MemoryBudget.machine)")
      }
    }
    guard repetitions >= 1 else { throw ValidationError("--repetitions must be ≥ 1, got \(repetitions)") }
    guard NonFiniteGradientPolicy(rawValue: nonFiniteGradients) != nil else {
      throw ValidationError("--nonfinite-gradients must be refuse, skip or propagate, got '\(nonFiniteGradients)'")
    }
    guard precision == "float32" || precision == "float64" else {
      throw ValidationError("--precision must be float32 or float64, got \(precision)")
    }
  }

  func run() throws {
    let policy = NonFiniteGradientPolicy(rawValue: nonFiniteGradients) ?? .refuse
    try reportingErrors {
      let threadCount = try ThreadCount.apply(threads)
      var rows: [BenchmarkRow] = []
      if suite == .all || suite == .optimizers {
        var cases = OptimizerBenchmark.standard
        if let only {
          let names = only.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
          guard !names.isEmpty else {
            throw ValidationError("--only: name at least one benchmark (choose from \(cases.map(\.name).joined(separator: ", ")))")
          }
          for name in names where !cases.contains(where: { $0.name == name }) {
            throw ValidationError("--only: unknown benchmark '\(name)' (choose from \(cases.map(\.name).joined(separator: ", ")))")
          }
          cases = cases.filter { names.contains($0.name) }
        }
        for benchmark in cases {
          let row =
            precision == "float32"
            ? try benchmark.measure(count: params, threads: threadCount, repetitions: repetitions, as: Float.self, policy: policy)
            : try benchmark.measure(count: params, threads: threadCount, repetitions: repetitions, as: Double.self, policy: policy)
          emit(row, header: rows.isEmpty)
          rows.append(row)
        }
      }
      if suite == .all || suite == .kalman {
        for benchmark in KalmanUpdateBenchmark.standard {
          let row = try benchmark.measure(repetitions: Swift.max(3, repetitions / 3))
          emit(row, header: rows.isEmpty)
          rows.append(row)
        }
      }
      if suite == .all || suite == .training {
        for kind in [OptimizerKind.adam, .sgd, .adabayes] {
          let benchmark = TrainingBenchmark(
            optimizer: kind, model: .mlp([784, 400, 400, 10]), data: DataSource("mnist5k"), epochs: Swift.max(2, repetitions / 5))
          let row = try benchmark.measure()
          emit(row, header: rows.isEmpty)
          rows.append(row)
        }
      }
    }
  }

  func emit(_ row: BenchmarkRow, header: Bool) {
    if json {
      print(row.json)
      return
    }
    if header {
      print(KernelBuild.current.summary + "\n")
      print("| benchmark | n | threads | ns/param | GB/s | reference ns/param | fraction of reference | reference | note |")
      print("|---|---:|---:|---:|---:|---:|---:|---|---|")
    }
    print(
      String(
        format: "| %@ | %d | %d | %.3f | %.1f | %.3f | %.2f | %@ | %@ |", row.name, row.count, row.threads,
        row.nanosecondsPerElement, row.gigabytesPerSecond, row.referenceNanosecondsPerElement, row.fraction, row.reference, row.note))
    fflush(nil)
  }
}
