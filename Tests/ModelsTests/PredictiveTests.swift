import Foundation
import Linalg
import Models
import TestSupport
import Testing

@Suite("Posterior predictive and calibration")
struct PredictiveTests {
  @Test(.tags(.reference))
  func eceOfAKnownTable() {
    // Two bins used: confidence 0.9 (4 examples, 3 right) and 0.6 (2 examples, 2 right):
    // ECE = (4/6)|0.75 − 0.9| + (2/6)|1 − 0.6| = 0.1 + 0.1333… [MODEL-ECE]
    let p = [[0.9, 0.1], [0.9, 0.1], [0.1, 0.9], [0.9, 0.1], [0.6, 0.4], [0.4, 0.6]]
    let labels = [0, 0, 1, 1, 0, 1]
    #expect(abs(Calibration.expectedCalibrationError(probabilities: p, labels: labels) - (0.1 + 0.4 / 3)) <= 1e-15)
    #expect(abs(Calibration.negativeLogLikelihood(probabilities: [[0.25, 0.75]], labels: [1]) + log(0.75)) <= 1e-15)
  }

  @Test(.tags(.reference))
  func linearRegressionPredictiveIsTheExactBayesianPredictive() throws {
    // [MODEL-PRED] for a linear model the linearisation is exact: with the
    // exact posterior N(m, Σ), the predictive of x is N(xᵀm, xᵀΣx + s²).
    let raw = try Dataset<Double>.load(path: Repository.data("diabetes.csv"), target: "target", task: .regression)
    let data = TargetScaler(fittedOn: raw).apply(to: Standardizer(fittedOn: raw).apply(to: raw))
    let (mean, covariance) = try LinearRegression.exactPosterior(data, priorVariance: 10, noiseVariance: 0.5)
    var model = try MLP<Double>.linearRegression(trainingData: data)
    let summary = model.predictiveSummary(at: mean, posterior: .full(covariance), on: data, method: .probit, noiseVariance: 0.5)
    let (x, y) = LinearRegression.design(data)
    var nll = 0.0
    for i in 0..<x.rows {
      let row = x.row(i)
      let m = row.dot(mean), v = row.dot(covariance * row) + 0.5
      nll += 0.5 * log(2 * Double.pi * v) + (y[i] - m) * (y[i] - m) / (2 * v)
    }
    #expect(abs(summary.negativeLogLikelihood - nll / Double(x.rows)) <= 1e-12 * abs(nll / Double(x.rows)))
  }

  @Test(.tags(.limit))
  func monteCarloAgreesWithProbitWithinTheApproximationAndSamplingError() throws {
    // For a binary output z ~ N(μ, σ²), E[σ(z)] and the probit σ(μ/√(1 + πσ²/8))
    // differ by at most ~0.02 (MacKay 1992); Monte Carlo with S samples has
    // standard error ≤ 0.5/√S. A no-uncertainty posterior gives the plug-in.
    let fixture = try MLPFixture.load("logistic")
    var net = try fixture.network(Double.self)
    let variances = [Double](repeating: 0.3, count: net.parameterCount)
    let probit = net.predictiveSummary(at: fixture.parameters, posterior: .diagonal(variances), on: net.trainingData, method: .probit)
    let monteCarlo = net.predictiveSummary(
      at: fixture.parameters, posterior: .diagonal(variances), on: net.trainingData, method: .monteCarlo(samples: 4000, seed: 1))
    #expect(abs(probit.negativeLogLikelihood - monteCarlo.negativeLogLikelihood) <= 0.05)
    let certain = net.predictiveSummary(at: fixture.parameters, posterior: .diagonal(variances.map { _ in 0 }), on: net.trainingData, method: .probit)
    let plugIn = net.predictiveSummary(at: fixture.parameters, posterior: nil, on: net.trainingData, method: .plugIn)
    #expect(abs(certain.negativeLogLikelihood - plugIn.negativeLogLikelihood) <= 1e-12)
    #expect(abs(plugIn.negativeLogLikelihood - fixture.value) <= 1e-12)
  }
}
