import Dispatch
import Foundation
import Synchronization

/// A fixed set of parked threads that run the chunks of one optimizer step.
///
/// `DispatchQueue.concurrentPerform` allocates on every call; an optimizer
/// step must not, so large steps run here instead. The calling thread runs
/// chunk 0 and workers 1…k−1 run the others; each worker waits on its own
/// semaphore and reports on a shared one, neither of which allocates. One
/// step uses the pool at a time; a step that finds it busy (another thread
/// stepping another optimizer) runs its chunks on its own thread, which gives
/// the same bits.
final class KernelWorkers: @unchecked Sendable {
  /// The process-wide pool, grown to the largest chunk count asked for.
  static let shared = KernelWorkers()

  /// Held by the step using the pool.
  private let busy = Mutex(false)
  /// Guards `workers` while the pool grows.
  private let growth = NSLock()
  private var workers: [Worker] = []
  private let finished = DispatchSemaphore(value: 0)
  /// The step being run, type-erased without allocating: the address of the
  /// caller's job value and a context-free function that runs one chunk of it.
  private var jobAddress: UnsafeRawPointer?
  private var jobRunner: ((UnsafeRawPointer, Int) -> Void)?

  /// One parked thread.
  private final class Worker: @unchecked Sendable {
    let wake = DispatchSemaphore(value: 0)
    let index: Int
    init(index: Int) { self.index = index }
  }

  /// Runs `job.run(0)…job.run(chunks − 1)`, concurrently when the pool is free.
  @inline(__always)
  func run<Job: ChunkJob>(chunks: Int, _ job: Job) {
    guard chunks > 1, claim() else {
      for chunk in 0..<chunks { job.run(chunk) }
      return
    }
    defer { release() }
    ensureWorkers(chunks - 1)
    withUnsafePointer(to: job) { address in
      jobAddress = UnsafeRawPointer(address)
      // Captures nothing once specialised, so storing it allocates nothing.
      jobRunner = { context, chunk in context.assumingMemoryBound(to: Job.self).pointee.run(chunk) }
      for k in 0..<(chunks - 1) { workers[k].wake.signal() }
      job.run(0)
      for _ in 0..<(chunks - 1) { finished.wait() }
      jobAddress = nil
    }
  }

  /// Takes the pool; false when another step holds it.
  private func claim() -> Bool {
    busy.withLock { taken in
      if taken { return false }
      taken = true
      return true
    }
  }

  private func release() { busy.withLock { $0 = false } }

  private func ensureWorkers(_ count: Int) {
    growth.lock()
    defer { growth.unlock() }
    while workers.count < count {
      let worker = Worker(index: workers.count + 1)
      workers.append(worker)
      let thread = Thread { [unowned self] in
        while true {
          worker.wake.wait()
          if let address = self.jobAddress, let runner = self.jobRunner { runner(address, worker.index) }
          self.finished.signal()
        }
      }
      thread.name = "kalmanopt-kernel-\(worker.index)"
      thread.start()
    }
  }
}

/// One step's work, split into chunks that may run on different threads.
protocol ChunkJob {
  func run(_ chunk: Int)
}
