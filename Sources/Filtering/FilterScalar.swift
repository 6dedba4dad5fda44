import CFastMath
import RealModule

/// The element types the scalar filter equations are written for: `Float`
/// and `Double`, with a square root that loops can vectorise.
public protocol FilterScalar: Real {
  /// The correctly rounded square root, without errno, so that loops around it vectorise.
  ///
  /// Swift lowers `squareRoot()` to a libm call on Linux, which may set errno;
  /// LLVM does not vectorise a loop around such a call.
  static func kernelSquareRoot(_ x: Self) -> Self
}

extension Float: FilterScalar {
  @inlinable @inline(__always)
  public static func kernelSquareRoot(_ x: Float) -> Float { kfo_sqrtf(x) }
}

extension Double: FilterScalar {
  @inlinable @inline(__always)
  public static func kernelSquareRoot(_ x: Double) -> Double { kfo_sqrt(x) }
}
