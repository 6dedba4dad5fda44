import CFastMath
import Dispatch
import Foundation
import Synchronization

/// A fixed set of threads that run the chunks of one job: an optimizer step,
/// the NaN scan of a gradient, or one layer of an MLP pass.
///
/// `DispatchQueue.concurrentPerform` allocates on every call; an optimizer
/// step must not, so large steps run here instead. The calling thread runs
/// chunk 0 and workers 1…k−1 run the others. A worker polls its own ticket
/// for ``spinNanoseconds`` after each chunk before it parks on a semaphore,
/// and the caller polls for the chunks to finish before it parks, so each of
/// the dozen jobs of a training step, which follow one another within a
/// millisecond, costs a few hundred nanoseconds of hand-over rather than a
/// thread wake-up. A job with more chunks than processors parks at once. Nothing here allocates. One job
/// uses the pool at a time; a job that finds it busy (another thread running
/// one) runs its chunks on its own thread, which gives the same bits.
public final class WorkerPool: @unchecked Sendable {
  /// The process-wide pool, grown to the largest chunk count asked for.
  public static let shared = WorkerPool()

  /// How long an idle worker keeps polling before it parks (1 ms in the
  /// shared pool): longer than the gaps between the jobs of one training
  /// step, short enough that a worker left idle gives its core back almost at once.
  let spinNanoseconds: UInt64

  /// More threads than processors (`--threads 4` on two cores) must not
  /// poll: a polling thread would hold the core another one needs, until the
  /// scheduler's time slice ends. Jobs split that finely park at once.
  static let processors = Swift.max(1, ProcessInfo.processInfo.activeProcessorCount)

  /// Where a test holds a thread in the hand-over, standing in for its being
  /// preempted there (nothing in the process-wide pool).
  private let delays: HandshakeDelays
  /// Held by the job using the pool.
  private let busy = Atomic<Bool>(false)
  /// Guards `workers` while the pool grows.
  private let growth = NSLock()
  private var workers: [Worker] = []
  /// Chunks of the current job not yet finished by a worker.
  private let remaining = Atomic<Int>(0)
  /// How long threads poll in the current job: ``spinNanoseconds``, or 0
  /// when it has more chunks than there are processors.
  private let spinBudget = Atomic<UInt64>(0)
  /// The caller's side of the same handshake the workers use: set while it
  /// waits parked on `callerWake` for the last chunk.
  private let callerParked = Atomic<Bool>(false)
  private let callerWake = DispatchSemaphore(value: 0)
  /// The step being run, type-erased without allocating: the address of the
  /// caller's job value and a context-free function that runs one chunk of it.
  private var jobAddress: UnsafeRawPointer?
  private var jobRunner: ((UnsafeRawPointer, Int) -> Void)?

  init(spinNanoseconds: UInt64 = 1_000_000, delays: HandshakeDelays = HandshakeDelays()) {
    self.spinNanoseconds = spinNanoseconds
    self.delays = delays
  }

  /// One worker thread and the handshake that hands it a chunk.
  private final class Worker: @unchecked Sendable {
    /// Bumped by the caller for each chunk this worker is to run.
    let ticket = Atomic<Int>(0)
    /// True while the worker is parked (or about to park) on `wake`.
    let parked = Atomic<Bool>(false)
    let wake = DispatchSemaphore(value: 0)
    let index: Int
    let afterTicket: (@Sendable () -> Void)?
    init(index: Int, afterTicket: (@Sendable () -> Void)?) {
      self.index = index
      self.afterTicket = afterTicket
    }

    /// Hands the worker its next chunk, waking it if it has parked.
    func post() {
      ticket.add(1, ordering: .sequentiallyConsistent)
      afterTicket?()
      if parked.exchange(false, ordering: .sequentiallyConsistent) { wake.signal() }
    }

    /// Waits until the ticket moves past `seen`: polls, then parks.
    /// The ticket store and `parked` exchange in ``post()`` and the `parked`
    /// store and ticket load here are sequentially consistent, so either the
    /// worker sees the new ticket or the caller sees it parked and signals.
    /// A wake-up can be late: a worker that took its chunk while polling,
    /// before the caller's exchange saw it parked for the next one, gets that
    /// signal with no new ticket, and parks again.
    func awaitTicket(after seen: Int, polling budget: UInt64) -> Int {
      let start = DispatchTime.now().uptimeNanoseconds
      var polls = 0
      while budget > 0 {
        let current = ticket.load(ordering: .acquiring)
        if current != seen { return current }
        polls &+= 1
        if polls & 63 == 0, DispatchTime.now().uptimeNanoseconds &- start > budget { break }
        kfo_spin_pause()
      }
      while true {
        parked.store(true, ordering: .sequentiallyConsistent)
        let current = ticket.load(ordering: .sequentiallyConsistent)
        if current != seen, parked.exchange(false, ordering: .sequentiallyConsistent) { return current }
        // Either no chunk yet, or the caller has already cleared `parked` and signals.
        wake.wait()
        let woken = ticket.load(ordering: .acquiring)
        if woken != seen { return woken }
      }
    }
  }

  /// Runs `job.run(0)…job.run(chunks − 1)`, concurrently when the pool is free.
  ///
  /// Inlinable so that `Job.run` is specialised in the caller's module: the
  /// pool sees only a pointer to the job and a context-free function that
  /// runs one chunk of it, which allocates nothing to store.
  @inlinable
  public func run<Job: ChunkJob>(chunks: Int, _ job: Job) {
    let ranConcurrently =
      chunks > 1
      && withUnsafePointer(to: job) { address in
        dispatch(chunks: chunks, job: UnsafeRawPointer(address)) { context, chunk in
          context.assumingMemoryBound(to: Job.self).pointee.run(chunk)
        }
      }
    if !ranConcurrently {
      for chunk in 0..<chunks { job.run(chunk) }
    }
  }

  /// Runs chunk 0 of the job at `job` here and chunks 1… on the workers;
  /// false (nothing run) when another job holds the pool.
  @usableFromInline
  func dispatch(chunks: Int, job: UnsafeRawPointer, runner: @escaping (UnsafeRawPointer, Int) -> Void) -> Bool {
    guard claim() else { return false }
    defer { release() }
    ensureWorkers(chunks - 1)
    jobAddress = job
    jobRunner = runner
    spinBudget.store(chunks <= Self.processors ? spinNanoseconds : 0, ordering: .relaxed)
    remaining.store(chunks - 1, ordering: .relaxed)
    for k in 0..<(chunks - 1) { workers[k].post() }
    runner(job, 0)
    awaitWorkers()
    jobAddress = nil
    return true
  }

  /// Waits until every worker chunk is done: polls for the job's spin
  /// budget, then parks until the worker finishing the last chunk signals.
  /// (The same sequentially consistent handshake as ``Worker/awaitTicket(after:polling:)``.)
  /// A wake-up can be late: the last worker of the job before, preempted
  /// between its count reaching 0 (which the caller saw while polling) and
  /// its exchange, signals this job's parked caller; it parks again.
  private func awaitWorkers() {
    let budget = spinBudget.load(ordering: .relaxed)
    let start = DispatchTime.now().uptimeNanoseconds
    var polls = 0
    while budget > 0 {
      if remaining.load(ordering: .acquiring) == 0 { return }
      polls &+= 1
      if polls & 63 == 0, DispatchTime.now().uptimeNanoseconds &- start > budget { break }
      kfo_spin_pause()
    }
    while true {
      callerParked.store(true, ordering: .sequentiallyConsistent)
      if remaining.load(ordering: .sequentiallyConsistent) == 0, callerParked.exchange(false, ordering: .sequentiallyConsistent) { return }
      // Either chunks are still running, or the last worker has already cleared `callerParked` and signals.
      callerWake.wait()
      if remaining.load(ordering: .acquiring) == 0 { return }
    }
  }

  /// Called by a worker after its chunk: wakes the caller if it was the last and the caller has parked.
  private func finishChunk() {
    guard remaining.subtract(1, ordering: .sequentiallyConsistent).newValue == 0 else { return }
    delays.afterLastChunk?()
    if callerParked.exchange(false, ordering: .sequentiallyConsistent) { callerWake.signal() }
  }

  /// Takes the pool; false when another job holds it.
  private func claim() -> Bool {
    busy.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged
  }

  private func release() { busy.store(false, ordering: .releasing) }

  private func ensureWorkers(_ count: Int) {
    growth.lock()
    defer { growth.unlock() }
    while workers.count < count {
      let worker = Worker(index: workers.count + 1, afterTicket: delays.afterTicket)
      workers.append(worker)
      let thread = Thread { [unowned self] in
        var seen = 0
        while true {
          seen = worker.awaitTicket(after: seen, polling: self.spinBudget.load(ordering: .relaxed))
          if let address = self.jobAddress, let runner = self.jobRunner { runner(address, worker.index) }
          self.finishChunk()
        }
      }
      thread.name = "kalmanopt-kernel-\(worker.index)"
      thread.start()
    }
  }
}

/// One job's work, split into chunks that may run on different threads.
public protocol ChunkJob {
  func run(_ chunk: Int)
}

/// Pauses a test puts into a pool's hand-over, each standing in for a thread
/// preempted at that point: after a ticket is posted and before the caller
/// looks whether the worker has parked, and after the last worker chunk of a
/// job is counted and before its worker looks whether the caller has parked.
struct HandshakeDelays: Sendable {
  var afterTicket: (@Sendable () -> Void)?
  var afterLastChunk: (@Sendable () -> Void)?
}
