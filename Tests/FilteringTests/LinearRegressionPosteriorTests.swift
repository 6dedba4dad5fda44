import Filtering
import Linalg
import Models
import TestSupport
import Testing

/// The diabetes data (Efron et al. 2004), standardised, with an intercept column.
private func diabetesDesign() throws -> (x: Matrix, y: [Double]) {
  let data = try Dataset<Double>.load(path: Repository.data("diabetes.csv"), target: "target", task: .regression)
  return LinearRegression.design(Standardizer(fittedOn: data).apply(to: data))
}

@Suite("Kalman filter on linear regression ≡ the exact Bayesian posterior", .tags(.reference))
struct LinearRegressionPosteriorTests {
  // Prior w ~ N(0, τ²I) and noise variance s², both fixed: τ² = 10⁴ is weak
  // for coefficients of size 1–150 on standardised features; s² = 3000 is
  // near the residual variance of the least-squares fit (2859.7).
  let priorVariance = 1e4
  let noiseVariance = 3000.0

  @Test func sequentialFilterEqualsBatchNormalEquations() throws {
    let (x, y) = try diabetesDesign()
    let d = x.columns
    // [LR-POST] A = I/τ² + XᵀX/s²;  mean = A⁻¹Xᵀy/s²;  covariance = A⁻¹ (Cholesky solves).
    let data = try Dataset<Double>.load(path: Repository.data("diabetes.csv"), target: "target", task: .regression)
    let (exactMean, exactCovariance) = try LinearRegression.exactPosterior(
      Standardizer(fittedOn: data).apply(to: data), priorVariance: priorVariance, noiseVariance: noiseVariance)

    // The filter: F = I, Q = 0 (RLS), one patient per step, H_t = x_tᵀ.
    var belief = try Gaussian(mean: [Double](repeating: 0, count: d), covariance: priorVariance * .identity(d))
    var logEvidence = 0.0
    for i in 0..<x.rows {
      belief = try belief.predicted(by: .identity(d))
      let step = try belief.updated(
        by: try LinearObservation(matrix: .row(x.row(i)), noiseCovariance: .diagonal([noiseVariance])), observing: [y[i]])
      belief = step.posterior
      logEvidence += step.innovation!.logLikelihood
    }
    // κ(A) = 436 here (NumPy); 442 sequential rank-one updates each add
    // O(κ·ε) relative: 442·436·2.2e-16 ≈ 4e-11, so 1e-10 relative holds.
    #expect(relativeDifference(belief.mean, exactMean) <= 1e-10)
    #expect(relativeDifference(belief.covariance, exactCovariance) <= 1e-10)

    // The summed log-likelihood is the model evidence log N(y; 0, τ²XXᵀ + s²I).
    let marginal = try Gaussian(
      mean: [Double](repeating: 0, count: x.rows),
      covariance: priorVariance * x.gram(.none) + noiseVariance * .identity(x.rows))
    let direct = try marginal.logDensity(y)
    #expect(abs(logEvidence - direct) <= 1e-10 * abs(direct))
  }

  @Test func informationFormFromNoInformationIsLeastSquares() throws {
    let (x, y) = try diabetesDesign()
    var belief = GaussianInformation.noInformation(x.columns)
    belief = try belief.updated(
      by: try LinearObservation(matrix: x, noiseCovariance: noiseVariance * .identity(x.rows)), observing: y)
    let posterior = try belief.gaussian()
    // Ordinary least squares from the normal equations XᵀX w = Xᵀy.
    let data = try Dataset<Double>.load(path: Repository.data("diabetes.csv"), target: "target", task: .regression)
    let ols = try LinearRegression.leastSquares(Standardizer(fittedOn: data).apply(to: data))
    #expect(relativeDifference(posterior.mean, ols) <= 1e-10)
    // The intercept is the mean target (features are centred): 152.133…
    #expect(abs(posterior.mean.last! - y.reduce(0, +) / Double(y.count)) <= 1e-9)
  }
}
