import FileOutput
import Foundation
import Models
import Optimizers

/// Everything a run needs to continue bit for bit: the plan, the counters,
/// the parameters, the optimizer's state and every random generator.
///
/// Stored with ``CheckpointFile`` (magic, format version, length, CRC-32),
/// written atomically. `schema` guards against other payloads in a valid envelope.
struct TrainingCheckpoint<Scalar: OptimizerScalar>: Codable {
  static var schema: String { "kfopt-train/1" }

  var schema = TrainingCheckpoint.schema
  var precision: Precision
  var plan: TrainingPlan
  var completedEpochs: Int
  var parameters: [Scalar]
  var optimizerStepCount: Int
  var learningRate: Double
  /// The optimizer state, itself BinaryCoding-encoded (its type is chosen at run time).
  var optimizerState: [UInt8]
  var batchGenerator: SplitMix64
  var dropoutGenerator: SplitMix64
  var history: [EpochRecord]
  var best: BestEpoch<Scalar>?
  var epochsWithoutImprovement: Int
}

/// Where a run writes its checkpoint (`DIR/checkpoint.kfopt`) after every epoch.
public struct CheckpointStore: Sendable {
  /// The directory holding the checkpoint.
  public let directory: String

  /// A store in `directory` (created if missing when the first checkpoint is written).
  public init(directory: String) {
    self.directory = directory
  }

  /// The checkpoint file's path.
  public var path: String { directory + "/checkpoint.kfopt" }

  /// Whether a checkpoint exists.
  public var exists: Bool { FileManager.default.fileExists(atPath: path) }

  /// Writes the trainer's state atomically (temporary file, fsync, rename).
  ///
  /// - Throws: ``TrainingError/io(_:)`` naming the path.
  public func save<Scalar: OptimizerScalar>(_ trainer: Trainer<Scalar>) throws(TrainingError) {
    do {
      try OutputDirectory.create(directory)
    } catch {
      throw .io("the checkpoint directory \(error.description)")
    }
    let checkpoint: TrainingCheckpoint<Scalar>
    do {
      checkpoint = TrainingCheckpoint(
        precision: trainer.plan.precision, plan: trainer.plan, completedEpochs: trainer.completedEpochs,
        parameters: trainer.optimizer.parameters, optimizerStepCount: trainer.optimizer.stepCount,
        learningRate: trainer.optimizer.learningRate, optimizerState: try BinaryCoding.encode(trainer.optimizer.stateSnapshot),
        batchGenerator: trainer.batchGenerator, dropoutGenerator: trainer.model.dropoutGenerator, history: trainer.history,
        best: trainer.best, epochsWithoutImprovement: trainer.epochsWithoutImprovement)
    } catch {
      throw .io("\(path): cannot encode the checkpoint: \(error)")
    }
    removeAbandonedTemporaryFiles()
    do {
      try CheckpointFile.write(checkpoint, to: path)
    } catch {
      throw .io(error.description)
    }
  }

  /// Deletes the temporary files of writes that never finished (the process
  /// was killed between creating one and renaming it over the checkpoint).
  /// A checkpoint directory belongs to one run, so any such file is abandoned.
  func removeAbandonedTemporaryFiles() {
    let prefix = ".checkpoint.kfopt.tmp-"
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
    for name in names where name.hasPrefix(prefix) {
      try? FileManager.default.removeItem(atPath: directory + "/" + name)
    }
  }

  /// Restores `trainer` from the checkpoint, after checking it belongs to the same run.
  ///
  /// - Throws: ``TrainingError/io(_:)`` when missing or unreadable,
  ///   ``TrainingError/data(_:)`` when corrupt, of another format version, or
  ///   from a run with a different plan (the message lists the differences).
  public func restore<Scalar: OptimizerScalar>(_ trainer: inout Trainer<Scalar>) throws(TrainingError) {
    let checkpoint: TrainingCheckpoint<Scalar>
    do {
      checkpoint = try CheckpointFile.read(TrainingCheckpoint<Scalar>.self, from: path)
    } catch {
      if case .io = error { throw .io("\(error.description) (nothing to resume: run without --resume to start)") }
      throw .data(error.description)
    }
    guard checkpoint.schema == TrainingCheckpoint<Scalar>.schema, checkpoint.precision == trainer.plan.precision else {
      throw .data("\(path): a checkpoint of another kind (\(checkpoint.schema), \(checkpoint.precision.rawValue))")
    }
    let differences = trainer.plan.differences(from: checkpoint.plan)
    guard differences.isEmpty else {
      throw .data("\(path) belongs to another run; it differs in: \(differences.joined(separator: "; "))")
    }
    guard checkpoint.completedEpochs <= trainer.plan.epochs else {
      throw .usage("\(path) has \(checkpoint.completedEpochs) epochs done; --epochs \(trainer.plan.epochs) is fewer")
    }
    do {
      let state = try decodeState(trainer.optimizer.stateType, checkpoint.optimizerState)
      try trainer.optimizer.restore(parameters: checkpoint.parameters, state: state, stepCount: checkpoint.optimizerStepCount)
    } catch {
      throw .data("\(path): the optimizer state does not fit: \(error)")
    }
    trainer.optimizer.learningRate = checkpoint.learningRate
    trainer.completedEpochs = checkpoint.completedEpochs
    trainer.batchGenerator = checkpoint.batchGenerator
    trainer.model.dropoutGenerator = checkpoint.dropoutGenerator
    trainer.history = checkpoint.history
    trainer.best = checkpoint.best
    trainer.epochsWithoutImprovement = checkpoint.epochsWithoutImprovement
  }

  private func decodeState<T: Codable & Sendable>(_ type: T.Type, _ bytes: [UInt8]) throws -> any Codable & Sendable {
    try BinaryCoding.decode(type, from: bytes)
  }
}
