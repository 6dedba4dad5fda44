import Foundation
import Synchronization
import Testing

@testable import Linalg

/// The pool's hand-over when a thread is preempted between its two atomic
/// operations. Each test holds one thread at that point (``HandshakeDelays``)
/// in a pool of its own (kept for the whole process, as its workers are),
/// runs jobs on a thread it can give up on (a broken hand-over hangs), and
/// counts the runs of every chunk. Each job follows another at once, so the
/// worker is still polling for its ticket, as in a training step.
@Suite("Worker pool hand-over", .tags(.property), .serialized)
struct WorkerPoolHandoverTests {
  /// Runs of each chunk of a two-chunk job.
  final class ChunkRuns: Sendable {
    let callerChunk = Atomic<Int>(0), workerChunk = Atomic<Int>(0)
    subscript(chunk: Int) -> Int {
      chunk == 0 ? callerChunk.load(ordering: .acquiring) : workerChunk.load(ordering: .acquiring)
    }
    func count(_ chunk: Int) {
      if chunk == 0 { callerChunk.add(1, ordering: .releasing) } else { workerChunk.add(1, ordering: .releasing) }
    }
  }

  /// Counts its chunks' runs; each first sleeps as long as it is told.
  struct CountingJob: ChunkJob {
    let runs: ChunkRuns
    var callerMicroseconds: UInt32 = 0, workerMicroseconds: UInt32 = 0
    func run(_ chunk: Int) {
      let pause = chunk == 0 ? callerMicroseconds : workerMicroseconds
      if pause > 0 { usleep(pause) }
      runs.count(chunk)
    }
  }

  /// Runs jobs one after another, arming `pause` after the `armed`th; the runs
  /// of each one's worker chunk when its `run` returned. The jobs after the
  /// one that meets the pause have a worker chunk of 20 ms, so a `run` that
  /// returns early returns before it.
  static func workerChunksAtReturn(_ pool: WorkerPool, jobs: Int, armingAfter armed: Int, _ pause: OneShotPause) -> [Int] {
    (0..<jobs).map { job in
      let runs = ChunkRuns()
      pool.run(chunks: 2, CountingJob(runs: runs, workerMicroseconds: job > armed ? 20_000 : 0))
      if job == armed - 1 { pause.arm() }
      return runs[1]
    }
  }

  /// A pause of `microseconds` the first time it is reached after `arm()`.
  final class OneShotPause: Sendable {
    let armed = Atomic<Bool>(false)
    let microseconds: UInt32
    init(microseconds: UInt32) { self.microseconds = microseconds }
    func arm() { armed.store(true, ordering: .sequentiallyConsistent) }
    func callAsFunction() { if armed.exchange(false, ordering: .sequentiallyConsistent) { usleep(microseconds) } }
  }

  /// Runs `body` on its own thread; false if it has not returned within 10 s.
  func returnsInTime(_ body: @escaping @Sendable () -> Void) -> Bool {
    let done = DispatchSemaphore(value: 0)
    Thread {
      body()
      done.signal()
    }.start()
    return done.wait(timeout: .now() + 10) == .success
  }

  // Threads poll for 5 ms before they park: longer than a wake-up on a busy
  // machine, so the worker is polling when each job follows the one before,
  // and shorter than the 50 ms pauses, so the thread left waiting by a
  // pause parks before it ends.
  static let finisherPause = OneShotPause(microseconds: 50_000)
  static let finisherPool = WorkerPool(spinNanoseconds: 5_000_000, delays: HandshakeDelays(afterLastChunk: { finisherPause() }))
  static let postPause = OneShotPause(microseconds: 50_000)
  static let postPool = WorkerPool(spinNanoseconds: 5_000_000, delays: HandshakeDelays(afterTicket: { postPause() }))

  /// The last worker of one job, preempted between its count reaching 0 and
  /// its look at the caller, must not end the next job early: the caller saw
  /// the 0 while polling and went on, and is parked in the next job when the
  /// worker's signal comes.
  @Test func lateFinisherDoesNotEndTheNextJob() {
    let allRan = Atomic<Bool>(false)
    let returned = returnsInTime {
      let atReturn = Self.workerChunksAtReturn(Self.finisherPool, jobs: 6, armingAfter: 3, Self.finisherPause)
      allRan.store(atReturn == [1, 1, 1, 1, 1, 1], ordering: .sequentiallyConsistent)
    }
    #expect(returned)
    // Every job's worker chunk had run, once, when its `run` returned.
    let everyChunkRan = allRan.load(ordering: .sequentiallyConsistent)
    #expect(everyChunkRan)
  }

  /// A caller preempted between posting a ticket and its look at the worker
  /// must not make the worker run its chunk twice: the worker took the chunk
  /// while polling, ran it and parked for the next before the caller looked.
  @Test func latePostDoesNotRunAChunkTwice() {
    let pool = Self.postPool
    let runs = ChunkRuns()
    let returned = returnsInTime {
      for _ in 0..<3 { pool.run(chunks: 2, CountingJob(runs: ChunkRuns())) }
      Self.postPause.arm()
      // The caller's chunk outlasts the worker's wake-up, so the job is
      // still posted when a late signal wakes the worker.
      pool.run(chunks: 2, CountingJob(runs: runs, callerMicroseconds: 20_000))
    }
    #expect(returned)
    usleep(50_000)  // time for a second run, had the late signal started one
    #expect(runs[0] == 1 && runs[1] == 1)
  }
}
