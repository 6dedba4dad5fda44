import Dispatch
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
  }

  deinit {
    for buffer in readOnly + readWrite { buffer.deallocate() }
  }

  /// One pass: every read-write array gets the read-only array added in
  /// place, all arrays streamed together in one loop as an optimizer step
  /// streams them, split over threads exactly as the optimizer kernels are.
  public func run(threads: Int) {
    let source = UnsafePointer(readOnly[0].baseAddress!)
    let targets = readWrite.map { $0.baseAddress! }
    let bounds = KernelThreads.chunkBoundaries(count: count, threads: threads)
    let work = { (chunk: Int) in Self.pass(source, targets, bounds[chunk]..<bounds[chunk + 1]) }
    if bounds.count == 2 {
      work(0)
    } else {
      let shared = SendableBox(work)
      DispatchQueue.concurrentPerform(iterations: bounds.count - 1) { shared.value($0) }
    }
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

/// Hands a closure over disjoint ranges to `concurrentPerform`.
struct SendableBox<Value>: @unchecked Sendable {
  let value: Value
  init(_ value: Value) { self.value = value }
}
