import Foundation
import Optimizers

/// One measured line of `kfopt bench`.
public struct BenchmarkRow: Sendable, Equatable {
  /// What was measured, e.g. `adam/f32`.
  public var name: String
  /// Elements per step (parameters, or n for a full-covariance update).
  public var count: Int
  /// Threads used.
  public var threads: Int
  /// Median wall time per element of the measured operation, in ns.
  public var nanosecondsPerElement: Double
  /// Median wall time per element of its reference (roofline kernel or LAPACK calls), in ns.
  public var referenceNanosecondsPerElement: Double
  /// reference time / measured time: 1 means at the reference's speed.
  public var fraction: Double { referenceNanosecondsPerElement / nanosecondsPerElement }
  /// For a step that scans its gradient first: the median time per element
  /// of the roofline kernel with that extra read of the gradient, in ns.
  public var scanReferenceNanosecondsPerElement: Double?
  /// That reference's time / measured time: the fraction of the memory
  /// bandwidth the step as shipped reaches, its scan included.
  public var scanFraction: Double? { scanReferenceNanosecondsPerElement.map { $0 / nanosecondsPerElement } }
  /// Bytes moved per element (0 when not a bandwidth-bound operation).
  public var bytesPerElement: Int
  /// What the reference is (`roofline 28 B/param`, `dpotrf+dtrsm+dsyrk`, …).
  public var reference: String
  /// Extra figures for the table (samples/s, GFLOP/s, …).
  public var note: String

  public init(
    name: String, count: Int, threads: Int, nanosecondsPerElement: Double, referenceNanosecondsPerElement: Double,
    bytesPerElement: Int, reference: String, note: String = "", scanReferenceNanosecondsPerElement: Double? = nil
  ) {
    self.scanReferenceNanosecondsPerElement = scanReferenceNanosecondsPerElement
    self.name = name
    self.count = count
    self.threads = threads
    self.nanosecondsPerElement = nanosecondsPerElement
    self.referenceNanosecondsPerElement = referenceNanosecondsPerElement
    self.bytesPerElement = bytesPerElement
    self.reference = reference
    self.note = note
  }

  /// Achieved bandwidth in GB/s (0 when `bytesPerElement` is 0).
  public var gigabytesPerSecond: Double {
    bytesPerElement == 0 ? 0 : Double(bytesPerElement) / nanosecondsPerElement
  }

  /// One JSON object: `name`, `ns_per_param`, `roofline_fraction` and the rest
  /// (`scan_roofline_fraction` is null for a step that does not scan; `build`
  /// is ``KernelBuild/current``, `native` or `portable`).
  public var json: String {
    func number(_ x: Double) -> String { x.isFinite ? String(format: "%.6g", x) : "null" }
    func text(_ s: String) -> String {
      "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
    let fields = [
      "\"name\":\(text(name))", "\"count\":\(count)", "\"threads\":\(threads)",
      "\"ns_per_param\":\(number(nanosecondsPerElement))", "\"roofline_fraction\":\(number(fraction))",
      "\"reference_ns_per_param\":\(number(referenceNanosecondsPerElement))", "\"bytes_per_param\":\(bytesPerElement)",
      "\"gb_per_s\":\(number(gigabytesPerSecond))", "\"reference\":\(text(reference))", "\"note\":\(text(note))",
      "\"scan_roofline_fraction\":\(scanFraction.map(number) ?? "null")", "\"build\":\(text(KernelBuild.current.rawValue))",
    ]
    return "{" + fields.joined(separator: ",") + "}"
  }
}
