/// Sums of squares whose terms would overflow or underflow the scalar type.
///
/// A float32 gradient of 10²⁰ has a square of 10⁴⁰, beyond Float's 3.4·10³⁸;
/// one of 10⁻²⁰ squares to a subnormal with a few bits left. The filters keep
/// √⟨g²⟩ rather than ⟨g²⟩ and form their squares through these functions,
/// which first multiply by the power of two k that brings m = |x| + |y|
/// (between the larger magnitude and twice it) to [1, 2), and divide by it after:
/// ```
/// k = 2^−⌊log₂ m⌋  (exponentScales)
/// √(a·x² + b·y²) = √(a·(kx)² + b·(ky)²) / k                          [RANGE]
/// ```
/// The larger of kx, ky is then in [½, 2): its square cannot overflow, and a
/// square that underflows is below 2⁻¹²⁶ of the other, so it changes nothing.
/// Multiplying by a power of two commutes with rounding, so wherever the
/// plain formula neither overflows nor underflows the result has its bits.
/// No branch and no select between constants, so the optimizer loops around
/// these still vectorise and never compute with subnormals in the usual range.
extension FilterScalar {
  /// √(a·x² + b·y²) for weights a, b in [0, 1], with no overflow or underflow
  /// of the squares.                                                    [RANGE]
  @inlinable @inline(__always)
  public static func kernelRootSumOfSquares(_ x: Self, weight a: Self, _ y: Self, weight b: Self) -> Self {
    // From |x| + |y| (within a factor 2 of the larger, and no maximum to form: a
    // select that would cost SSE2 four vector operations); any power of two will do.
    let (k, inverse) = exponentScales(for: abs(x) + abs(y))
    let kx = k * x, ky = k * y
    return kernelSquareRoot(a * (kx * kx) + b * (ky * ky)) * inverse
  }
}
