import Linalg
import RealModule

/// Pointers into an MLP's single work buffer, for a given row capacity R.
///
/// Layout: x (R·n₀), then for each layer l: zₗ and Δₗ (R·nₗ each), and for
/// hidden layers hₗ = f(zₗ) and, with dropout, the kept-and-scaled aₗ and the
/// mask scale (0 or 1/(1 − p)).
struct Buffers<Scalar> {
  let x: UnsafeMutablePointer<Scalar>
  let z: [UnsafeMutablePointer<Scalar>]
  let delta: [UnsafeMutablePointer<Scalar>]
  let h: [UnsafeMutablePointer<Scalar>]
  let a: [UnsafeMutablePointer<Scalar>]
  let keep: [UnsafeMutablePointer<Scalar>]

  /// The number of scalars the layout needs for `capacity` rows.
  static func size(sizes: [Int], capacity: Int, dropout: Bool) -> Int {
    var total = capacity * sizes[0]
    for l in 1..<sizes.count {
      total += 2 * capacity * sizes[l]
      if l < sizes.count - 1 { total += capacity * sizes[l] * (dropout ? 3 : 1) }
    }
    return total
  }

  init(base: UnsafeMutablePointer<Scalar>, sizes: [Int], capacity: Int, dropout: Bool) {
    var cursor = base
    func take(_ n: Int) -> UnsafeMutablePointer<Scalar> {
      defer { cursor += n }
      return cursor
    }
    x = take(capacity * sizes[0])
    var z: [UnsafeMutablePointer<Scalar>] = [], delta: [UnsafeMutablePointer<Scalar>] = []
    var h: [UnsafeMutablePointer<Scalar>] = [], a: [UnsafeMutablePointer<Scalar>] = [], keep: [UnsafeMutablePointer<Scalar>] = []
    for l in 1..<sizes.count {
      z.append(take(capacity * sizes[l]))
      delta.append(take(capacity * sizes[l]))
      if l < sizes.count - 1 {
        let hl = take(capacity * sizes[l])
        h.append(hl)
        if dropout {
          a.append(take(capacity * sizes[l]))
          keep.append(take(capacity * sizes[l]))
        } else {
          a.append(hl)
        }
      }
    }
    self.z = z
    self.delta = delta
    self.h = h
    self.a = a
    self.keep = keep
  }

  /// The input of layer l + 1: x for l = 0, else the (dropped-out) activation of hidden layer l.
  func input(_ l: Int) -> UnsafeMutablePointer<Scalar> { l == 0 ? x : a[l - 1] }
}

extension MLP {
  /// Grows the work buffer to hold `rows` rows (no-op once large enough).
  mutating func reserve(rows: Int) {
    guard rows > capacity else { return }
    capacity = rows
    workspace = [Scalar](repeating: 0, count: Buffers<Scalar>.size(sizes: layerSizes, capacity: rows, dropout: dropout > 0))
  }

  /// Runs `body` with the work buffer laid out as ``Buffers`` and the network's shape.
  ///
  /// The shape is passed by value so that the passes never read `self`
  /// while its work buffer is being written.
  mutating func withBuffers<R>(_ body: (NetworkShape, Buffers<Scalar>) -> R) -> R {
    let shape = self.shape, rows = capacity
    return workspace.withUnsafeMutableBufferPointer { pointer in
      // reserve(rows:) has made the buffer non-empty.
      guard let base = pointer.baseAddress else { preconditionFailure("MLP: empty work buffer") }
      return body(shape, Buffers(base: base, sizes: shape.layerSizes, capacity: rows, dropout: shape.dropout > 0))
    }
  }
}

extension NetworkShape {
  /// Copies the feature rows of `batch` into x.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  func gather<Scalar: BLASScalar>(_ data: Dataset<Scalar>, _ batch: [Int], into x: UnsafeMutablePointer<Scalar>) {
    let d = layerSizes[0]
    data.features.withUnsafeBufferPointer { features in
      guard let features = features.baseAddress else { return }
      for (r, example) in batch.enumerated() {
        (x + r * d).update(from: features + example * d, count: d)
      }
    }
  }

  /// Zₗ = Aₗ₋₁Wₗᵀ + 1bₗᵀ and the hidden activations, for `rows` rows.   [MODEL-MLP]
  ///
  /// Each layer's units are split over ``KernelThreads`` (``LayerJob``),
  /// with one BLAS thread per share; the dropout masks are drawn afterwards
  /// on the calling thread, in the order one thread would draw them.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  func forward<Scalar: BLASScalar>(
    _ theta: UnsafePointer<Scalar>, rows: Int, _ b: Buffers<Scalar>, training: Bool, generator: inout SplitMix64
  ) {
    let keepProbability = 1 - dropout
    let scale = Scalar(1 / keepProbability)
    BLASThreads.withOneThread {
      for l in 1...depth {
        LayerJob(shape: self, layer: l, rows: rows, direction: .forward, theta: theta, gradient: nil, buffers: b).run()
        guard l < depth, dropout > 0 else { continue }
        let h = b.h[l - 1], a = b.a[l - 1], keep = b.keep[l - 1], count = rows * layerSizes[l]
        for i in 0..<count {
          // Inverted dropout: keep with probability 1 − p, scale by 1/(1 − p).
          keep[i] = training ? (generator.nextUnit() < keepProbability ? scale : 0) : 1
          a[i] = h[i] * keep[i]
        }
      }
    }
  }

  /// Layer l's forward pass for the units `units` of nₗ: their columns of
  /// Zₗ (and of Hₗ = f(Zₗ) for a hidden layer).   [MODEL-MLP]
  @inline(__always)
  func forward<Scalar: BLASScalar>(
    layer l: Int, units: Range<Int>, _ theta: UnsafePointer<Scalar>, rows: Int, _ b: Buffers<Scalar>
  ) {
    guard !units.isEmpty else { return }
    let nIn = layerSizes[l - 1], nOut = layerSizes[l]
    let z = b.z[l - 1]
    Scalar.gemm(
      .none, .transposed, m: rows, n: units.count, k: nIn, alpha: 1, a: b.input(l - 1), lda: nIn,
      b: theta + weightOffsets[l - 1] + units.lowerBound * nIn, ldb: nIn, beta: 0, c: z + units.lowerBound, ldc: nOut)
    let bias = theta + biasOffsets[l - 1]
    for r in 0..<rows {
      let row = z + r * nOut
      for j in units { row[j] += bias[j] }
    }
    guard l < depth else { return }
    let h = b.h[l - 1]
    for r in 0..<rows {
      let offset = r * nOut
      for j in units { h[offset + j] = activation.value(z[offset + j]) }
    }
  }

  /// Σ over rows of the per-example loss, writing Δ_L = ∂ℓ/∂Z_L / B.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  func scoreOutputs<Scalar: BLASScalar>(_ data: Dataset<Scalar>, _ batch: [Int], rows: Int, _ b: Buffers<Scalar>) -> Scalar {
    let k = layerSizes[depth]
    let z = b.z[depth - 1], delta = b.delta[depth - 1]
    let classification = !data.labels.isEmpty
    var total: Scalar = 0
    let inverseRows = 1 / Scalar(rows)
    for (r, example) in batch.enumerated() {
      let label = classification ? data.labels[example] : 0
      let target = classification ? 0 : data.targets[example]
      total += outputLoss.loss(outputs: z + r * k, count: k, label: label, target: target, gradient: delta + r * k)
      for j in 0..<k { delta[r * k + j] *= inverseRows }
    }
    return total
  }

  /// ∂W = Δᵀ Aₗ₋₁, ∂b = Σ rows of Δ, and Δₗ₋₁ = (ΔWₗ) ⊙ keep ⊙ f′(Zₗ₋₁).   [MODEL-MLP]
  ///
  /// Each layer's work is split over ``KernelThreads`` as in the forward
  /// pass (``LayerJob``): a share of ∂W's rows and of Δₗ₋₁'s columns each.
  @_specialize(where Scalar == Float)
  @_specialize(where Scalar == Double)
  func backward<Scalar: BLASScalar>(_ theta: UnsafePointer<Scalar>, _ grad: UnsafeMutablePointer<Scalar>, rows: Int, _ b: Buffers<Scalar>) {
    BLASThreads.withOneThread {
      for l in stride(from: depth, through: 1, by: -1) {
        LayerJob(shape: self, layer: l, rows: rows, direction: .backward, theta: theta, gradient: grad, buffers: b).run()
      }
    }
  }

  /// Layer l's backward pass for the units `units` of nₗ (their rows of ∂Wₗ
  /// and entries of ∂bₗ) and the units `inputs` of nₗ₋₁ (their columns of
  /// Δₗ₋₁, for l > 1).   [MODEL-MLP]
  @inline(__always)
  func backward<Scalar: BLASScalar>(
    layer l: Int, units: Range<Int>, inputs: Range<Int>, _ theta: UnsafePointer<Scalar>, _ grad: UnsafeMutablePointer<Scalar>,
    rows: Int, _ b: Buffers<Scalar>
  ) {
    let nIn = layerSizes[l - 1], nOut = layerSizes[l]
    let delta = b.delta[l - 1]
    if !units.isEmpty {
      Scalar.gemm(
        .transposed, .none, m: units.count, n: nIn, k: rows, alpha: 1, a: delta + units.lowerBound, lda: nOut, b: b.input(l - 1),
        ldb: nIn, beta: 0, c: grad + weightOffsets[l - 1] + units.lowerBound * nIn, ldc: nIn)
      let biasGradient = grad + biasOffsets[l - 1]
      for j in units { biasGradient[j] = 0 }
      for r in 0..<rows {
        let row = delta + r * nOut
        for j in units { biasGradient[j] += row[j] }
      }
    }
    guard l > 1, !inputs.isEmpty else { return }
    let previous = b.delta[l - 2]
    Scalar.gemm(
      .none, .none, m: rows, n: inputs.count, k: nOut, alpha: 1, a: delta, lda: nOut, b: theta + weightOffsets[l - 1] + inputs.lowerBound,
      ldb: nIn, beta: 0, c: previous + inputs.lowerBound, ldc: nIn)
    let z = b.z[l - 2], h = b.h[l - 2]
    for r in 0..<rows {
      let offset = r * nIn
      if dropout > 0 {
        let keep = b.keep[l - 2]
        for j in inputs { previous[offset + j] *= keep[offset + j] * activation.derivative(activation: h[offset + j], input: z[offset + j]) }
      } else {
        for j in inputs { previous[offset + j] *= activation.derivative(activation: h[offset + j], input: z[offset + j]) }
      }
    }
  }
}
