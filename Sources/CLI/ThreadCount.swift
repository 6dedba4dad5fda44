import ArgumentParser
import Foundation
import Linalg

/// The `--threads` option's value, checked, and set for OpenBLAS, the
/// optimizer kernels and the MLP passes alike.
enum ThreadCount {
  /// Sets and returns the thread count: `--threads`, else
  /// `KALMANOPT_THREADS`, else every processor. Each must be an integer
  /// from 1 to ``KernelThreads/maximum``; anything else is a usage error
  /// naming the option or the variable.
  static func apply(_ threads: Int?) throws -> Int {
    let range = 1...KernelThreads.maximum
    let count: Int
    if let threads {
      guard range.contains(threads) else {
        throw ValidationError("--threads must be from 1 to \(KernelThreads.maximum), got \(threads)")
      }
      count = threads
    } else if let text = ProcessInfo.processInfo.environment["KALMANOPT_THREADS"] {
      guard let value = Int(text), range.contains(value) else {
        throw ValidationError("KALMANOPT_THREADS must be an integer from 1 to \(KernelThreads.maximum), got '\(text)'")
      }
      count = value
    } else {
      count = KernelThreads.count
    }
    KernelThreads.count = count
    BLASThreads.count = count
    return count
  }
}
