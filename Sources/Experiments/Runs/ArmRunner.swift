import Foundation
import Linalg
import Models
import Optimizers
import Training

/// Trains arms over seeds with one setup, loading each seed's data once.
///
/// Progress goes to standard error (one line per run), so that standard output
/// stays the notebook's markdown.
public struct ArmRunner: Sendable {
  /// The model, data and schedule.
  public var setup: TrainingSetup
  /// Where the built-in data sets live (`nil`: ``BuiltinDataset/locateDataDirectory()``).
  public var dataDirectory: String?
  /// A prefix for the progress lines; `nil` prints none.
  public var progressLabel: String?

  /// A runner for `setup`.
  public init(setup: TrainingSetup, dataDirectory: String? = nil, progressLabel: String? = nil) {
    self.setup = setup
    self.dataDirectory = dataDirectory
    self.progressLabel = progressLabel
  }

  /// Every arm with every seed (seeds in the outer loop, so each seed's data is loaded once).
  ///
  /// - Throws: ``TrainingError`` when the data cannot be loaded, a plan is
  ///   invalid, or a run fails numerically.
  public func run(_ arms: [OptimizerArm], seeds: [UInt64]) throws(TrainingError) -> [ArmResult] {
    var runs = [[TrainingResult]](repeating: [], count: arms.count)
    for seed in seeds {
      let data = try PreparedData<Float>.load(setup.data, seed: seed, dataDirectory: dataDirectory)
      for (k, arm) in arms.enumerated() {
        runs[k].append(try run(arm, seed: seed, data: data))
      }
    }
    return arms.indices.map { ArmResult(arm: arms[$0], runs: runs[$0], seeds: seeds) }
  }

  /// One arm with one seed on prepared data.
  public func run(_ arm: OptimizerArm, seed: UInt64, data: PreparedData<Float>) throws(TrainingError) -> TrainingResult {
    var observer = SilentObserver()
    return try run(arm, seed: seed, data: data, observer: &observer)
  }

  /// One arm with one seed on prepared data, reporting to `observer`.
  public func run<Observer: TrainingObserver>(
    _ arm: OptimizerArm, seed: UInt64, data: PreparedData<Float>, observer: inout Observer
  ) throws(TrainingError) -> TrainingResult {
    var trainer = try Trainer<Float>(plan: setup.plan(for: arm, seed: seed), data: data)
    let start = Date()
    let result = try trainer.run(observer: &observer)
    if let progressLabel {
      let line = String(
        format: "%@: %@ seed %llu: %d epochs, final test error %.2f %%, test loss %.4f (%.1f s)\n", progressLabel, arm.label,
        seed, result.history.count, ArmResult.testError(result.final), result.final.testLoss, Date().timeIntervalSince(start))
      FileHandle.standardError.write(Data(line.utf8))
    }
    return result
  }
}
