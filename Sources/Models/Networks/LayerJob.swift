import Linalg

/// One layer of an MLP pass, split by units over ``KernelThreads``
/// (``NetworkShape/shares(layer:rows:)``): forward, share t computes its
/// units' columns of Zₗ and Hₗ; backward, their rows of ∂Wₗ and entries of
/// ∂bₗ and, with the same split of nₗ₋₁, its columns of Δₗ₋₁ — so the units a
/// thread computes in the forward pass are the ones whose gradients it
/// computes going back, and their weights stay in that core's cache. Each
/// share is its own single-threaded GEMM. Every entry is the same dot product
/// of the same terms whatever the split, but OpenBLAS may block a narrower
/// product differently and so sum in another order: as with OpenBLAS's own
/// threads, the thread count changes round-off, nothing more
/// (`MLPThreadingTests`).
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
    shares = shape.shares(layer: layer, rows: rows)
  }

  /// Runs every share, on the pool when there is more than one.
  func run() {
    if shares == 1 {
      run(0)
    } else {
      WorkerPool.shared.run(chunks: shares, self)
    }
  }

  func run(_ share: Int) {
    let units = NetworkShape.units(share, of: shape.layerSizes[layer], shares: shares)
    switch direction {
    case .forward:
      shape.forward(layer: layer, units: units, theta, rows: rows, buffers)
    case .backward:
      guard let gradient else { return }
      let inputs = NetworkShape.units(share, of: shape.layerSizes[layer - 1], shares: shares)
      shape.backward(layer: layer, units: units, inputs: inputs, theta, gradient, rows: rows, buffers)
    }
  }
}
