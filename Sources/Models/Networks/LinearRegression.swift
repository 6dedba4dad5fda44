import Linalg

/// Closed forms for linear regression y = Xw + ε with an intercept column
/// appended to X, used as oracles for the filters and optimizers.
///
/// ```
/// prior w ~ N(0, τ²I), noise ε ~ N(0, s²I):
///   A = I/τ² + XᵀX/s²,   mean = A⁻¹Xᵀy/s²,   covariance = A⁻¹          [LR-POST]
/// least squares (τ² → ∞):  XᵀX w = Xᵀy
/// ```
/// All solves are Cholesky (LAPACK); the design matrix is Double.
public enum LinearRegression {
  /// The design matrix [X 1] (n × (d + 1)) and targets of a regression data set, in Double.
  public static func design<Scalar>(_ data: Dataset<Scalar>) -> (x: Matrix, y: [Double]) {
    let d = data.featureCount
    var x = Matrix(rows: data.count, columns: d + 1)
    for i in 0..<data.count {
      for j in 0..<d { x[i, j] = Double(data.features[i * d + j]) }
      x[i, d] = 1
    }
    return (x, data.targets.map { Double($0) })
  }

  /// The exact Gaussian posterior of the weights (the last is the intercept).
  ///
  /// - Throws: ``LinalgError`` if A is not positive definite (cannot happen for τ² < ∞).
  public static func exactPosterior<Scalar>(
    _ data: Dataset<Scalar>, priorVariance: Double, noiseVariance: Double
  ) throws(LinalgError) -> (mean: [Double], covariance: Matrix) {
    precondition(priorVariance > 0 && noiseVariance > 0, "LinearRegression: variances must be > 0")
    let (x, y) = design(data)
    // [LR-POST] A = I/τ² + XᵀX/s²; mean = A⁻¹Xᵀy/s²; covariance = A⁻¹
    var precision = (1 / priorVariance) * Matrix.identity(x.columns)
    precision += (1 / noiseVariance) * x.gram(.transposed)
    let chol = try Cholesky(precision)
    let mean = chol.solve(x.applied(to: y, .transposed, scale: 1 / noiseVariance))
    var covariance = chol.solve(Matrix.identity(x.columns))
    covariance.symmetrize()
    return (mean, covariance)
  }

  /// The least-squares weights (the last is the intercept), by the normal equations.
  ///
  /// - Throws: ``LinalgError/notPositiveDefinite(leadingMinor:size:)`` when XᵀX is singular.
  public static func leastSquares<Scalar>(_ data: Dataset<Scalar>) throws(LinalgError) -> [Double] {
    let (x, y) = design(data)
    return try Cholesky(x.gram(.transposed)).solve(x.applied(to: y, .transposed))
  }

  /// √(mean (xᵢᵀw − yᵢ)²) of weights `w` (intercept last) on a data set.
  public static func rootMeanSquaredError<Scalar>(_ weights: [Double], on data: Dataset<Scalar>) -> Double {
    let (x, y) = design(data)
    let predictions = x * weights
    let sum = zip(predictions, y).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
    return (sum / Double(Swift.max(1, y.count))).squareRoot()
  }
}
