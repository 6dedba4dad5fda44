import CLAPACK

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
    set { openblas_set_num_threads(Int32(Swift.max(1, newValue))) }
  }
}
