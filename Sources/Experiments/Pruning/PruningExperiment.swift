import Foundation
import Linalg
import Models
import Optimizers
import Training

/// SNR against magnitude pruning of an MLP trained with Adam (BADAM's pruning experiment).
///
/// Train with Adam, read σ² = 1/(N√v̂ + ε) from its second moment
/// ([BADAM-POST]), rank all weights and biases together by each
/// ``PruningCriterion``, zero the lowest fraction and measure test accuracy;
/// no retraining. The defaults are the science bench's protocol: MLP
/// 784-400-400-10 on mnist5k, Adam lr 1e-3, batch 100, 20 epochs, ε = 1e-8.
///
/// ```swift
/// var experiment = PruningExperiment()
/// experiment.activation = .sigmoid
/// let run = try experiment.run(seed: 0, data: try PreparedData<Float>.load(experiment.data, seed: 0))
/// ```
public struct PruningExperiment: Sendable {
  /// The network, input to output.
  public var layerSizes: [Int] = [784, 400, 400, 10]
  /// The hidden units' nonlinearity (the bench's main table: ReLU; BADAM's notebook: sigmoid).
  public var activation: Activation = .relu
  /// The data set.
  public var data = DataSource("mnist5k")
  /// Passes over the training set.
  public var epochs = 20
  /// Minibatch size.
  public var batchSize = 100
  /// Adam's α.
  public var learningRate = 1e-3
  /// ε in σ² = 1/(N√v̂ + ε) (and Adam's own ε, which is the same 1e-8).
  public var epsilon = 1e-8
  /// The fractions pruned (BADAM's notebook and the bench).
  public var fractions: [Double] = [0, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.97, 0.99]
  /// The rankings compared.
  public var criteria: [PruningCriterion] = PruningCriterion.allCases

  /// The defaults above.
  public init() {}

  /// The data: loaded (from `Data/` or `$KALMANOPT_DATA`), not standardised (pixels in [0, 1]).
  ///
  /// - Throws: ``NotebookError/io(_:)`` when the files cannot be found or read.
  public func loadData(seed: UInt64) throws(NotebookError) -> PreparedData<Float> {
    do {
      return try PreparedData<Float>.load(data, seed: seed)
    } catch {
      throw .io(error.description)
    }
  }

  /// Trains one network with `seed` and prunes it by every criterion at every fraction.
  ///
  /// - Throws: ``NotebookError/failed(_:)`` when training fails.
  public func run(seed: UInt64, data prepared: PreparedData<Float>) throws(NotebookError) -> PruningRun {
    var settings = OptimizerSettings()
    do {
      try settings.set(.learningRate, .real(learningRate))
      try settings.set(.epsilon, .real(epsilon))
    } catch {
      throw .failed(error.description)
    }
    var plan = TrainingPlan(
      model: .mlp(layerSizes), data: data, optimizer: .adam, settings: settings, epochs: epochs, batchSize: batchSize, seed: seed)
    plan.activation = activation
    var trainer: Trainer<Float>
    var observer = SilentObserver()
    let start = DispatchTime.now().uptimeNanoseconds
    do {
      trainer = try Trainer<Float>(plan: plan, data: prepared)
      _ = try trainer.run(observer: &observer)
    } catch {
      throw .failed("training \(plan.model) (\(activation.rawValue), seed \(seed)): \(error.description)")
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    let theta = trainer.optimizer.parameters
    guard let meanSquares = trainer.optimizer.meanSquaredGradients else {
      throw .failed("Adam kept no second moment (no steps were taken)")
    }
    var model = trainer.model
    var accuracies: [PruningCriterion: [Double]] = [:]
    for criterion in criteria {
      let order = criterion.order(
        parameters: theta, meanSquaredGradients: meanSquares, trainingSetSize: prepared.train.count, epsilon: epsilon,
        seed: seed ^ 0x5EED_0F_4A2D_0A0D)
      accuracies[criterion] = fractions.map { fraction in
        model.evaluate(at: Pruning.pruned(theta, order: order, fraction: fraction), on: prepared.test).accuracy ?? .nan
      }
    }
    return PruningRun(
      seed: seed, activation: activation, fractions: fractions, parameterCount: theta.count,
      unprunedAccuracy: model.evaluate(at: theta, on: prepared.test).accuracy ?? .nan, accuracies: accuracies,
      zeroSecondMomentCount: meanSquares.filter { $0 == 0 }.count, trainingSeconds: seconds)
  }
}

/// The pruning curves of one trained network.
public struct PruningRun: Sendable {
  /// The seed of initialisation, batch order and the random ranking.
  public var seed: UInt64
  /// The hidden units' nonlinearity.
  public var activation: Activation
  /// The fractions pruned.
  public var fractions: [Double]
  /// n, the number of weights and biases ranked together.
  public var parameterCount: Int
  /// Test accuracy before pruning.
  public var unprunedAccuracy: Double
  /// Test accuracy at each fraction, per criterion.
  public var accuracies: [PruningCriterion: [Double]]
  /// Parameters whose v̂ is exactly 0 (σ² = 1/ε; SNR prunes them first).
  public var zeroSecondMomentCount: Int
  /// Wall time of training (evaluation after each epoch included).
  public var trainingSeconds: Double

  /// Test accuracy after pruning `fraction` by `criterion` (`nil` if not measured).
  public func accuracy(_ criterion: PruningCriterion, at fraction: Double) -> Double? {
    guard let k = fractions.firstIndex(of: fraction) else { return nil }
    return accuracies[criterion]?[k]
  }
}
