import CLAPACK
import Foundation

/// The threads OpenBLAS uses for one BLAS or LAPACK call.
///
/// OpenBLAS reads `OPENBLAS_NUM_THREADS` when the library loads (default:
/// all processors); setting ``count`` overrides it for the rest of the run.
/// Its worker threads keep spinning for a while after each call, so code
/// that runs its own threads right after a BLAS call (the optimizer kernels)
/// competes with them; `kfopt` sets both from one `--threads` option.
public enum BLASThreads {
  /// The threads the next BLAS call may use.
  public static var count: Int {
    get { Int(openblas_get_num_threads()) }
    set { openblas_set_num_threads(Int32(clamping: Swift.max(1, newValue))) }
  }
}

extension BLASThreads {
  /// Scopes running with BLAS on one thread, and the count to restore when
  /// the last of them ends. (An `NSLock`, which ThreadSanitizer follows.)
  private final class OneThreadScopes: @unchecked Sendable {
    let lock = NSLock()
    var depth = 0
    var saved = 1
  }
  private static let scopes = OneThreadScopes()

  /// Runs `body` with BLAS on one thread, then restores the count: for code
  /// that splits its products over ``WorkerPool`` itself, where a threaded
  /// BLAS call inside each share would put more threads than cores to work.
  /// Scopes may overlap (nested, or on several threads): the first to begin
  /// sets one thread, the last to end restores what it found.
  public static func withOneThread<R>(_ body: () throws -> R) rethrows -> R {
    let scopes = Self.scopes
    scopes.lock.lock()
    if scopes.depth == 0 {
      scopes.saved = count
      if scopes.saved != 1 { count = 1 }
    }
    scopes.depth += 1
    scopes.lock.unlock()
    defer {
      scopes.lock.lock()
      scopes.depth -= 1
      if scopes.depth == 0, scopes.saved != 1 { count = scopes.saved }
      scopes.lock.unlock()
    }
    return try body()
  }
}
