import Foundation
import Synchronization

/// How many threads the element-wise optimizer kernels and the MLP passes
/// use (``WorkerPool``).
///
/// A step over n parameters is split into at most `count` contiguous chunks
/// of at least ``minimumChunk`` elements, whose boundaries fall on multiples
/// of 64 elements. Every element is updated by the same arithmetic whatever
/// the split, so the result is bit-for-bit the same for any thread count.
///
/// The default is the number of active processors, capped by the
/// `KALMANOPT_THREADS` environment variable when it is set; `kfopt --threads`
/// and tests set it explicitly.
public enum KernelThreads {
  /// Below this many elements per thread a step runs on the calling thread:
  /// the memory traffic of a smaller chunk is shorter than a thread wake-up.
  public static let minimumChunk = 1 << 16

  /// The most threads a count may ask for; larger values are taken as this.
  public static let maximum = 1024

  private static let configured = Atomic<Int>(0)

  /// The threads a large step may use (≥ 1).
  public static var count: Int {
    get {
      let value = configured.load(ordering: .relaxed)
      return value > 0 ? value : automatic
    }
    set { configured.store(Swift.min(Swift.max(1, newValue), maximum), ordering: .relaxed) }
  }

  /// Back to the automatic choice.
  public static func reset() { configured.store(0, ordering: .relaxed) }

  /// The processor count, or `KALMANOPT_THREADS` when set to an integer
  /// from 1 to ``maximum``.
  static let automatic: Int = {
    if let text = ProcessInfo.processInfo.environment["KALMANOPT_THREADS"], let value = Int(text), (1...maximum).contains(value) {
      return value
    }
    return Swift.max(1, ProcessInfo.processInfo.activeProcessorCount)
  }()

  /// How a step over `n` elements at `threads` threads is split: `chunks`
  /// pieces of `size` elements (a multiple of 64), the last one ragged;
  /// one chunk when n < 2·``minimumChunk``. Computed without allocating.
  @inline(__always)
  public static func chunking(count n: Int, threads: Int) -> (chunks: Int, size: Int) {
    let chunks = Swift.max(1, Swift.min(threads, n / minimumChunk))
    if chunks == 1 { return (1, n) }
    return (chunks, ((n / chunks) + 63) & ~63)
  }

  /// The chunk boundaries of a step over `n` elements at `threads` threads:
  /// `chunks + 1` increasing offsets from 0 to n (see ``chunking(count:threads:)``).
  public static func chunkBoundaries(count n: Int, threads: Int) -> [Int] {
    let (chunks, size) = chunking(count: n, threads: threads)
    return (0...chunks).map { $0 == chunks ? n : Swift.min(n, $0 * size) }
  }
}
