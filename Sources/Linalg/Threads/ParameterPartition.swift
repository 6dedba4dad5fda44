/// Which thread updates which parameters: share t of an element-wise step
/// over `count` parameters is the ranges `shares[t]`, run by worker t of
/// ``WorkerPool`` (t = 0 on the calling thread).
///
/// Without one, a step is cut into equal contiguous chunks
/// (``KernelThreads/chunking(count:threads:)``). A model whose passes split
/// its layers over the same threads gives its own, so that each thread steps
/// the weights whose gradients it has just written and reads them from its
/// own cache (MLP: the rows of each Wₗ and entries of bₗ of its units).
/// Every element gets the same arithmetic either way, so the partition never
/// changes a bit of the result.
public struct ParameterPartition: Sendable, Equatable {
  /// The parameters covered: every index in 0..<count exactly once.
  public let count: Int
  /// The ranges of each share, in increasing order within a share.
  public let shares: [[Range<Int>]]

  /// The partition in force for steps on this thread or task (see `$current.withValue`).
  @TaskLocal public static var current: ParameterPartition?

  /// - Precondition: the ranges tile 0..<count, each index once.
  public init(count: Int, shares: [[Range<Int>]]) {
    precondition(
      shares.joined().sorted { $0.lowerBound < $1.lowerBound }.reduce(0) { $0 == $1.lowerBound ? $1.upperBound : -1 } == count,
      "ParameterPartition: the ranges must tile 0..<\(count)")
    self.count = count
    self.shares = shares
  }

  /// The partition to use for a step over `n` elements: `current` when it
  /// covers exactly n and has more than one share.
  @inline(__always)
  public static func applying(to n: Int) -> ParameterPartition? {
    guard let partition = current, partition.count == n, partition.shares.count > 1 else { return nil }
    return partition
  }
}
