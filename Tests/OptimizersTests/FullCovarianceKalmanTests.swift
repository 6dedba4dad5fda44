import Filtering
import Linalg
import Models
import Optimizers
import TestSupport
import Testing

@Suite("Full-covariance Kalman optimizer")
struct FullCovarianceKalmanTests {
  @Test(.tags(.property))
  func withDiagonalEvidenceItIsAdaBayesPaperFilter() throws {
    // The full filter with F = aI, Q = qI (the paper's prior), diagonal curvature
    // diag(G²) and gradient G equals AdaBayes (paper variant, β₁ = 0 so ⟨g⟩ = G,
    // weight decay λ = 1 − a so that θ ← aθ) parameter by parameter. Its first
    // prior is predicted from P₀, so P₀ = (σ² − q)/a² makes it σ² as in Alg. 1.
    let eta = 0.02, sgd = 0.4, batch = 4
    let sigma2 = sgd / Double(batch)
    let paper = ScalarTransition.paper(stepVariance: eta * eta, stationaryVariance: sigma2)
    let a = paper.scale, q = paper.noiseVariance
    let kalman = FullCovarianceKalman<Double>(
      learningRate: 1, priorVariance: (sigma2 - q) / (a * a), processNoise: q, scale: a, batchSize: batch)
    let adabayes = AdaBayes<Double>(
      learningRate: eta, sgdLearningRate: sgd, batchSize: batch, beta1: 0, weightDecay: 1 - a, variant: .paper)
    var full = Optimizer(kalman, parameters: [0.5, -1.0, 2.0])
    var diagonal = Optimizer(adabayes, parameters: [0.5, -1.0, 2.0])
    var rng = SplitMix64(seed: 4)
    for _ in 0..<200 {
      let g = (0..<3).map { _ in rng.nextGaussian() }
      let summed = g.map { Double(batch) * $0 }
      try full.step(evidence: try DenseQuadraticEvidence(gradient: summed, curvatureFactor: .diagonal(summed.map(abs))))
      try diagonal.step(gradient: g)
    }
    // Each step rounds both forms at the ulp level; the filter contracts, so
    // errors stay at ~100 ulps over 200 steps.
    #expect(relativeDifference(full.parameters, diagonal.parameters) <= 1e-13)
    #expect(relativeDifference(try #require(full.posteriorVariances), try #require(diagonal.posteriorVariances)) <= 1e-13)
  }

  @Test(.tags(.property, .soak))
  func covarianceStaysSymmetricPositiveDefiniteOver100kUpdates() throws {
    // Ill-conditioned: nearly collinear evidence rows (condition number of the
    // accumulated information ~10¹²), a tiny process noise, 10⁵ updates.
    let transform = FullCovarianceKalman<Double>(priorVariance: 1, processNoise: 1e-10)
    var optimizer = Optimizer(transform, parameters: [Double](repeating: 0, count: 6))
    var rng = SplitMix64(seed: 5)
    for step in 1...100_000 {
      let base = rng.gaussianVector(6)
      let row = base.enumerated().map { $0.offset < 3 ? base[0] + 1e-6 * $0.element : $0.element }
      try optimizer.step(evidence: try DenseQuadraticEvidence(gradient: rng.gaussianVector(6).map { 1e-3 * $0 }, curvatureFactor: .row(row)))
      if step % 2000 == 0 {
        let p = transform.covariance(state: optimizer.state)
        #expect(p.maximumAsymmetry == 0)
        let eigen = try SymmetricEigen(p)
        #expect(eigen.values[0] > 0, "step \(step): λmin \(eigen.values[0])")
      }
    }
    let finite = optimizer.parameters.allSatisfy { $0.isFinite }
    #expect(finite)
  }

  @Test(.tags(.conformance))
  func gradientModeIsTheFullMatrixAdaBayesStep() throws {
    // update(_:) uses G = B·g and curvature GGᵀ: one step from P₀ = σ₀²I moves
    // θ by −P₊G with P₊ = σ₀²I − σ₀⁴GGᵀ/(1 + σ₀²‖G‖²).
    let kalman = FullCovarianceKalman<Double>(priorVariance: 0.5, batchSize: 2)
    var optimizer = Optimizer(kalman, parameters: [1.0, 1.0])
    try optimizer.step(gradient: [0.3, -0.1])
    let g = [0.6, -0.2], norm2 = 0.4
    let shrink = 0.5 / (1 + 0.5 * norm2)  // P₊G = σ₀²G/(1 + σ₀²‖G‖²)
    #expect(abs(optimizer.parameters[0] - (1 - shrink * g[0])) <= 1e-15)
    #expect(abs(optimizer.parameters[1] - (1 - shrink * g[1])) <= 1e-15)
  }
}
