import Foundation
import Optimizers

extension Trainer {
  /// Refuses a run whose arrays alone would not fit in this machine's memory,
  /// before any of them is allocated (an allocation that fails ends the process).
  ///
  /// The estimate counts six arrays of the parameter count (θ, the gradient,
  /// up to three of optimizer state, the best θ kept for early stopping) and,
  /// for the full-covariance filters, the n × n covariance in Float64.
  static func checkMemory(parameters n: Int, plan: TrainingPlan) throws(TrainingError) {
    let fullCovariance = plan.optimizer == .kalman || plan.optimizer == .rls
    let (vectors, o1) = n.multipliedReportingOverflow(by: 6 * MemoryLayout<Scalar>.stride)
    let (square, o2) = fullCovariance ? n.multipliedReportingOverflow(by: n) : (0, false)
    let (matrix, o3) = square.multipliedReportingOverflow(by: MemoryLayout<Double>.stride)
    let (bytes, o4) = vectors.addingReportingOverflow(matrix)
    let available = ProcessInfo.processInfo.physicalMemory
    guard o1 || o2 || o3 || o4 || UInt64(bytes) > available else { return }
    let needs = o1 || o2 || o3 || o4 ? "more bytes than can be counted" : "about \(gigabytes(UInt64(bytes))) GB"
    let what = fullCovariance ? "its \(n) × \(n) covariance (--optimizer \(plan.optimizer.rawValue)) needs" : "its parameters and optimizer state need"
    throw .usage("--model \(plan.model) has \(n) parameters: \(what) \(needs), and this machine has \(gigabytes(available)) GB")
  }

  private static func gigabytes(_ bytes: UInt64) -> String {
    String(format: "%.1f", Double(bytes) / 1e9)
  }
}
