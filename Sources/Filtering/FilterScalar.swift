import CFastMath
import RealModule

/// The element types the scalar filter equations are written for: `Float`
/// and `Double`, with a square root that loops can vectorise and the powers
/// of two that keep squares in range.
public protocol FilterScalar: Real {
  /// The correctly rounded square root, without errno, so that loops around it vectorise.
  ///
  /// Swift lowers `squareRoot()` to a libm call on Linux, which may set errno;
  /// LLVM does not vectorise a loop around such a call.
  static func kernelSquareRoot(_ x: Self) -> Self

  /// The power of two k with k·m in [1, 2) for a finite normal m > 0 (for
  /// m ≥ 2^(b) k is 2^(1−b), b the exponent bias: 127 for Float, 1023 for
  /// Double), and its exact inverse (0 for m zero or subnormal); read off m's
  /// exponent bits, so loops around it vectorise.                        [RANGE]
  static func exponentScales(for magnitude: Self) -> (scale: Self, inverse: Self)
}

extension Float: FilterScalar {
  @inlinable @inline(__always)
  public static func kernelSquareRoot(_ x: Float) -> Float { kfo_sqrtf(x) }

  @inlinable @inline(__always)
  public static func exponentScales(for magnitude: Float) -> (scale: Float, inverse: Float) {
    // m in [2^(E−127), 2^(E−126)) has exponent field E: m's bits with all but the field
    // cleared are 2^(E−127), the inverse itself (capped at 2^126, and 0 for m zero or
    // subnormal); the scale 2^(127−E) has field 254 − E. Three vector operations.
    let field = Float(bitPattern: magnitude.bitPattern & 0x7F80_0000)
    let inverse = field < 0x1p126 ? field : 0x1p126
    return (Float(bitPattern: 0x7F00_0000 &- inverse.bitPattern), inverse)
  }
}

extension Double: FilterScalar {
  @inlinable @inline(__always)
  public static func kernelSquareRoot(_ x: Double) -> Double { kfo_sqrt(x) }

  @inlinable @inline(__always)
  public static func exponentScales(for magnitude: Double) -> (scale: Double, inverse: Double) {
    // As for Float: the field alone is 2^(E−1023), the inverse (capped at 2^1022); the
    // scale 2^(1023−E) has field 2046 − E.
    let field = Double(bitPattern: magnitude.bitPattern & 0x7FF0_0000_0000_0000)
    let inverse = field < 0x1p1022 ? field : 0x1p1022
    return (Double(bitPattern: 0x7FE0_0000_0000_0000 &- inverse.bitPattern), inverse)
  }
}
