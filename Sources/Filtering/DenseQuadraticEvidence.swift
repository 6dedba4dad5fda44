import Linalg

/// Quadratic evidence about an n-dimensional state, the matrix form of ``QuadraticEvidence``.
///
/// ```
/// −log p(data | x) ≈ c + Gᵀ(x − μ⁻) + ½(x − μ⁻)ᵀ AᵀA (x − μ⁻)        [KF-EV]
/// ```
/// G is the gradient of the negative log-likelihood at the prior mean and the
/// curvature is given by a factor A (m × n), C = AᵀA, so that updates cost
/// O(n²m) instead of O(n³). Sources:
///
/// | evidence | G | A |
/// |---|---|---|
/// | linear-Gaussian y = Hx + v, v ~ N(0, R = LLᵀ) | HᵀR⁻¹(Hμ⁻ − y) | L⁻¹H |
/// | linearised likelihood (EKF, Gauss–Newton/Fisher) | Σᵢ Jᵢᵀ∇ᵢ | rows Λᵢ^{1/2}ᵀ Jᵢ |
/// | a gradient with its outer product (full-matrix AdaBayes) | g | gᵀ |
public struct DenseQuadraticEvidence: Sendable, Equatable {
  /// G (n): the gradient of the negative log-likelihood at the prior mean.
  public let gradient: [Double]
  /// A (m × n): the curvature is AᵀA.
  public let curvatureFactor: Matrix

  /// Evidence with gradient G and curvature factor A.
  ///
  /// - Throws: ``LinalgError`` when A does not have G's length as its column
  ///   count, or an entry is not finite.
  public init(gradient: [Double], curvatureFactor: Matrix) throws(LinalgError) {
    guard curvatureFactor.columns == gradient.count else {
      throw .dimensionMismatch(
        operation: "DenseQuadraticEvidence", expected: "A with \(gradient.count) columns", actual: "\(curvatureFactor.columns)")
    }
    if let bad = gradient.firstIndex(where: { !$0.isFinite }) { throw .nonFinite(operation: "evidence gradient", index: bad) }
    if let bad = curvatureFactor.elements.firstIndex(where: { !$0.isFinite }) {
      throw .nonFinite(operation: "evidence curvature factor", index: bad)
    }
    self.gradient = gradient
    self.curvatureFactor = curvatureFactor
  }
}

extension Gaussian {
  /// The posterior after quadratic evidence, in place: precisions add, the mean takes a Newton step.
  ///
  /// ```
  /// 1/σ²₊ = 1/σ²⁻ + λ   becomes   P₊ = (P⁻¹ + AᵀA)⁻¹
  ///   = P − ZᵀZ,  Z = L⁻¹(AP),  LLᵀ = S = I + APAᵀ     (Woodbury; dsymm, dpotrf, dtrsm, dsyrk)   [KF-U]
  /// μ₊ = μ⁻ − P₊G                                                                                   [KF-U]
  /// ```
  /// The covariance is a symmetric rank-m downdate (symmetric by construction,
  /// O(n²m)); S ⪰ I keeps the factorisation well conditioned.
  ///
  /// - Throws: ``LinalgError`` for a dimension mismatch (nothing changes then).
  public mutating func update(with evidence: DenseQuadraticEvidence) throws(LinalgError) {
    try Gaussian.applyEvidence(evidence, mean: &mean, lowerCovariance: &covariance, mirror: true)
  }

  /// ``update(with:)`` returning the posterior.
  public func updated(with evidence: DenseQuadraticEvidence) throws(LinalgError) -> Gaussian {
    var copy = self
    try copy.update(with: evidence)
    return copy
  }

  /// The evidence update on a mean and a covariance whose lower triangle is
  /// valid; with `mirror` the result is a full symmetric matrix, without only
  /// the lower triangle is written (for loops that never read the upper one).
  public static func applyEvidence(
    _ evidence: DenseQuadraticEvidence, mean: inout [Double], lowerCovariance p: inout Matrix, mirror: Bool
  ) throws(LinalgError) {
    let n = mean.count, a = evidence.curvatureFactor, m = a.rows
    guard evidence.gradient.count == n, p.rows == n, p.columns == n else {
      throw .dimensionMismatch(operation: "Gaussian.update(with:)", expected: "evidence over \(p.rows) quantities", actual: "\(evidence.gradient.count)")
    }
    if m > 0 {
      // [KF-U] U = AP (m×n, via dsymm on Aᵀ) and S = I + UAᵀ = I + APAᵀ
      let u = p.symmetricProduct(leftFactor: a)  // m×n: AP
      var s = Matrix.identity(m)
      s.addProduct(u, .none, a, .transposed, scale: 1, accumulate: 1)
      s.symmetrize()
      let z = try Cholesky(s).whiten(u)  // L⁻¹(AP), m×n
      // [KF-U] P₊ = P − ZᵀZ  (symmetric rank-m downdate, dsyrk)
      p.addGram(of: z, .transposed, scale: -1, accumulate: 1, mirror: mirror)
    } else if mirror {
      p.mirrorLowerTriangle()
    }
    // [KF-U] μ₊ = μ − P₊G
    let step = p.symmetricApplied(to: evidence.gradient)
    for i in 0..<n { mean[i] -= step[i] }
  }
}
