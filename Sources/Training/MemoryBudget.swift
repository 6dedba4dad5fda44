import Foundation

/// The bytes a command is about to allocate, checked against this machine's
/// memory first: an allocation that fails ends the process, with no message
/// naming the flag that asked for it.
public enum MemoryBudget {
  /// The sum of the products of `terms` (each a list of factors), or `nil`
  /// when it overflows `Int`.
  public static func bytes(_ terms: [[Int]]) -> Int? {
    var total = 0
    for factors in terms {
      var product = 1
      for factor in factors {
        let (next, overflow) = product.multipliedReportingOverflow(by: factor)
        if overflow { return nil }
        product = next
      }
      let (sum, overflow) = total.addingReportingOverflow(product)
      if overflow { return nil }
      total = sum
    }
    return total
  }

  /// Whether `bytes` (`nil`: too many to count) fits in `share` of this machine's memory.
  public static func fits(_ bytes: Int?, share: Double = 1) -> Bool {
    guard let bytes else { return false }
    return Double(bytes) <= share * Double(ProcessInfo.processInfo.physicalMemory)
  }

  /// "about 12.3 GB", or "more bytes than can be counted" for `nil`.
  public static func describe(_ bytes: Int?) -> String {
    bytes.map { "about \(gigabytes(UInt64($0))) GB" } ?? "more bytes than can be counted"
  }

  /// This machine's memory, "25.3 GB".
  public static var machine: String { "\(gigabytes(ProcessInfo.processInfo.physicalMemory)) GB" }

  private static func gigabytes(_ bytes: UInt64) -> String { String(format: "%.1f", Double(bytes) / 1e9) }
}
