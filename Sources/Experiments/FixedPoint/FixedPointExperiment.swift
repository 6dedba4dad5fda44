import Filtering
import Foundation
import Linalg
import Models
import Optimizers
import RealModule
import Training

/// Trains an MLP with AdaBayes and reads, epoch by epoch, how each parameter's
/// learning rate σ²_post compares with Eq. 20 [AB-FP] — the paper's Fig. 3 on
/// a real network, and the transient on the way there.
///
/// The optimizer is AdaBayes as in LaurenceA/adabayes: σ² = η_SGD/B, the exact
/// OU prior [AB-OU], σ²_post starting at σ² [AB-UPDATE].
public struct FixedPointExperiment: Sendable {
  /// The model, data, epochs and batch size B.
  public var setup: TrainingSetup
  /// η, the Adam-like rate.
  public var learningRate: Double
  /// η_SGD; σ² = η_SGD/B.
  public var sgdLearningRate: Double
  /// The epochs after which the whole scatter is kept.
  public var snapshotEpochs: [Int]
  /// Where the built-in data sets live (`nil`: found as the CLI finds them).
  public var dataDirectory: String?

  /// An experiment; the defaults are the paper's η = 1e-3, η_SGD = 0.1.
  public init(
    setup: TrainingSetup, learningRate: Double = 1e-3, sgdLearningRate: Double = 0.1, snapshotEpochs: [Int],
    dataDirectory: String? = nil
  ) {
    self.setup = setup
    self.learningRate = learningRate
    self.sgdLearningRate = sgdLearningRate
    self.snapshotEpochs = snapshotEpochs
    self.dataDirectory = dataDirectory
  }

  /// σ² = η_SGD/B (paper Eq. 22).
  public var priorVariance: Double {
    AdaBayesPrior.variance(sgdLearningRate: sgdLearningRate, batchSize: setup.batchSize)
  }

  /// The AdaBayes arm trained.
  public var arm: OptimizerArm {
    var settings = OptimizerSettings()
    // Both values are positive reals, which .adabayes takes.
    try? settings.set(.learningRate, .real(learningRate))
    try? settings.set(.sgdLearningRate, .real(sgdLearningRate))
    return OptimizerArm(label: "AdaBayes (η_SGD = \(sgdLearningRate))", kind: .adabayes, settings: settings)
  }

  /// The prior dynamics of the optimizer: the exact OU transition [AB-OU].
  public var transition: ScalarTransition<Double> {
    .ornsteinUhlenbeck(stepVariance: learningRate * learningRate, stationaryVariance: priorVariance)
  }

  /// Trains `setup.epochs` epochs with `seed`.
  ///
  /// - Throws: ``TrainingError`` when the data cannot be loaded or training fails.
  public func run(seed: UInt64) throws(TrainingError) -> FixedPointRun {
    let data = try PreparedData<Float>.load(setup.data, seed: seed, dataDirectory: dataDirectory)
    var trainer = try Trainer<Float>(plan: setup.plan(for: arm, seed: seed), data: data)
    var observer = SilentObserver()
    var run = FixedPointRun(priorVariance: priorVariance, learningRate: learningRate)
    while trainer.completedEpochs < setup.epochs {
      run.history.append(try trainer.trainEpoch(observer: &observer))
      guard
        let scatter = PosteriorScatter(
          optimizer: trainer.optimizer, model: trainer.model, learningRate: learningRate, priorVariance: priorVariance)
      else {
        throw .data("\(arm.kind.rawValue) keeps no posterior variances")
      }
      let steps = trainer.optimizer.stepCount
      run.transient.append(TransientRecord(scatter, steps: steps, transition: transition))
      if snapshotEpochs.contains(trainer.completedEpochs) {
        run.snapshots.append(PosteriorSnapshot(epoch: trainer.completedEpochs, steps: steps, scatter: scatter))
      }
    }
    return run
  }
}

/// The scatter after one epoch, and its summary.
public struct PosteriorSnapshot: Sendable {
  /// The epoch after which it was taken, and the optimizer steps by then.
  public var epoch: Int
  public var steps: Int
  /// Every parameter's (x, σ²_post).
  public var scatter: PosteriorScatter
  /// The agreement with Eq. 20.
  public var summary: ScatterSummary

  /// A snapshot of `scatter`.
  public init(epoch: Int, steps: Int, scatter: PosteriorScatter) {
    self.epoch = epoch
    self.steps = steps
    self.scatter = scatter
    self.summary = ScatterSummary(scatter)
  }
}

/// What ``FixedPointExperiment`` measured.
public struct FixedPointRun: Sendable {
  /// σ² and η.
  public var priorVariance: Double
  public var learningRate: Double
  /// The scatters at the snapshot epochs.
  public var snapshots: [PosteriorSnapshot] = []
  /// The informative parameters' standing after every epoch.
  public var transient: [TransientRecord] = []
  /// The learning curve.
  public var history: [EpochRecord] = []
}
