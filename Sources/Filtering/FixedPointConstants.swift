/// The per-step constants of Eq. 20 ([AB-FP]): 1/(2σ²), √(1/(4σ⁴) + ε/η²)
/// and 1/η, formed once per step rather than once per parameter.
public struct FixedPointConstants<Scalar: FilterScalar> {
  /// 1/(2σ²) (0 when σ² = ∞).
  public let half: Scalar
  /// √((1/(2σ²))² + ε/η²), formed without overflow ([RANGE]).
  public let rootOfConstantTerms: Scalar
  /// 1/η.
  public let inverseEta: Scalar

  /// The constants for learning rate η, prior variance σ² (may be +∞) and ε ≥ 0.
  @inlinable
  public init(learningRate eta: Scalar, priorVariance sigma2: Scalar, epsilon: Scalar) {
    half = 1 / (2 * sigma2)
    rootOfConstantTerms = Scalar.kernelRootSumOfSquares(half, weight: 1, Scalar.kernelSquareRoot(epsilon) / eta, weight: 1)
    inverseEta = 1 / eta
  }
}

extension FixedPointConstants: Sendable where Scalar: Sendable {}
