import Filtering
import Linalg

/// The element types optimizers work in: `Float` and `Double`.
///
/// Element-wise optimizer code is generic over this protocol. Per-step
/// constants (bias corrections, schedule factors) are computed in `Double`,
/// as PyTorch computes them in Python floats, and converted once per step.
/// It refines Linalg's `BLASScalar`, so training code generic over it can
/// also run the models' BLAS products, and Filtering's `FilterScalar`, whose
/// `kernelSquareRoot` the loops use.
public protocol OptimizerScalar: BLASScalar, FilterScalar {}

extension Float: OptimizerScalar {}

extension Double: OptimizerScalar {}
