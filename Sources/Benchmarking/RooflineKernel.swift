import Dispatch
import Linalg
import Optimizers

/// The memory roofline of a step: a kernel with the step's exact memory
/// shape (the same arrays read, the same ones updated in place, on the same
/// thread split) and no arithmetic beyond one addition per element, so the
/// optimizer's time divided into it is the fraction of the bandwidth it reaches
/// whatever the caches and write-allocate policy do.
public struct RooflineKernel<Scalar: OptimizerScalar>: ~Copyable {
  /// Elements per array.
  public let count: Int
  private let readOnly: [UnsafeMutableBufferPointer<Scalar>]
  private let readWrite: [UnsafeMutableBufferPointer<Scalar>]
  /// One slot per chunk for the result of a read-only pass, so that it is kept.
  private let readResults: UnsafeMutableBufferPointer<UInt64>

  /// Allocates the arrays of `shape` with `count` elements each, filled with small values.
  ///
  /// - Precondition: one read-only array (the gradient), at least one read-write one.
  public init(shape: MemoryShape, count: Int) {
    precondition(shape.readOnly == 1 && shape.readWrite >= 1, "RooflineKernel: one read-only and ≥ 1 read-write arrays")
    self.count = count
    func make(_ k: Int) -> UnsafeMutableBufferPointer<Scalar> {
      let buffer = UnsafeMutableBufferPointer<Scalar>.allocate(capacity: count)
      buffer.initialize(repeating: Scalar(k + 1) * Scalar(1e-3))
      return buffer
    }
    readOnly = (0..<shape.readOnly).map(make)
    readWrite = (0..<shape.readWrite).map { make($0 + shape.readOnly) }
    readResults = .allocate(capacity: Swift.max(1, count / KernelThreads.minimumChunk))
    readResults.initialize(repeating: 0)
  }

  deinit {
    for buffer in readOnly + readWrite { buffer.deallocate() }
    readResults.deallocate()
  }

  /// One pass: every read-write array gets the read-only array added in
  /// place, all arrays streamed together in one loop as an optimizer step
  /// streams them, split over the same threads (``WorkerPool``) exactly as
  /// the optimizer kernels are.
  ///
  /// With `readingFirst`, the read-only array is first read once more on its
  /// own, split the same way: the shape of a step that scans its gradient
  /// for NaN and ∞ before writing anything.
  public func run(threads: Int, readingFirst: Bool = false) {
    let source = UnsafePointer(readOnly[0].baseAddress!)
    let targets = readWrite.map { $0.baseAddress! }
    let bounds = KernelThreads.chunkBoundaries(count: count, threads: threads)
    if readingFirst {
      let bytes = count * MemoryLayout<Scalar>.size
      let wordBounds = bounds.map { $0 * MemoryLayout<Scalar>.size / 8 }
      wordBounds.withUnsafeBufferPointer { wordBounds in
        let words = UnsafeRawPointer(source).assumingMemoryBound(to: UInt64.self)
        WorkerPool.shared.run(chunks: bounds.count - 1, ReadJob(words: words, bounds: wordBounds, end: bytes / 8, results: readResults))
      }
    }
    bounds.withUnsafeBufferPointer { bounds in
      WorkerPool.shared.run(chunks: bounds.count - 1, PassJob(source: source, targets: targets, bounds: bounds))
    }
  }

  /// One chunk of the read-only pass: the OR of its words, kept in `results`.
  private struct ReadJob: ChunkJob {
    let words: UnsafePointer<UInt64>
    let bounds: UnsafeBufferPointer<Int>
    let end: Int
    let results: UnsafeMutableBufferPointer<UInt64>
    func run(_ chunk: Int) {
      let upper = chunk == bounds.count - 2 ? end : bounds[chunk + 1]
      results[chunk] = RooflineKernel.read(words, bounds[chunk]..<upper)
    }
  }

  /// One chunk of the streaming pass, on the pool the optimizer steps use.
  private struct PassJob: ChunkJob {
    let source: UnsafePointer<Scalar>
    let targets: [UnsafeMutablePointer<Scalar>]
    let bounds: UnsafeBufferPointer<Int>
    func run(_ chunk: Int) { RooflineKernel.pass(source, targets, bounds[chunk]..<bounds[chunk + 1]) }
  }

  /// The OR of the words in `range`: a read of each, vectorised, kept from
  /// being optimised away by its result.
  @inline(never)
  static func read(_ words: UnsafePointer<UInt64>, _ range: Range<Int>) -> UInt64 {
    var flags: UInt64 = 0
    for i in range { flags |= words[i] }
    return flags
  }

  /// aₖ[i] += s[i] for every target k, one fused loop per target count.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  @inline(never)
  static func pass(_ s: UnsafePointer<Scalar>, _ t: [UnsafeMutablePointer<Scalar>], _ range: Range<Int>) {
    switch t.count {
    case 1:
      let a = t[0]
      for i in range { a[i] += s[i] }
    case 2:
      let (a, b) = (t[0], t[1])
      for i in range {
        let x = s[i]
        a[i] += x
        b[i] += x
      }
    case 3:
      let (a, b, c) = (t[0], t[1], t[2])
      for i in range {
        let x = s[i]
        a[i] += x
        b[i] += x
        c[i] += x
      }
    case 4:
      let (a, b, c, d) = (t[0], t[1], t[2], t[3])
      for i in range {
        let x = s[i]
        a[i] += x
        b[i] += x
        c[i] += x
        d[i] += x
      }
    default:
      let (a, b, c, d, e) = (t[0], t[1], t[2], t[3], t[4])
      for i in range {
        let x = s[i]
        a[i] += x
        b[i] += x
        c[i] += x
        d[i] += x
        e[i] += x
      }
      if t.count > 5 {
        for k in 5..<t.count { pass(s, [t[k]], range) }
      }
    }
  }
}
