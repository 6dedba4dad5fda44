import CLAPACK
import Filtering
import Linalg
import Models

/// The full-covariance measurement update (m observations of n states)
/// timed against the bare BLAS/LAPACK calls it is made of, on preallocated
/// buffers: dsymm (U = AP), dgemm (S = I + UAᵀ), dpotrf (S = LLᵀ), dtrsm
/// (Z = L⁻¹U), dsyrk (P ← P − ZᵀZ) and dsymv (μ ← μ − PG).
///
/// The update is the one the `kalman` optimizer runs, keeping P's lower
/// triangle only. The fraction = reference time / update time is what the
/// toolkit's bookkeeping costs on top of LAPACK: validation, allocation and
/// symmetrising S. (`Gaussian.update(with:)` also mirrors P, an extra n²
/// pass, so that callers get a full matrix.)
public struct KalmanUpdateBenchmark: Sendable {
  /// States.
  public var n: Int
  /// Observations per update.
  public var m: Int

  public init(n: Int, m: Int) {
    self.n = n
    self.m = m
  }

  /// The cases `kfopt bench` runs: the FilterPy/NumPy anchor sizes, scalar and n/8 observations.
  public static let standard = [
    KalmanUpdateBenchmark(n: 256, m: 1), KalmanUpdateBenchmark(n: 1024, m: 1), KalmanUpdateBenchmark(n: 2048, m: 1),
    KalmanUpdateBenchmark(n: 256, m: 32), KalmanUpdateBenchmark(n: 1024, m: 128), KalmanUpdateBenchmark(n: 2048, m: 256),
  ]

  /// Median times of `repetitions` updates, ours and the reference, interleaved.
  ///
  /// Each side updates its own copy of the same prior repeatedly; with the
  /// small evidence used the covariance stays positive definite throughout.
  public func measure(repetitions: Int) throws(LinalgError) -> BenchmarkRow {
    var random = SplitMix64(seed: UInt64(n * 31 + m))
    // Prior P = BBᵀ/n + I (well conditioned), evidence A with entries of size 1/√n.
    let b = try Matrix(rows: n, columns: n, elements: (0..<(n * n)).map { _ in random.nextGaussian() })
    var prior = b.gram(.none, scale: 1 / Double(n))
    for i in 0..<n { prior[i, i] += 1 }
    let a = try Matrix(rows: m, columns: n, elements: (0..<(m * n)).map { _ in random.nextGaussian() / Double(n).squareRoot() })
    let gradient = (0..<n).map { _ in random.nextGaussian() }
    let evidence = try DenseQuadraticEvidence(gradient: gradient, curvatureFactor: a)

    var mean = [Double](repeating: 0, count: n), covariance = prior
    var reference = ReferenceUpdate(prior: prior, a: a, gradient: gradient)
    var ours: [Double] = [], theirs: [Double] = []
    var failure: LinalgError?
    for rep in 0...Swift.max(1, repetitions) {
      let t0 = Stopwatch.samples(repetitions: 1, warmUp: 0) {
        do throws(LinalgError) {
          try Gaussian.applyEvidence(evidence, mean: &mean, lowerCovariance: &covariance, mirror: false)
        } catch {
          failure = error
        }
      }
      let t1 = Stopwatch.samples(repetitions: 1, warmUp: 0) { reference.run() }
      if rep > 0 {  // the first of each is a warm-up
        ours += t0
        theirs += t1
      }
    }
    if let failure { throw failure }
    let flops = 3 * Double(n) * Double(n) * Double(m) + 3 * Double(n) * Double(m) * Double(m) + Double(m * m * m) / 3
    let oursMedian = Stopwatch.median(ours), theirsMedian = Stopwatch.median(theirs)
    return BenchmarkRow(
      name: "kalman-update n=\(n) m=\(m)", count: n, threads: BLASThreads.count,
      nanosecondsPerElement: oursMedian * 1e9 / Double(n), referenceNanosecondsPerElement: theirsMedian * 1e9 / Double(n),
      bytesPerElement: 0, reference: (m == 1 ? "dsymv" : "dsymm") + "+dgemm+dpotrf+dtrsm+dsyrk+dsymv",
      note: String(
        format: "%.1f µs/update (reference %.1f µs), %.1f GFLOP/s", oursMedian * 1e6, theirsMedian * 1e6, flops / oursMedian / 1e9))
  }
}

/// The same update as bare CBLAS/LAPACKE calls on buffers allocated once.
struct ReferenceUpdate {
  let n: Int, m: Int
  var p: [Double], a: [Double], g: [Double], mu: [Double], u: [Double], s: [Double], step: [Double]

  init(prior: Matrix, a: Matrix, gradient: [Double]) {
    n = prior.rows
    m = a.rows
    p = prior.elements
    self.a = a.elements
    g = gradient
    mu = [Double](repeating: 0, count: n)
    u = [Double](repeating: 0, count: m * n)
    s = [Double](repeating: 0, count: m * m)
    step = [Double](repeating: 0, count: n)
  }

  mutating func run() {
    let n32 = Int32(n), m32 = Int32(m)
    // U = A·P (dsymm from the right, P's lower triangle; dsymv for one row)
    if m == 1 {
      cblas_dsymv(CblasRowMajor, CblasLower, n32, 1, p, n32, a, 1, 0, &u, 1)
    } else {
      cblas_dsymm(CblasRowMajor, CblasRight, CblasLower, m32, n32, 1, p, n32, a, n32, 0, &u, n32)
    }
    // S = I + U·Aᵀ
    for i in 0..<m {
      for j in 0..<m { s[i * m + j] = i == j ? 1 : 0 }
    }
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, m32, m32, n32, 1, u, n32, a, n32, 1, &s, m32)
    _ = LAPACKE_dpotrf(LAPACK_ROW_MAJOR, CChar(UInt8(ascii: "L")), m32, &s, m32)
    // Z = L⁻¹U, in place in U
    cblas_dtrsm(CblasRowMajor, CblasLeft, CblasLower, CblasNoTrans, CblasNonUnit, m32, n32, 1, s, m32, &u, n32)
    // P ← P − ZᵀZ (lower triangle)
    cblas_dsyrk(CblasRowMajor, CblasLower, CblasTrans, n32, m32, -1, u, n32, 1, &p, n32)
    // μ ← μ − P·G
    cblas_dsymv(CblasRowMajor, CblasLower, n32, 1, p, n32, g, 1, 0, &step, 1)
    for i in 0..<n { mu[i] -= step[i] }
  }
}
