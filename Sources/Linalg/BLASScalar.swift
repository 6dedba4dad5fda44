import CLAPACK
import RealModule

/// The element types with BLAS kernels: `Float` (sgemm, …) and `Double` (dgemm, …).
///
/// Generic numerical code (models, optimizers) is written once against this
/// protocol and dispatches to the single- or double-precision routine.
/// Matrices are row-major; `lda` is the row stride.
public protocol BLASScalar: BinaryFloatingPoint, Real, Codable, Sendable {
  /// C ← α·op(A)·op(B) + β·C (row-major ?gemm).
  static func gemm(
    _ transA: Transposition, _ transB: Transposition, m: Int, n: Int, k: Int, alpha: Self,
    a: UnsafePointer<Self>, lda: Int, b: UnsafePointer<Self>, ldb: Int, beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int)

  /// y ← α·op(A)·x + β·y (row-major ?gemv; A is rows×columns).
  static func gemv(
    _ trans: Transposition, rows: Int, columns: Int, alpha: Self, a: UnsafePointer<Self>, lda: Int,
    x: UnsafePointer<Self>, beta: Self, y: UnsafeMutablePointer<Self>)
}

extension Float: BLASScalar {
  public static func gemm(
    _ transA: Transposition, _ transB: Transposition, m: Int, n: Int, k: Int, alpha: Float,
    a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int, beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
  ) {
    cblas_sgemm(
      CblasRowMajor, transA.cblas, transB.cblas, Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c,
      Int32(ldc))
  }

  public static func gemv(
    _ trans: Transposition, rows: Int, columns: Int, alpha: Float, a: UnsafePointer<Float>, lda: Int,
    x: UnsafePointer<Float>, beta: Float, y: UnsafeMutablePointer<Float>
  ) {
    cblas_sgemv(CblasRowMajor, trans.cblas, Int32(rows), Int32(columns), alpha, a, Int32(lda), x, 1, beta, y, 1)
  }
}

extension Double: BLASScalar {
  public static func gemm(
    _ transA: Transposition, _ transB: Transposition, m: Int, n: Int, k: Int, alpha: Double,
    a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int, beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int
  ) {
    cblas_dgemm(
      CblasRowMajor, transA.cblas, transB.cblas, Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c,
      Int32(ldc))
  }

  public static func gemv(
    _ trans: Transposition, rows: Int, columns: Int, alpha: Double, a: UnsafePointer<Double>, lda: Int,
    x: UnsafePointer<Double>, beta: Double, y: UnsafeMutablePointer<Double>
  ) {
    cblas_dgemv(CblasRowMajor, trans.cblas, Int32(rows), Int32(columns), alpha, a, Int32(lda), x, 1, beta, y, 1)
  }
}
