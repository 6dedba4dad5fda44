import Filtering
import Linalg
import Models
import RealModule
import TestSupport
import Testing

/// A two-state, two-output model with correlated noise.
private func smallModel() throws -> StateSpaceModel {
  try StateSpaceModel(
    initial: try Gaussian(mean: [1, -1], covariance: try Matrix([[2, 0.3], [0.3, 1]])),
    transition: try LinearTransition(matrix: try Matrix([[0.9, 0.2], [-0.1, 0.8]]), noiseCovariance: try Matrix([[0.2, 0.05], [0.05, 0.1]])),
    observation: try LinearObservation(matrix: try Matrix([[1, 0], [0.5, 1]]), noiseCovariance: try Matrix([[0.3, 0.1], [0.1, 0.4]])))
}

/// log p(y_{1:T}) evaluated directly: the stacked observations are jointly
/// Gaussian, with Cov(x_s, x_t) = F^{t−s} P_s (t ≥ s), P_{s+1} = F P_s Fᵀ + Q and
/// x₁ = F x₀ + w (the initial belief is about x₀).
private func stackedLogLikelihood(_ model: StateSpaceModel, _ ys: [[Double?]]) throws -> Double {
  let t = ys.count, n = model.stateDimension, m = model.observationDimension
  let f = model.transition.matrix, h = model.observation.matrix
  var means = [f * model.initial.mean]
  var marginals = [model.initial.covariance.congruence(by: f) + model.transition.noiseCovariance]
  for _ in 1..<t {
    means.append(f * means.last!)
    marginals.append(marginals.last!.congruence(by: f) + model.transition.noiseCovariance)
  }
  var fPower = [Matrix.identity(n)]  // F^k
  for _ in 1..<t { fPower.append(f * fPower.last!) }
  var sigma = Matrix(rows: t * m, columns: t * m)
  var mu = [Double](repeating: 0, count: t * m)
  for s in 0..<t {
    let hm = h * means[s]
    for i in 0..<m { mu[s * m + i] = hm[i] }
    for u in s..<t {
      var block = h * (fPower[u - s] * marginals[s]) * h.transposed
      if u == s { block += model.observation.noiseCovariance }
      for i in 0..<m {
        for j in 0..<m {
          sigma[u * m + i, s * m + j] = block[i, j]
          sigma[s * m + j, u * m + i] = block[i, j]
        }
      }
    }
  }
  // Keep only the observed components.
  let observed = (0..<(t * m)).filter { ys[$0 / m][$0 % m] != nil }
  let joint = try Gaussian(mean: observed.map { mu[$0] }, covariance: sigma.submatrix(rows: observed, columns: observed).symmetrized())
  return try joint.logDensity(observed.map { ys[$0 / m][$0 % m]! })
}

@Suite("KalmanFilter and the filtered sequence")
struct KalmanFilterTests {
  @Test(.tags(.reference))
  func logLikelihoodMatchesTheStackedMultivariateNormal() throws {
    let model = try smallModel()
    var rng = SplitMix64(seed: 21)
    let ys: [[Double?]] = (0..<8).map { _ in rng.gaussianVector(2) }
    let direct = try stackedLogLikelihood(model, ys)
    let filtered = try model.filter(ys)
    // Both sides are O(n³) Cholesky work on matrices with κ ≲ 10²: 1e-10 relative.
    #expect(abs(filtered.logLikelihood - direct) <= 1e-10 * abs(direct))
    // With missing components, the filter's likelihood is the marginal of the observed ones.
    var gappy = ys
    gappy[2][0] = nil
    gappy[5] = [nil, nil]
    gappy[6][1] = nil
    #expect(abs(try model.filter(gappy).logLikelihood - (try stackedLogLikelihood(model, gappy))) <= 1e-10 * abs(direct))
  }

  @Test(.tags(.property))
  func onlineFilterEqualsBatchFilter() throws {
    let model = try smallModel()
    var rng = SplitMix64(seed: 22)
    let ys = (0..<5).map { _ in rng.gaussianVector(2) }
    var online = KalmanFilter(model: model)
    for y in ys { try online.step(observing: y) }
    let batch = try model.filter(ys)
    #expect(online.belief == batch.filtered.last!)
    #expect(online.logLikelihood == batch.logLikelihood)
    #expect(online.stepCount == 5)
  }

  @Test(.tags(.property))
  func aFailedStepLeavesTheFilterUnchanged() throws {
    var filter = KalmanFilter(model: try smallModel())
    try filter.step(observing: [0.5, 0.5])
    let before = filter
    #expect(throws: LinalgError.self) { try filter.step(observing: [1.0]) }
    #expect(filter == before)
  }

  @Test(.tags(.property, .soak))
  func covarianceStaysSymmetricPositiveDefiniteOver100kUpdates() throws {
    // Ill-conditioned: a slow rotation with process noise spanning 10⁻¹⁰…10⁻², two
    // nearly collinear sensors with precision 10⁶, two states never observed
    // directly. κ(P) reaches ~10⁸ along the way.
    let theta = 1e-3
    let f = try Matrix([
      [Double.cos(theta), -Double.sin(theta), 0, 0], [Double.sin(theta), Double.cos(theta), 0, 0],
      [0.01, 0, 0.999, 0], [0, 0.01, 0, 0.999],
    ])
    let model = try StateSpaceModel(
      initial: try Gaussian(mean: [0, 0, 0, 0], covariance: .diagonal([1e2, 1e2, 1, 1e-4])),
      transition: try LinearTransition(matrix: f, noiseCovariance: .diagonal([1e-2, 1e-10, 1e-6, 1e-8])),
      observation: try LinearObservation(
        matrix: try Matrix([[1, 1e-3, 0, 0], [1, -1e-3, 0, 0]]), noiseCovariance: .diagonal([1e-6, 1e-6])))
    var rng = SplitMix64(seed: 23)
    var filter = KalmanFilter(model: model)
    var worstNIS = 0.0
    for step in 1...100_000 {
      let innovation = try filter.step(observing: [rng.nextGaussian(), rng.nextGaussian()])
      worstNIS = max(worstNIS, innovation?.normalizedSquaredInnovation ?? 0)
      if step % 1000 == 0 {
        let p = filter.belief.covariance
        #expect(p.maximumAsymmetry == 0)
        let eigen = try SymmetricEigen(p)
        #expect(eigen.values.first! > 0, "step \(step): λmin = \(eigen.values.first!)")
        _ = try Cholesky(p)
      }
    }
    #expect(filter.logLikelihood.isFinite && worstNIS.isFinite)
  }
}
