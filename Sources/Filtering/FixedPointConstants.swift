/// The per-step constants of Eq. 20 ([AB-FP]), formed once per step so that
/// the loop forms no exponent per element:
/// ```
/// c = √((1/(2σ²))² + ε/η²),  k = min(2^−⌊log₂ c⌋, 1),  B = 2³²,  q = √⟨g²⟩/η
/// k/σ²₊ = k/(2σ²) + max(√((kc)² + min(kq, B)²), kq)         [AB-FP] [RANGE]
/// ```
/// Below B this is the plain formula scaled by the power of two k ≤ 1, so it
/// has the plain formula's bits, and kq ≤ q cannot overflow. At kq ≥ B,
/// (kc)² < 4 is below half an ulp of (kq)² in Float and Double alike: the
/// exact root rounds to kq, which the maximum returns. When (kc)² is 0 or
/// subnormal (in Float, c < 2⁻⁶³: ε ≈ 0 and σ² > 2⁶²), B is 0 and the root
/// is kq: c is dropped, as its square is below the normal range.
public struct FixedPointConstants<Scalar: FilterScalar> {
  /// 1/(2σ²) (0 when σ² = ∞).
  public let half: Scalar
  /// c = √((1/(2σ²))² + ε/η²), formed without overflow ([RANGE]).
  public let rootOfConstantTerms: Scalar
  /// 1/η.
  public let inverseEta: Scalar
  /// k, the power of two ≤ 1 with k·c in [1, 2) when c ≥ 1 (else 1), and 1/k.
  public let scale: Scalar, inverseScale: Scalar
  /// k/(2σ²).
  public let scaledHalf: Scalar
  /// (k·c)², 0 where it would be subnormal.
  public let scaledConstantSquare: Scalar
  /// B: the largest k·q whose square is formed; 0 where (k·c)² is.
  public let squaredTermBound: Scalar

  /// The constants for learning rate η, prior variance σ² (may be +∞) and ε ≥ 0.
  @inlinable
  public init(learningRate eta: Scalar, priorVariance sigma2: Scalar, epsilon: Scalar) {
    half = 1 / (2 * sigma2)
    let c = Scalar.kernelRootSumOfSquares(half, weight: 1, Scalar.kernelSquareRoot(epsilon) / eta, weight: 1)
    rootOfConstantTerms = c
    inverseEta = 1 / eta
    let k = Swift.min(Scalar.exponentScales(for: c).scale, 1)
    scale = k
    inverseScale = 1 / k
    scaledHalf = k * half
    let square = (k * c) * (k * c)
    scaledConstantSquare = square.isNormal ? square : 0
    squaredTermBound = square.isNormal ? Scalar(exactly: 4_294_967_296)! : 0  // 2³²
  }

  /// k/σ²₊ from kq = k·√⟨g²⟩/η: the part of Eq. 20 formed per parameter,
  /// with one square root, no division and no exponent.            [AB-FP] [RANGE]
  @inlinable @inline(__always)
  public func scaledPrecision(scaledRootOverEta kq: Scalar) -> Scalar {
    // min and max written as selects, which SSE2 does in one instruction each
    let bounded = kq < squaredTermBound ? kq : squaredTermBound
    let root = Scalar.kernelSquareRoot(scaledConstantSquare + bounded * bounded)
    return scaledHalf + (root > kq ? root : kq)
  }
}

extension FixedPointConstants: Sendable where Scalar: Sendable {}
