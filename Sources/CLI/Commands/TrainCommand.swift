import ArgumentParser
import Foundation
import Optimizers
import Training

/// `kfopt train`: one model, one data set, one optimizer.
struct TrainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "train",
    abstract: "Train a model on a data set with any optimizer; per-epoch metrics, checkpoints, resume.",
    discussion: """
      Examples:
        kfopt train --model mlp:784-400-400-10 --data mnist5k --optimizer adabayes --lr 1e-3 --lr-sgd 0.1 --epochs 10
        kfopt train --model logistic --data breast-cancer --optimizer adam --lr 1e-2 --epochs 50 --json
        kfopt train --model mlp:784-400-400-10 --data mnist5k --optimizer sgd --lr 0.1 --momentum 0.9 \\
                    --checkpoint runs/sgd --epochs 20        # later: same command with --resume

      Exit status: 0 success, 64 usage error, 65 bad data or checkpoint, 74 I/O error.
      """)

  @OptionGroup var runOptions: RunOptions
  @OptionGroup var optimizerOptions: OptimizerOptions
  @Option(help: "Write a checkpoint to this directory after every epoch (atomically).") var checkpoint: String?
  @Flag(help: "Continue from the checkpoint in --checkpoint, bit for bit.") var resume = false
  @Flag(help: "One JSON object per epoch, then one with \"final\": true.") var json = false
  @Flag(help: "Also report test NLL and expected calibration error, with and without the optimizer's weight posterior.")
  var calibration = false

  func validate() throws {
    if resume && checkpoint == nil { throw ValidationError("--resume needs --checkpoint DIR") }
    // An empty name would put the checkpoint, and the clean-up of its temporary files, at the root.
    if checkpoint?.isEmpty == true { throw ValidationError("--checkpoint must name a directory, got ''") }
  }

  func run() throws {
    try reportingErrors {
      try runOptions.applyThreads()
      let kind = try optimizerOptions.kind()
      let plan = try runOptions.plan(optimizer: kind, settings: try optimizerOptions.settings(batchSize: nil))
      switch plan.precision {
      case .float32: try train(Float.self, plan)
      case .float64: try train(Double.self, plan)
      }
    }
  }

  private func train<Scalar: OptimizerScalar>(_: Scalar.Type, _ initialPlan: TrainingPlan) throws {
    var plan = initialPlan
    let data = try PreparedData<Scalar>.load(plan.data, seed: plan.seed, holdOutValidation: plan.earlyStoppingPatience != nil)
    plan.schedule = try runOptions.learningRateSchedule(stepsPerEpoch: plan.batchesPerEpoch(count: data.train.count))
    var trainer = try Trainer<Scalar>(plan: plan, data: data)
    let store = checkpoint.map { CheckpointStore(directory: $0) }
    if resume, let store { try store.restore(&trainer) }
    if json {
      var observer = JSONLinesObserver()
      _ = try trainer.run(observer: &observer, checkpoints: store, calibrate: calibration)
    } else {
      var observer = TextObserver()
      _ = try trainer.run(observer: &observer, checkpoints: store, calibrate: calibration)
    }
  }
}
