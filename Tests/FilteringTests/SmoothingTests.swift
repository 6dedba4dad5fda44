import Filtering
import Linalg
import Models
import TestSupport
import Testing

@Suite("Rauch–Tung–Striebel smoother")
struct SmoothingTests {
  @Test(.tags(.property))
  func constantVelocityTrackingSmoothedCovarianceIsBelowFiltered() throws {
    let dt = 0.1, q = 0.5, r = 0.25
    let model = try StateSpaceModel(
      initial: try Gaussian(mean: [0, 0], covariance: .diagonal([10, 10])),
      transition: try LinearTransition(
        matrix: try Matrix([[1, dt], [0, 1]]),
        noiseCovariance: q * (try Matrix([[dt * dt * dt / 3, dt * dt / 2], [dt * dt / 2, dt]]))),
      observation: try LinearObservation(matrix: .row([1, 0]), noiseCovariance: .diagonal([r])))
    // Simulate a true track from the model itself.
    var rng = SplitMix64(seed: 31)
    let processNoise = try Cholesky(model.transition.noiseCovariance).factor
    var truth = [0.0, 1.0]
    var states: [[Double]] = []
    var ys: [[Double]] = []
    for _ in 0..<200 {
      states.append(truth)
      ys.append([truth[0] + r.squareRoot() * rng.nextGaussian()])
      let w = processNoise * rng.gaussianVector(2)
      truth = zip(model.transition.matrix * truth, w).map { $0 + $1 }
    }
    let filtered = try model.filter(ys)
    let smoothed = try model.smooth(filtered)
    #expect(smoothed.last == filtered.filtered.last)
    for t in 0..<ys.count {
      // P_filtered − P_smoothed is positive semi-definite (up to rounding).
      let gap = filtered.filtered[t].covariance - smoothed[t].covariance
      let eigen = try SymmetricEigen(gap)
      #expect(eigen.values.first! >= -1e-12 * filtered.filtered[t].covariance.maximumAbsoluteEntry, "t = \(t)")
    }
    // And the smoothed track is closer to the truth on average (seeded, 200 steps).
    func meanSquaredError(_ beliefs: [Gaussian]) -> Double {
      zip(beliefs, states).reduce(0) { $0 + ($1.0.mean[0] - $1.1[0]) * ($1.0.mean[0] - $1.1[0]) } / Double(states.count)
    }
    #expect(meanSquaredError(smoothed) < meanSquaredError(filtered.filtered))
  }

  @Test(.tags(.reference))
  func randomWalkMatchesBatchGaussianConditioning() throws {
    // Local level: x_{t+1} = x_t + w, w ~ N(0, q); y_t = x_t + v, v ~ N(0, r);
    // x_0 ~ N(m, p). Jointly, Cov(x_s, x_t) = p + q·min(s, t) (s, t ≥ 1), and the
    // [KF-RTS] smoothed beliefs are the exact conditional N(m + K(K + rI)⁻¹(y − m), K − K(K + rI)⁻¹K).
    let (m, p, q, r) = (0.5, 2.0, 0.3, 0.8)
    let t = 12
    var rng = SplitMix64(seed: 32)
    var ys: [[Double?]] = (0..<t).map { _ in [rng.nextGaussian() * 2] }
    ys[4] = [nil]  // one missing observation
    let model = try StateSpaceModel(
      initial: try Gaussian(mean: [m], covariance: .diagonal([p])),
      transition: try LinearTransition(matrix: .identity(1), noiseCovariance: .diagonal([q])),
      observation: try LinearObservation(matrix: .identity(1), noiseCovariance: .diagonal([r])))
    let smoothed = try model.smooth(try model.filter(ys))

    var k = Matrix(rows: t, columns: t)
    for i in 0..<t { for j in 0..<t { k[i, j] = p + q * Double(min(i, j) + 1) } }
    let seen = (0..<t).filter { ys[$0][0] != nil }
    let kyy = k.submatrix(rows: seen, columns: seen) + r * .identity(seen.count)
    let kxy = k.submatrix(rows: Array(0..<t), columns: seen)
    let chol = try Cholesky(kyy)
    let weights = chol.solve(seen.map { ys[$0][0]! - m })
    let posteriorMean = (kxy * weights).map { $0 + m }
    let posteriorCovariance = k - kxy * chol.solve(kxy.transposed)
    for i in 0..<t {
      // Both are O(t³) Cholesky work on κ ≲ 10² matrices: 1e-12 absolute on O(1) values.
      #expect(abs(smoothed[i].mean[0] - posteriorMean[i]) <= 1e-12, "t = \(i)")
      #expect(abs(smoothed[i].covariance[0, 0] - posteriorCovariance[i, i]) <= 1e-12, "t = \(i)")
    }
  }
}
