import Linalg

// The dense Kalman predict and update. The same equations as ScalarGaussian,
// in matrix form; products through BLAS, solves through Cholesky (LAPACK).

extension Gaussian {
  /// The belief one step later under `transition`, with an optional control input u.
  ///
  /// ```
  /// μ⁻ = F μ + B u
  /// P⁻ = F P Fᵀ + Q                                         [KF-P]
  /// ```
  /// - Throws: ``LinalgError/dimensionMismatch(operation:expected:actual:)`` when the
  ///   transition's dimension differs from the belief's, or a control is given
  ///   without a control matrix (or has the wrong length).
  public func predicted(by transition: LinearTransition, control: [Double]? = nil) throws(LinalgError) -> Gaussian {
    guard transition.dimension == dimension else {
      throw .dimensionMismatch(operation: "Gaussian.predicted(by:)", expected: "transition of \(dimension)", actual: "\(transition.dimension)")
    }
    // [KF-P] μ⁻ = Fμ (+ Bu)
    var newMean = transition.matrix * mean
    if let control {
      guard let b = transition.controlMatrix, b.columns == control.count else {
        throw .dimensionMismatch(
          operation: "Gaussian.predicted(by:control:)", expected: "control of \(transition.controlMatrix?.columns ?? 0)",
          actual: "\(control.count)")
      }
      if let bad = control.firstIndex(where: { !$0.isFinite }) { throw .nonFinite(operation: "control", index: bad) }
      let bu = b * control
      for i in 0..<dimension { newMean[i] += bu[i] }
    }
    // [KF-P] P⁻ = FPFᵀ + Q
    var newCovariance = covariance.congruence(by: transition.matrix)
    newCovariance += transition.noiseCovariance
    return Gaussian(unchecked: newMean, newCovariance)
  }

  /// The posterior after observing y through `observation`.
  ///
  /// ```
  /// ν = y − H μ⁻,   S = H P⁻ Hᵀ + R,   Kᵀ = S⁻¹ (H P⁻)   (Cholesky solve)
  /// μ₊ = μ⁻ + K ν                                           [KF-U]
  /// P₊ = (I − KH) P⁻ (I − KH)ᵀ + K R Kᵀ                     [KF-JOSEPH]
  /// ```
  /// No inverse is formed: the gain comes from `dpotrs` on the factor of S.
  ///
  /// - Parameters:
  ///   - y: the observation; `nil` entries are missing and are skipped (the
  ///     update then uses the rows of H and rows/columns of R of the
  ///     observed components only). All missing: the posterior is the prior.
  ///   - form: ``CovarianceUpdateForm/joseph`` (default) or ``CovarianceUpdateForm/simple``.
  /// - Throws: ``LinalgError`` for mismatched shapes, non-finite observed
  ///   values, or an S that is not positive definite.
  public func updated(
    by observation: LinearObservation, observing y: [Double?], form: CovarianceUpdateForm = .joseph
  ) throws(LinalgError) -> KalmanUpdate {
    guard observation.stateDimension == dimension else {
      throw .dimensionMismatch(
        operation: "Gaussian.updated(by:observing:)", expected: "H with \(dimension) columns",
        actual: "\(observation.stateDimension)")
    }
    guard y.count == observation.dimension else {
      throw .dimensionMismatch(
        operation: "Gaussian.updated(by:observing:)", expected: "observation of \(observation.dimension)", actual: "\(y.count)")
    }
    for (i, value) in y.enumerated() where value.map({ !$0.isFinite }) ?? false {
      throw .nonFinite(operation: "observation", index: i)
    }
    let present = y.map { $0 != nil }
    let observed = present.indices.filter { present[$0] }
    if observed.isEmpty { return KalmanUpdate(posterior: self, innovation: nil) }
    let model = observed.count == y.count ? observation : observation.restricted(to: present)
    let values = y.compactMap { $0 }
    return try update(model, values, observed, form)
  }

  /// The posterior after observing every component of y (no missing values).
  public func updated(
    by observation: LinearObservation, observing y: [Double], form: CovarianceUpdateForm = .joseph
  ) throws(LinalgError) -> KalmanUpdate {
    try updated(by: observation, observing: y.map { Optional($0) }, form: form)
  }

  private func update(
    _ observation: LinearObservation, _ y: [Double], _ observed: [Int], _ form: CovarianceUpdateForm
  ) throws(LinalgError) -> KalmanUpdate {
    let h = observation.matrix
    // [KF-U] ν = y − Hμ⁻
    let predictedObservation = h * mean
    let residual = (0..<y.count).map { y[$0] - predictedObservation[$0] }
    // [KF-U] S = HP⁻Hᵀ + R, with P⁻Hᵀ kept for the gain
    let pht = covariance.symmetricProduct(h.transposed)  // n×m
    var s = Matrix.product(h, pht)
    s += observation.noiseCovariance
    s.symmetrize()
    let chol = try Cholesky(s)
    // [KF-U] Kᵀ = S⁻¹(HP⁻) — a Cholesky solve, never S⁻¹ itself
    let gainTransposed = chol.solve(pht.transposed)  // m×n
    // [KF-U] μ₊ = μ⁻ + Kν
    let correction = gainTransposed.applied(to: residual, .transposed)
    let newMean = (0..<dimension).map { mean[$0] + correction[$0] }
    var newCovariance: Matrix
    switch form {
    case .joseph:
      // [KF-JOSEPH] P₊ = (I − KH)P⁻(I − KH)ᵀ + KRKᵀ
      var a = Matrix.identity(dimension)
      a.addProduct(gainTransposed, .transposed, h, .none, scale: -1, accumulate: 1)
      newCovariance = covariance.congruence(by: a)
      newCovariance += observation.noiseCovariance.congruence(by: gainTransposed.transposed)
    case .simple:
      // P₊ = P⁻ − KSKᵀ = P⁻ − (P⁻Hᵀ)Kᵀ
      newCovariance = covariance
      newCovariance.addProduct(pht, .none, gainTransposed, .none, scale: -1, accumulate: 1)
    }
    newCovariance.symmetrize()
    // [KF-LL] log N(ν; 0, S) and NIS = νᵀS⁻¹ν
    let nis = chol.inverseQuadraticForm(residual)
    let logLikelihood = Gaussian.logNormalDensity(mahalanobis: nis, logDeterminant: chol.logDeterminant, dimension: y.count)
    let innovation = Innovation(
      residual: residual, covariance: s, logLikelihood: logLikelihood, normalizedSquaredInnovation: nis,
      observedComponents: observed)
    return KalmanUpdate(posterior: Gaussian(unchecked: newMean, newCovariance), innovation: innovation)
  }
}
