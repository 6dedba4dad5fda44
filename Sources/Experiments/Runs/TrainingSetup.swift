import Models
import Optimizers
import Training

/// The model, data and schedule shared by every arm of a comparison.
///
/// Every arm trained with the same setup and seed starts from the same initial
/// weights and sees the same batches (both are drawn from the seed), as in the
/// PyTorch science bench.
public struct TrainingSetup: Sendable, Equatable {
  /// The network, e.g. `mlp:784-400-400-10`.
  public var model: ModelSpec
  /// A built-in data set name or a path.
  public var data: DataSource
  /// Passes over the training set.
  public var epochs: Int
  /// Minibatch size B.
  public var batchSize: Int
  /// How the initial weights are drawn.
  public var initialization: Initialization = .torchDefault
  /// The hidden layers' nonlinearity.
  public var activation: Activation = .relu

  /// A setup with torch's default initialisation and ReLU units.
  public init(model: ModelSpec, data: DataSource, epochs: Int, batchSize: Int) {
    self.model = model
    self.data = data
    self.epochs = epochs
    self.batchSize = batchSize
  }

  /// The mnist5k protocol of the science bench: 784-400-400-10 ReLU, batch 100.
  public static func mnist5k(epochs: Int) -> TrainingSetup {
    TrainingSetup(model: .mlp([784, 400, 400, 10]), data: DataSource("mnist5k"), epochs: epochs, batchSize: 100)
  }

  /// The training plan of `arm` with `seed`.
  public func plan(for arm: OptimizerArm, seed: UInt64) -> TrainingPlan {
    var plan = TrainingPlan(
      model: model, data: data, optimizer: arm.kind, settings: arm.settings, epochs: epochs, batchSize: batchSize, seed: seed)
    plan.initialization = initialization
    plan.activation = activation
    return plan
  }

  /// A one-line description for notebook text, e.g. `mlp:784-400-400-10 on mnist5k, batch 100, 20 epochs`.
  public var description: String {
    "\(model) (\(activation.rawValue)) on \(data.name), batch \(batchSize), \(epochs) epoch\(epochs == 1 ? "" : "s")"
  }
}
