import Linalg

extension SteadyState {
  /// The full-matrix AdaBayes fixed point: the stationary posterior precision
  /// of the full-covariance filter under a second moment M = ⟨ggᵀ⟩.
  ///
  /// ```
  /// P⁻¹ = 1/(2σ²)·I + (1/(4σ⁴)·I + M/η²)^{1/2}                         [FC-FP]
  /// ```
  /// the positive root of P⁻² − P⁻¹/σ² − M/η² = 0 (Eq. 19 with matrices; all
  /// terms commute because they are functions of M). Computed from M = VΛVᵀ
  /// (dsyevd): P⁻¹ = V·diag(1/(2σ²) + √(1/(4σ⁴) + λᵢ/η²))·Vᵀ.
  ///
  /// Limits: for diagonal M this is AdaBayes-FP's Eq. 20 element by element;
  /// when M/η² ≫ 1/(4σ⁴) it tends to full-matrix Adam, P = η·M^{−1/2}, with
  /// relative gap ≈ η/(2σ²√λ_min(M))                                         [FC-FP-ADAM]
  ///
  /// - Returns: the precision P⁻¹ and the covariance P (both symmetric).
  /// - Throws: ``LinalgError`` when M is not square, symmetric and finite.
  public static func fullMatrixFixedPoint(
    learningRate eta: Double, priorVariance sigma2: Double, secondMoment m: Matrix
  ) throws(LinalgError) -> (precision: Matrix, covariance: Matrix) {
    try m.validateSymmetric("SteadyState.fullMatrixFixedPoint second moment")
    let eigen = try SymmetricEigen(m.symmetrized())
    // [FC-FP] per eigenvalue: 1/(2σ²) + √(1/(4σ⁴) + λ/η²), the scalar [AB-FP] of each eigen-direction.
    // Rounding can leave tiny negative eigenvalues of a PSD M; they are clamped at 0.
    func precision(_ lambda: Double) -> Double {
      fixedPointPrecision(learningRate: eta, priorVariance: sigma2, meanSquaredGradient: Swift.max(0, lambda))
    }
    return (eigen.applying(precision), eigen.applying { 1 / precision($0) })
  }
}
