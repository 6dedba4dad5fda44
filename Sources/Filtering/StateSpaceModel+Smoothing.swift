import Linalg

extension StateSpaceModel {
  /// The Rauch–Tung–Striebel smoother: p(x_t | y_{1:T}) for every t.
  ///
  /// Backwards from the last filtered belief:
  /// ```
  /// Gᵀ = (P⁻_{t+1})⁻¹ F P_t            (Cholesky solve, no inverse)
  /// μˢ_t = μ_t + G (μˢ_{t+1} − μ⁻_{t+1})
  /// Pˢ_t = P_t + G (Pˢ_{t+1} − P⁻_{t+1}) Gᵀ                  [KF-RTS]
  /// ```
  /// - Parameter sequence: the output of ``filter(_:controls:)`` for this model.
  /// - Throws: ``LinalgError/notPositiveDefinite(leadingMinor:size:)`` if a
  ///   predicted covariance is singular (e.g. Q = 0 with a singular F).
  public func smooth(_ sequence: FilteredSequence) throws(LinalgError) -> [Gaussian] {
    let count = sequence.filtered.count
    guard count > 0 else { return [] }
    var smoothed = sequence.filtered
    let f = transition.matrix
    for t in stride(from: count - 2, through: 0, by: -1) {
      let filtered = sequence.filtered[t]
      let next = sequence.predicted[t + 1]
      let chol = try Cholesky(next.covariance)
      // [KF-RTS] Gᵀ = (P⁻_{t+1})⁻¹ F P_t
      let fp = Matrix.product(f, filtered.covariance)
      let gainTransposed = chol.solve(fp)  // n×n
      let meanGap = (0..<dimension).map { smoothed[t + 1].mean[$0] - next.mean[$0] }
      let meanCorrection = gainTransposed.applied(to: meanGap, .transposed)
      let mean = (0..<dimension).map { filtered.mean[$0] + meanCorrection[$0] }
      // [KF-RTS] Pˢ = P + G(Pˢ_{t+1} − P⁻_{t+1})Gᵀ
      var covariance = filtered.covariance
      covariance += (smoothed[t + 1].covariance - next.covariance).congruence(by: gainTransposed.transposed)
      covariance.symmetrize()
      smoothed[t] = Gaussian(unchecked: mean, covariance)
    }
    return smoothed
  }

  private var dimension: Int { stateDimension }
}
