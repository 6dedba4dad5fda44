import RealModule

/// The element types optimizers work in: `Float` and `Double`.
///
/// Element-wise optimizer code is generic over this protocol. Per-step
/// constants (bias corrections, schedule factors) are computed in `Double`,
/// as PyTorch computes them in Python floats, and converted once per step.
public protocol OptimizerScalar: BinaryFloatingPoint, Real, Codable, Sendable {}

extension Float: OptimizerScalar {}
extension Double: OptimizerScalar {}
