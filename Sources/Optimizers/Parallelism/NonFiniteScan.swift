import Linalg
/// The index of the first NaN or infinity in `values`, or `nil`.
///
/// The common case (all finite) is one vectorised pass, split over
/// ``KernelThreads`` (or the ``ParameterPartition`` in force) like a step
/// and allocating nothing; the index is only
/// searched for when there is one.
///
/// Reached through ``OptimizerScalar/firstNonFinite(_:)``, so that it is
/// compiled for Float and Double even when called from unspecialised generic
/// code: generic, the pool's job closure would capture type metadata and
/// allocate on every step.
@inline(__always)
func scanFirstNonFinite<Scalar: OptimizerScalar>(_ values: UnsafeBufferPointer<Scalar>) -> Int? {
  guard let base = values.baseAddress else { return nil }
  let n = values.count
  // At most `maximumChunks` flags, kept on the stack: a step allocates nothing.
  let threads = Swift.min(KernelThreads.count, maximumChunks)
  let (chunks, size) = KernelThreads.chunking(count: n, threads: threads)
  let anyBad: Bool
  if let partition = ParameterPartition.applying(to: n), partition.shares.count <= maximumChunks {
    anyBad = anyFlagged(chunks: partition.shares.count) { PartitionedScanJob(values: base, shares: partition.shares, flags: $0) }
  } else if chunks == 1 {
    anyBad = Scalar.containsNonFinite(base, 0..<n)
  } else {
    anyBad = anyFlagged(chunks: chunks) { ScanJob(values: base, n: n, chunks: chunks, size: size, flags: $0) }
  }
  guard anyBad else { return nil }
  return values.firstIndex { !$0.isFinite }
}

/// Runs the job `makeJob` builds over `chunks` ≤ ``maximumChunks`` chunks,
/// each writing its own flag on the stack, and tells whether any flag is set.
@inline(__always)
private func anyFlagged<Job: ChunkJob>(chunks: Int, _ makeJob: (UnsafeMutablePointer<Bool>) -> Job) -> Bool {
  var flags = InlineArray<64, Bool>(repeating: false)
  return withUnsafeMutablePointer(to: &flags) { storage in
    let flagPointer = UnsafeMutableRawPointer(storage).assumingMemoryBound(to: Bool.self)
    WorkerPool.shared.run(chunks: chunks, makeJob(flagPointer))
    return (0..<chunks).contains { flagPointer[$0] }
  }
}

/// The most chunks a scan is split into (its flags live on the stack).
private let maximumChunks = 64  // the size of the InlineArray in scanFirstNonFinite

/// One chunk of ``scanFirstNonFinite(_:)`` per worker, each writing its own flag.
private struct ScanJob<Scalar: OptimizerScalar>: ChunkJob {
  let values: UnsafePointer<Scalar>
  let n: Int, chunks: Int, size: Int
  let flags: UnsafeMutablePointer<Bool>

  func run(_ chunk: Int) {
    let start = Swift.min(n, chunk * size)
    let end = chunk == chunks - 1 ? n : Swift.min(n, (chunk + 1) * size)
    flags[chunk] = Scalar.containsNonFinite(values, start..<end)
  }
}

/// One share of ``scanFirstNonFinite(_:)`` under a ``ParameterPartition``.
private struct PartitionedScanJob<Scalar: OptimizerScalar>: ChunkJob {
  let values: UnsafePointer<Scalar>
  let shares: [[Range<Int>]]
  let flags: UnsafeMutablePointer<Bool>

  func run(_ chunk: Int) {
    flags[chunk] = shares[chunk].contains { Scalar.containsNonFinite(values, $0) }
  }
}
