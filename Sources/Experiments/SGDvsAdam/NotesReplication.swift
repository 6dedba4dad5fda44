import Foundation
import Linalg
import Models
import Optimizers
import Training

/// The SGD-versus-Adam experiment of the Adam study notes, rebuilt on mnist5k.
///
/// The notes train a 784-256-256-10 ReLU MLP, weights He-initialised
/// (N(0, 2/fan_in)), one example per step over 20 000 MNIST examples, with
/// hand-written SGD (lr 1e-3, no momentum) and Adam (lr 1e-3, β 0.9/0.999,
/// ε 1e-8), an L2 penalty λ‖W‖² with λ = 1e-4 in the loss, and plot the mean
/// training loss of every 1000 examples. Here: the same network, steps and
/// optimizers on the 4000 mnist5k training images (five passes = 20 000
/// steps), the L2 penalty as torch-style weight decay 2λ = 2e-4 (which also
/// decays the biases), biases initialised to 0 (the notes draw them from
/// N(0, 1)), and the test set evaluated after every pass.
public struct NotesReplication: Sendable {
  /// Passes over the 4000 training images (5 = the notes' 20 000 examples).
  public var epochs: Int
  /// Examples per point of the training-loss curve.
  public var blockSize: Int
  /// Where the built-in data sets live (`nil`: found as the CLI finds them).
  public var dataDirectory: String?
  /// The network, data and batch size; defaults to the notes'.
  public var setup: TrainingSetup

  /// The notes' experiment with `epochs` passes over mnist5k.
  public init(epochs: Int = 5, blockSize: Int = 1000, dataDirectory: String? = nil) {
    self.epochs = epochs
    self.blockSize = blockSize
    self.dataDirectory = dataDirectory
    var setup = TrainingSetup(model: .mlp([784, 256, 256, 10]), data: DataSource("mnist5k"), epochs: epochs, batchSize: 1)
    setup.initialization = .he
    self.setup = setup
  }

  /// λ‖W‖² in the loss adds 2λW to the gradient: weight decay 2e-4.
  public static let weightDecay = 2e-4

  /// The notes' two optimizers.
  public static func arms() throws(SettingsError) -> [OptimizerArm] {
    [
      try OptimizerArm("SGD (lr 1e-3)", .sgd, [.learningRate: .real(1e-3), .weightDecay: .real(weightDecay)]),
      try OptimizerArm("Adam (lr 1e-3)", .adam, [.learningRate: .real(1e-3), .weightDecay: .real(weightDecay)]),
    ]
  }

  /// One arm's run: the per-epoch records and the block-averaged training loss.
  public struct Run: Sendable {
    public var arm: OptimizerArm
    public var seed: UInt64
    public var result: TrainingResult
    /// The mean training loss of each block of ``NotesReplication/blockSize`` examples.
    public var blockLosses: [Double]
    /// Wall time of the run, evaluation included.
    public var seconds: Double
  }

  /// Trains every arm with every seed.
  ///
  /// - Throws: ``TrainingError`` when the data cannot be loaded or a run fails.
  public func run(_ arms: [OptimizerArm], seeds: [UInt64], progressLabel: String? = nil) throws(TrainingError) -> [Run] {
    let runner = ArmRunner(setup: setup, dataDirectory: dataDirectory, progressLabel: progressLabel)
    var runs: [Run] = []
    for seed in seeds {
      let data = try PreparedData<Float>.load(setup.data, seed: seed, dataDirectory: dataDirectory)
      for arm in arms {
        var observer = BlockAverageObserver(blockSize: blockSize, batchSize: setup.batchSize)
        let start = Date()
        let result = try runner.run(arm, seed: seed, data: data, observer: &observer)
        runs.append(Run(arm: arm, seed: seed, result: result, blockLosses: observer.averages, seconds: Date().timeIntervalSince(start)))
      }
    }
    return runs
  }
}
