import Foundation
import Linalg
import Models
import Optimizers

/// Predictive quality at the end of a run, with and without the weight posterior.
///
/// The posterior is the optimizer's own: the full covariance of `kalman` and
/// `rls`, AdaBayes' σ²_post, or for Adam-family optimizers the BADAM reading
/// σ² = 1/(N√v̂ + τ) with τ = 1 (the prior N(0, 1) of the standardised
/// problem); optimizers without one (SGD, …) report the plug-in numbers only.
/// Classification uses the probit approximation of the linearised predictive;
/// regression the Gaussian N(μ, JΣJᵀ + s²) with s² the training MSE. NLLs
/// are per example, in the units of the original targets.
public struct CalibrationRecord: Sendable, Equatable, Codable {
  /// Which posterior was used: `full`, `diagonal`, `badam` or `none`.
  public var posterior: String
  public var plugInNLL: Double
  public var plugInECE: Double?
  public var predictiveNLL: Double?
  public var predictiveECE: Double?

  /// The keys this record adds to `--json` output.
  public var jsonObject: [String: Any] {
    var object: [String: Any] = ["posterior": posterior, "test_nll_plugin": plugInNLL]
    if let plugInECE { object["test_ece_plugin"] = plugInECE }
    if let predictiveNLL { object["test_nll_posterior"] = predictiveNLL }
    if let predictiveECE { object["test_ece_posterior"] = predictiveECE }
    return object
  }
}

extension Trainer {
  /// The calibration of the current parameters on the test set.
  public mutating func calibration() -> CalibrationRecord {
    let theta = optimizer.parameters
    let isRegression = model.outputLoss == .meanSquaredError
    // s²: the training MSE in model units (regression only).
    let noise = isRegression ? Swift.max(model.evaluate(at: theta, on: data.train).loss, 1e-12) : 1
    let unitShift = isRegression ? Foundation.log(data.targetScale) : 0
    let plugIn = model.predictiveSummary(at: theta, posterior: nil, on: data.test, method: .plugIn, noiseVariance: noise)
    let (name, posterior) = weightPosterior()
    var predictive: PredictiveSummary?
    if let posterior {
      predictive = model.predictiveSummary(at: theta, posterior: posterior, on: data.test, method: .probit, noiseVariance: noise)
    }
    return CalibrationRecord(
      posterior: name, plugInNLL: plugIn.negativeLogLikelihood + unitShift, plugInECE: plugIn.expectedCalibrationError,
      predictiveNLL: predictive.map { $0.negativeLogLikelihood + unitShift }, predictiveECE: predictive?.expectedCalibrationError)
  }

  /// The optimizer's weight posterior, if it has one.
  func weightPosterior() -> (String, WeightPosterior?) {
    if let covariance = optimizer.posteriorCovariance { return ("full", .full(covariance)) }
    if let variances = optimizer.posteriorVariances { return ("diagonal", .diagonal(variances.map { Double($0) })) }
    if let meanSquares = optimizer.meanSquaredGradients {
      let reading = BADAMPosterior(trainingSetSize: data.train.count, priorPrecision: 1)
      let posterior = reading.posterior(parameters: optimizer.parameters, meanSquaredGradients: meanSquares)
      return ("badam", .diagonal(posterior.variances.map { Double($0) }))
    }
    return ("none", nil)
  }
}
