/// The index of the first NaN or infinity in `values`, or `nil`.
///
/// The common case (all finite) is one vectorised pass, split over
/// ``KernelThreads`` like a step and allocating nothing; the index is only
/// searched for when there is one.
func firstNonFinite<Scalar: OptimizerScalar>(_ values: UnsafeBufferPointer<Scalar>) -> Int? {
  guard let base = values.baseAddress else { return nil }
  let n = values.count
  let (chunks, size) = KernelThreads.chunking(count: n, threads: KernelThreads.count)
  let anyBad: Bool
  if chunks == 1 {
    anyBad = Scalar.containsNonFinite(base, 0..<n)
  } else {
    anyBad = withUnsafeTemporaryAllocation(of: Bool.self, capacity: chunks) { flags in
      flags.initialize(repeating: false)
      KernelWorkers.shared.run(chunks: chunks, ScanJob(values: base, n: n, chunks: chunks, size: size, flags: flags.baseAddress!))
      return flags.contains(true)
    }
  }
  guard anyBad else { return nil }
  return values.firstIndex { !$0.isFinite }
}

/// One chunk of ``firstNonFinite(_:)`` per worker, each writing its own flag.
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
