import Linalg

/// One layer of an MLP pass, split by units over ``KernelThreads``.
///
/// Share t of a layer with nₗ units is the units [cₜ, cₜ₊₁), cₜ = ⌈t·nₗ/k⌉
/// rounded up to a multiple of 8 (the last share takes the rest): forward,
/// their columns of Zₗ and Hₗ; backward, their rows of ∂Wₗ and, with the same
/// split of nₗ₋₁, columns of Δₗ₋₁ — so the units a thread computes in the
/// forward pass are the ones whose gradients it computes going back, and
/// their weights stay in that core's cache. Each share is its own
/// single-threaded GEMM. Every entry is the same dot product of the same
/// terms whatever the split, but OpenBLAS may block a narrower product
/// differently and so sum in another order: as with OpenBLAS's own threads,
/// the thread count changes round-off, nothing more (`MLPThreadingTests`).
struct LayerJob<Scalar: BLASScalar>: ChunkJob {
  enum Direction { case forward, backward }

  let shape: NetworkShape
  let layer: Int
  let rows: Int
  let direction: Direction
  let theta: UnsafePointer<Scalar>
  let gradient: UnsafeMutablePointer<Scalar>?
  let buffers: Buffers<Scalar>
  /// The number of shares (1 runs the layer on the calling thread).
  let shares: Int

  /// Below this many multiply–adds per share a layer runs on one thread: a
  /// share of 2²⁰ takes ~10 µs at one core's sgemm rate, against ~1 µs to
  /// hand it to another core and back.
  static var minimumShare: Int { 1 << 20 }

  init(
    shape: NetworkShape, layer: Int, rows: Int, direction: Direction, theta: UnsafePointer<Scalar>,
    gradient: UnsafeMutablePointer<Scalar>?, buffers: Buffers<Scalar>
  ) {
    self.shape = shape
    self.layer = layer
    self.rows = rows
    self.direction = direction
    self.theta = theta
    self.gradient = gradient
    self.buffers = buffers
    shares = Self.shares(shape: shape, layer: layer, rows: rows)
  }

  /// How many shares layer l gets for `rows` rows at ``KernelThreads/count``:
  /// at most one per thread, per 8 units (of nₗ and nₗ₋₁), and per
  /// ``minimumShare`` multiply–adds.
  static func shares(shape: NetworkShape, layer: Int, rows: Int) -> Int {
    let units = Swift.min(shape.layerSizes[layer], shape.layerSizes[layer - 1])
    let work = rows * shape.layerSizes[layer] * shape.layerSizes[layer - 1]
    return Swift.max(1, Swift.min(KernelThreads.count, units / 8, work / minimumShare))
  }

  /// Runs every share, on the pool when there is more than one.
  func run() {
    if shares == 1 {
      run(0)
    } else {
      WorkerPool.shared.run(chunks: shares, self)
    }
  }

  /// Share `share` of the n units: [c_share, c_share+1).
  @inline(__always)
  func range(_ share: Int, of n: Int) -> Range<Int> { Self.range(share, of: n, shares: shares) }

  /// Share `share` of n units cut into `shares`.
  static func range(_ share: Int, of n: Int, shares: Int) -> Range<Int> {
    func boundary(_ t: Int) -> Int { t == shares ? n : Swift.min(n, ((t * n + shares - 1) / shares + 7) & ~7) }
    return boundary(share)..<boundary(share + 1)
  }

  func run(_ share: Int) {
    let units = range(share, of: shape.layerSizes[layer])
    switch direction {
    case .forward:
      shape.forward(layer: layer, units: units, theta, rows: rows, buffers)
    case .backward:
      guard let gradient else { return }
      let inputs = range(share, of: shape.layerSizes[layer - 1])
      shape.backward(layer: layer, units: units, inputs: inputs, theta, gradient, rows: rows, buffers)
    }
  }
}
