import Filtering
import Linalg

/// A stateful rewrite of a gradient into a parameter increment, as in optax.
///
/// The contract:
/// - ``initialState(for:)`` is called once, with the initial parameters.
/// - ``update(_:state:parameters:)`` is called once per step. `updates`
///   holds the gradient of the loss on entry and the increment Δ on exit;
///   the caller then moves the parameters by θ ← θ + Δ.
/// - ``apply(gradient:to:state:)`` does both in one pass. Every optimizer of
///   the catalogue implements it with the same element-wise loop as
///   `update`, so the fused form reads and writes each array once; the
///   default implementation (for composite transforms) is `update` then add.
///
/// Transforms are immutable values holding hyperparameters; everything that
/// changes from step to step lives in `State`. A copy of the state is a
/// checkpoint.
public protocol GradientTransformation<Scalar>: Sendable {
  /// The element type of parameters and gradients.
  associatedtype Scalar: OptimizerScalar
  /// Everything the transform carries from one step to the next.
  associatedtype State: Sendable

  /// The state before the first step, for these initial parameters.
  func initialState(for parameters: [Scalar]) -> State

  /// Rewrites `updates` (on entry, the gradient) into the increment Δ.
  ///
  /// - Precondition: `updates.count == parameters.count`.
  func update(_ updates: inout [Scalar], state: inout State, parameters: [Scalar])

  /// One step in place: θ ← θ + Δ, with Δ what ``update(_:state:parameters:)`` computes.
  ///
  /// - Precondition: `gradient.count == parameters.count`.
  func apply(gradient: [Scalar], to parameters: inout [Scalar], state: inout State)

  /// The per-parameter posterior variance the state implies, where the
  /// transform has one (the Kalman filters' σ²_post); `nil` otherwise.
  func posteriorVariances(state: State) -> [Scalar]?

  /// The bias-corrected running mean of squared gradients ⟨g²⟩ the state
  /// holds, in the units the transform uses (summed-loss for AdaBayes), or `nil`.
  func meanSquaredGradients(state: State) -> [Scalar]?

  /// The dense posterior covariance of the parameters, where the transform keeps one (the full-covariance filter).
  func posteriorCovariance(state: State) -> Matrix?

  /// Whether the transform can update from a linearised likelihood
  /// (``apply(evidence:to:state:)``) rather than a gradient: the full-covariance
  /// Kalman filter does.
  var consumesEvidence: Bool { get }

  /// One step from quadratic evidence about the parameters (gradient and
  /// curvature factor of the batch's summed negative log-likelihood).
  func apply(evidence: DenseQuadraticEvidence, to parameters: inout [Scalar], state: inout State) throws(OptimizerError)
}

extension GradientTransformation {
  /// No posterior by default.
  public func posteriorVariances(state: State) -> [Scalar]? { nil }

  /// No second-moment estimate by default.
  public func meanSquaredGradients(state: State) -> [Scalar]? { nil }

  /// No dense covariance by default.
  public func posteriorCovariance(state: State) -> Matrix? { nil }

  /// Gradient-only by default.
  public var consumesEvidence: Bool { false }

  /// Refuses evidence by default.
  public func apply(evidence: DenseQuadraticEvidence, to parameters: inout [Scalar], state: inout State) throws(OptimizerError) {
    throw .evidenceUnsupported("\(Self.self) takes gradients, not a linearised likelihood")
  }

  /// The two-pass default: compute Δ with `update`, then add it.
  public func apply(gradient: [Scalar], to parameters: inout [Scalar], state: inout State) {
    var updates = gradient
    update(&updates, state: &state, parameters: parameters)
    parameters.withUnsafeMutableBufferPointer { p in
      updates.withUnsafeBufferPointer { u in
        for i in 0..<p.count { p[i] += u[i] }
      }
    }
  }
}

/// Where an element-wise optimizer loop writes its result.
///
/// The catalogue's optimizers have one loop each; it computes the increment
/// Δᵢ and either stores it (`update`) or adds it to θᵢ (`apply`).
@usableFromInline
enum StepTarget: Sendable {
  /// Write Δᵢ into the output buffer (the optax `update` form).
  case increments
  /// Write θᵢ + Δᵢ into the parameters (the fused torch `step` form).
  case parameters
}

/// Runs an element-wise kernel over gradient, parameters and output buffers.
///
/// The kernel receives raw pointers and the count; `output` aliases either
/// the gradient buffer (update form) or the parameter buffer (apply form).
/// The kernels read index i before they write it (the skewed loop of
/// ``elementLoop(_:_:_:_:_:_:)`` a turn before), so the aliasing is safe.
@inlinable
func withStepBuffers<Scalar>(
  updates: inout [Scalar], parameters: [Scalar],
  _ body: (_ gradient: UnsafePointer<Scalar>, _ theta: UnsafePointer<Scalar>, _ output: UnsafeMutablePointer<Scalar>, _ count: Int) -> Void
) {
  precondition(updates.count == parameters.count, "update: \(updates.count) gradients for \(parameters.count) parameters")
  let n = parameters.count
  if n == 0 { return }
  parameters.withUnsafeBufferPointer { theta in
    updates.withUnsafeMutableBufferPointer { u in
      guard let out = u.baseAddress, let t = theta.baseAddress else { return }
      body(UnsafePointer(out), t, out, n)
    }
  }
}

/// The apply-form counterpart of ``withStepBuffers(updates:parameters:_:)``.
@inlinable
func withStepBuffers<Scalar>(
  gradient: [Scalar], parameters: inout [Scalar],
  _ body: (_ gradient: UnsafePointer<Scalar>, _ theta: UnsafePointer<Scalar>, _ output: UnsafeMutablePointer<Scalar>, _ count: Int) -> Void
) {
  precondition(gradient.count == parameters.count, "apply: \(gradient.count) gradients for \(parameters.count) parameters")
  let n = parameters.count
  if n == 0 { return }
  gradient.withUnsafeBufferPointer { g in
    parameters.withUnsafeMutableBufferPointer { theta in
      guard let gp = g.baseAddress, let out = theta.baseAddress else { return }
      body(gp, UnsafePointer(out), out, n)
    }
  }
}

/// The per-element arithmetic of one optimizer step: the constants of the
/// step and the addresses of the state arrays, and what happens to element i.
///
/// A struct rather than a closure, so that the loop in
/// ``forEachElement(_:_:_:_:_:_:)`` calls it directly, inlines it and vectorises.
protocol ElementStep: Sendable {
  associatedtype Scalar
  /// Whether ``prepare(_:_:)`` runs over each block of ``elementBlock``
  /// elements before the step does (a constant of the type, so no branch is
  /// left in the loop).
  static var preparesBlocks: Bool { get }
  /// The first part of a long step, for element i given gᵢ: it updates the
  /// state at i, which ``callAsFunction(_:_:_:_:)`` then reads while the block
  /// is still in L1. Two independent parts in flight keep the out-of-order
  /// core busier than one long dependent chain: AdaBayes-FP's step, split
  /// so, takes 0.77–0.79 ns/param in L2 at one AVX2 thread against 1.05 as one chain.
  func prepare(_ i: Int, _ gradient: Scalar)
  /// The new θᵢ (`apply`, the apply form) or Δᵢ (the update form), given gᵢ
  /// and θᵢ; updates the state at i. `apply` is a constant in each loop.
  func callAsFunction(_ i: Int, _ gradient: Scalar, _ parameter: Scalar, _ apply: Bool) -> Scalar
}

extension ElementStep {
  static var preparesBlocks: Bool { false }
  func prepare(_ i: Int, _ gradient: Scalar) {}
}

/// The elements ``ElementStep/prepare(_:_:)`` runs over before the step does.
/// Two blocks are in flight (g and two state arrays of one, θ and the same
/// state arrays of the one before): 12 KiB (Float) or 24 KiB (Double) of a
/// 32 KiB L1 cache. At 10M parameters 256 was within the noise of 512 and
/// 1 024 slower; in L2, 256 took 0.81 ns/param against 0.77 (AVX2, 1 thread).
let elementBlock = 512

/// The loop every element-wise optimizer runs: `step(i, gᵢ, θᵢ)` for every i,
/// stored in place.
///
/// Reads and writes go through `output` itself, which is the parameter buffer
/// in the apply form and the gradient buffer in the update form (see
/// ``withStepBuffers(updates:parameters:_:)``), so the compiler sees an
/// in-place update and vectorises it. Large steps are split across threads
/// (``KernelThreads``), or as the ``ParameterPartition`` in force says; every
/// element gets the same arithmetic, so the result depends on neither.
@inline(__always)
func forEachElement<Step: ElementStep>(
  _ g: UnsafePointer<Step.Scalar>, _ theta: UnsafePointer<Step.Scalar>, _ output: UnsafeMutablePointer<Step.Scalar>,
  _ n: Int, _ target: StepTarget, _ step: Step
) {
  if let partition = ParameterPartition.applying(to: n) {
    WorkerPool.shared.run(
      chunks: partition.shares.count, PartitionedElementJob(g: g, theta: theta, output: output, shares: partition.shares, target: target, step: step))
    return
  }
  let (chunks, size) = KernelThreads.chunking(count: n, threads: KernelThreads.count)
  if chunks == 1 {
    elementLoop(g, theta, output, 0..<n, target, step)
    return
  }
  WorkerPool.shared.run(chunks: chunks, ElementJob(g: g, theta: theta, output: output, n: n, chunks: chunks, size: size, target: target, step: step))
}

/// The chunks of one element-wise step, for ``WorkerPool``.
struct ElementJob<Step: ElementStep>: ChunkJob {
  let g: UnsafePointer<Step.Scalar>, theta: UnsafePointer<Step.Scalar>, output: UnsafeMutablePointer<Step.Scalar>
  let n: Int, chunks: Int, size: Int
  let target: StepTarget
  let step: Step

  @inline(__always)
  func run(_ chunk: Int) {
    let start = Swift.min(n, chunk * size)
    let end = chunk == chunks - 1 ? n : Swift.min(n, (chunk + 1) * size)
    elementLoop(g, theta, output, start..<end, target, step)
  }
}

/// The shares of one element-wise step under a ``ParameterPartition``.
struct PartitionedElementJob<Step: ElementStep>: ChunkJob {
  let g: UnsafePointer<Step.Scalar>, theta: UnsafePointer<Step.Scalar>, output: UnsafeMutablePointer<Step.Scalar>
  let shares: [[Range<Int>]]
  let target: StepTarget
  let step: Step

  @inline(__always)
  func run(_ chunk: Int) {
    for range in shares[chunk] { elementLoop(g, theta, output, range, target, step) }
  }
}

/// The loop of ``forEachElement(_:_:_:_:_:_:)`` over one chunk. For a step
/// that prepares blocks, the chunk is cut into blocks of ``elementBlock``
/// elements, and one loop runs ``ElementStep/prepare(_:_:)`` over block k
/// together with the step over block k − 1.
///
/// Never inlined: compiled as its own function for each step type, the C
/// square root inside it is inlined and the loop vectorised, on every thread.
@inline(never)
func elementLoop<Step: ElementStep>(
  _ g: UnsafePointer<Step.Scalar>, _ theta: UnsafePointer<Step.Scalar>, _ output: UnsafeMutablePointer<Step.Scalar>,
  _ range: Range<Int>, _ target: StepTarget, _ step: Step
) {
  guard Step.preparesBlocks else {
    stepLoop(g, theta, output, range, target, step)
    return
  }
  // Skewed by one block: the first part of the step for block k runs in the
  // same loop as the second part for block k − 1 (prepared in the turn
  // before, its state still in L1). The two are independent, so each one's
  // square roots overlap the other's, and the streams over g, the state and
  // θ never pause. With one block after another instead, AdaBayes-FP at 10M
  // parameters and 2 AVX2 threads took 0.63–0.67 ns/param, against
  // 0.53–0.59 skewed (roofline 0.44–0.50, same runs).
  var previous = range.lowerBound..<Swift.min(range.lowerBound + elementBlock, range.upperBound)
  for i in previous { step.prepare(i, g[i]) }
  while previous.upperBound < range.upperBound {
    // `previous` is a whole block here, at least as long as this one.
    let start = previous.upperBound, offset = previous.lowerBound
    let count = Swift.min(elementBlock, range.upperBound - start)
    // In the update form g is `output` itself: this block's part of it is
    // read here, before the next turn writes it.
    switch target {
    case .parameters:
      for j in 0..<count {
        step.prepare(start &+ j, g[start &+ j])
        output[offset &+ j] = step(offset &+ j, g[offset &+ j], output[offset &+ j], true)
      }
    case .increments:
      for j in 0..<count {
        step.prepare(start &+ j, output[start &+ j])
        output[offset &+ j] = step(offset &+ j, output[offset &+ j], theta[offset &+ j], false)
      }
    }
    stepLoop(g, theta, output, offset + count..<previous.upperBound, target, step)
    previous = start..<start + count
  }
  stepLoop(g, theta, output, previous, target, step)
}

/// `step` over `range`, in place: the loop LLVM vectorises.
@inline(__always)
private func stepLoop<Step: ElementStep>(
  _ g: UnsafePointer<Step.Scalar>, _ theta: UnsafePointer<Step.Scalar>, _ output: UnsafeMutablePointer<Step.Scalar>,
  _ range: Range<Int>, _ target: StepTarget, _ step: Step
) {
  switch target {
  case .parameters:
    for i in range { output[i] = step(i, g[i], output[i], true) }
  case .increments:
    for i in range { output[i] = step(i, output[i], theta[i], false) }
  }
}

/// A compile-time switch for a kernel's code path (AMSGrad's running
/// maximum, SGD's momentum buffer, …): a step generic over it is compiled
/// once per value, with no branch left in the loop, so the loop vectorises.
protocol StaticFlag {
  static var isOn: Bool { get }
}

/// The code path is taken.
enum FlagOn: StaticFlag {
  static var isOn: Bool { true }
}

/// The code path is not taken.
enum FlagOff: StaticFlag {
  static var isOn: Bool { false }
}
