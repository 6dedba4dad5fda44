import CFastMath
import Linalg

/// The element types optimizers work in: `Float` and `Double`.
///
/// Element-wise optimizer code is generic over this protocol. Per-step
/// constants (bias corrections, schedule factors) are computed in `Double`,
/// as PyTorch computes them in Python floats, and converted once per step.
/// It refines Linalg's `BLASScalar`, so training code generic over it can
/// also run the models' BLAS products.
public protocol OptimizerScalar: BLASScalar {
  /// The correctly rounded square root, without errno, so that loops around it vectorise.
  static func kernelSquareRoot(_ x: Self) -> Self
}

extension Float: OptimizerScalar {
  @inlinable @inline(__always)
  public static func kernelSquareRoot(_ x: Float) -> Float { kfo_sqrtf(x) }
}

extension Double: OptimizerScalar {
  @inlinable @inline(__always)
  public static func kernelSquareRoot(_ x: Double) -> Double { kfo_sqrt(x) }
}
