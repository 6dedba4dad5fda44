import Filtering
import Foundation
import Linalg
import Models
import Optimizers
import TestSupport
import Testing
import Training

private func prepared(_ name: String) throws -> PreparedData<Double> {
  try PreparedData<Double>.load(DataSource(name), seed: 0, dataDirectory: Repository.root + "/Data")
}

@Suite("Full-covariance training: RLS and the EKF")
struct KalmanTrainingTests {
  @Test(.tags(.reference))
  func rlsAfterOnePassIsTheExactLinearRegressionPosterior() throws {
    // [LR-POST] F = I, Q = 0 and the Gaussian likelihood: minibatch Kalman
    // updates over one pass equal the conjugate posterior (in any batch order).
    let data = try prepared("diabetes")
    var model = try MLP<Double>.linearRegression(trainingData: data.train)
    let (priorVariance, noise) = (100.0, 0.5)
    let transform = FullCovarianceKalman<Double>(priorVariance: priorVariance, observationNoiseVariance: noise)
    var optimizer = Optimizer(transform, parameters: [Double](repeating: 0, count: model.parameterCount))
    var rng = SplitMix64(seed: 1)
    for batch in MinibatchOrder.batches(of: MinibatchOrder.shuffled(count: data.train.count, using: &rng), size: 32) {
      let linear = model.linearizedLikelihood(at: optimizer.parameters, batch: batch, noiseVariance: noise)
      try optimizer.step(evidence: try DenseQuadraticEvidence(gradient: linear.gradient, curvatureFactor: linear.curvatureFactor))
    }
    let exact = try LinearRegression.exactPosterior(data.train, priorVariance: priorVariance, noiseVariance: noise)
    // κ(A) ≈ 4e2; 12 rank-32 downdates and Newton steps: 1e-10 relative.
    #expect(relativeDifference(optimizer.parameters, exact.mean) <= 1e-10)
    #expect(relativeDifference(transform.covariance(state: optimizer.state), exact.covariance) <= 1e-10)
  }

  @Test(.tags(.reference))
  func ekfLogisticRegressionMatchesTheNewtonMAPWithinOnePercent() throws {
    // The MAP of logistic regression with prior N(0, σ₀²I), by Newton's method
    // to convergence, is the oracle; one EKF pass approximates the Laplace
    // posterior around it.
    let data = try prepared("breast-cancer")
    let sigma0 = 1.0
    var model = try MLP<Double>.logisticRegression(trainingData: data.train)
    let n = model.parameterCount
    var theta = [Double](repeating: 0, count: n)
    for _ in 0..<50 {
      let lin = model.linearizedLikelihood(at: theta, batch: 0..<data.train.count)
      var hessian = (1 / (sigma0 * sigma0)) * Matrix.identity(n)
      hessian += lin.curvatureFactor.gram(.transposed)
      let gradient = (0..<n).map { lin.gradient[$0] + theta[$0] / (sigma0 * sigma0) }
      let step = try Cholesky(hessian).solve(gradient)
      theta = (0..<n).map { theta[$0] - step[$0] }
      if step.map(abs).max() ?? 0 < 1e-12 { break }
    }
    let mapAccuracy = try #require(model.evaluate(at: theta, on: data.test).accuracy)

    var optimizer = Optimizer(FullCovarianceKalman<Double>(priorVariance: sigma0 * sigma0), parameters: [Double](repeating: 0, count: n))
    var rng = SplitMix64(seed: 2)
    for batch in MinibatchOrder.batches(of: MinibatchOrder.shuffled(count: data.train.count, using: &rng), size: 16) {
      let lin = model.linearizedLikelihood(at: optimizer.parameters, batch: batch)
      try optimizer.step(evidence: try DenseQuadraticEvidence(gradient: lin.gradient, curvatureFactor: lin.curvatureFactor))
    }
    let ekfAccuracy = try #require(model.evaluate(at: optimizer.parameters, on: data.test).accuracy)
    #expect(abs(ekfAccuracy - mapAccuracy) <= 0.01, "EKF \(ekfAccuracy), Newton MAP \(mapAccuracy)")
  }
}
