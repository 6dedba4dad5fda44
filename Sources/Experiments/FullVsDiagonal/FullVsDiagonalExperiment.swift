import Linalg
import Models
import Optimizers
import Training

/// Full-covariance Kalman training against per-parameter filters, on
/// classification tasks small enough for a dense n × n covariance.
///
/// Candidates for one task and seed (float64, batch 32, prior N(0, σ₀² I)):
/// - `kalman`, one or more passes: the extended Kalman filter, with its own full P;
/// - AdaBayes (η = 0.01, η_SGD = 0.1 read as heavy-ball SGD with μ = 0.9), its σ²_post;
/// - Adam (lr 0.01) with BADAM's σ² = 1/(N√v̂ + 1/σ₀²) ([BADAM-POST]), and at
///   Adam's mean the Gauss–Newton Laplace posterior, full and diagonal
///   (``LaplacePosterior``): same mean, same curvature, with and without correlations.
///
/// These are the settings of `Documentation/FullCovariance.md`.
public struct FullVsDiagonalExperiment: Sendable {
  /// Epochs of the first-order methods.
  public var epochs = 20
  /// Passes of the Kalman filter, one candidate each.
  public var kalmanPasses = [1, 3]
  /// Minibatch size.
  public var batchSize = 32
  /// σ₀²: the prior variance of `kalman` and of the Laplace posteriors (and 1/τ of BADAM's reading).
  public var priorVariance = 1.0
  /// Adam's lr.
  public var adamLearningRate = 0.01
  /// AdaBayes' η.
  public var adaBayesLearningRate = 0.01

  /// The defaults above.
  public init() {}

  /// Trains every candidate on `data` with `seed`.
  ///
  /// - Throws: ``NotebookError/failed(_:)`` when a run fails.
  public func candidates(task: CalibrationTask, data: PreparedData<Double>, seed: UInt64) throws(NotebookError) -> [ClassifierCandidate] {
    var result: [ClassifierCandidate] = []
    for passes in kalmanPasses {
      let (trainer, seconds, perEpoch) = try train(task, data, .kalman, [(.priorVariance, .real(priorVariance))], epochs: passes, seed: seed)
      result.append(
        ClassifierCandidate(
          method: "kalman, \(passes) pass\(passes == 1 ? "" : "es")", posteriorName: "full (its own P)", model: trainer.model,
          parameters: trainer.optimizer.parameters, posterior: trainer.optimizer.posteriorCovariance.map { .full($0) }, isFullCovariance: true,
          seconds: seconds, secondsPerEpoch: perEpoch))
    }
    let (adaBayes, adaBayesSeconds, adaBayesEpoch) = try train(
      task, data, .adabayes,
      [(.learningRate, .real(adaBayesLearningRate)), (.sgdLearningRate, .real(0.1)), (.heavyBallMomentum, .real(0.9))], epochs: epochs, seed: seed)
    result.append(
      ClassifierCandidate(
        method: "adabayes, \(epochs) epochs", posteriorName: "σ²_post", model: adaBayes.model, parameters: adaBayes.optimizer.parameters,
        posterior: adaBayes.optimizer.posteriorVariances.map { .diagonal($0) }, isFullCovariance: false, seconds: adaBayesSeconds,
        secondsPerEpoch: adaBayesEpoch))
    let (adam, adamSeconds, adamEpoch) = try train(task, data, .adam, [(.learningRate, .real(adamLearningRate))], epochs: epochs, seed: seed)
    let theta = adam.optimizer.parameters
    let method = "adam, \(epochs) epochs"
    var badam: WeightPosterior?
    if let meanSquares = adam.optimizer.meanSquaredGradients {
      // [BADAM-POST] likelihood-Laplace with τ = 1/σ₀²: only the variances are used (the mean stays θ).
      let reading = BADAMPosterior(trainingSetSize: data.train.count, priorPrecision: 1 / priorVariance)
      badam = .diagonal(reading.posterior(parameters: theta, meanSquaredGradients: meanSquares).variances)
    }
    let laplace = try LaplacePosterior(model: adam.model, at: theta, priorVariance: priorVariance)
    result += [
      ClassifierCandidate(
        method: method, posteriorName: "BADAM σ²", model: adam.model, parameters: theta, posterior: badam, isFullCovariance: false,
        seconds: adamSeconds, secondsPerEpoch: adamEpoch),
      ClassifierCandidate(
        method: method, posteriorName: "Laplace diagonal", model: adam.model, parameters: theta, posterior: .diagonal(laplace.diagonalVariances),
        isFullCovariance: false, seconds: adamSeconds + laplace.seconds, secondsPerEpoch: adamEpoch),
      ClassifierCandidate(
        method: method, posteriorName: "Laplace full", model: adam.model, parameters: theta, posterior: .full(laplace.covariance),
        isFullCovariance: true, seconds: adamSeconds + laplace.seconds, secondsPerEpoch: adamEpoch),
    ]
    return result
  }

  /// One training run; returns the trainer, the total and the median epoch time.
  private func train(
    _ task: CalibrationTask, _ data: PreparedData<Double>, _ kind: OptimizerKind, _ values: [(Hyperparameter, HyperparameterValue)], epochs: Int,
    seed: UInt64
  ) throws(NotebookError) -> (Trainer<Double>, Double, Double) {
    var settings = OptimizerSettings()
    do {
      for (h, value) in values { try settings.set(h, value) }
    } catch {
      throw .failed(error.description)
    }
    var plan = TrainingPlan(model: task.model, data: task.data, optimizer: kind, settings: settings, epochs: epochs, batchSize: batchSize, seed: seed)
    plan.precision = .float64
    var observer = SilentObserver()
    do {
      var trainer = try Trainer<Double>(plan: plan, data: data)
      let result = try trainer.run(observer: &observer)
      let times = result.history.map(\.seconds).sorted()
      return (trainer, times.reduce(0, +), times.isEmpty ? .nan : times[times.count / 2])
    } catch {
      throw .failed("\(kind.rawValue) on \(task.name): \(error.description)")
    }
  }
}
