/// What a training run tells the outside world while it runs.
///
/// The CLI implements it three ways: a progress bar on a terminal, plain
/// lines otherwise, and JSON lines for machines. Methods have empty defaults.
public protocol TrainingObserver {
  /// Called once before the first step (`startEpoch` > 1 when resuming).
  mutating func trainingWillStart(plan: TrainingPlan, parameterCount: Int, stepsPerEpoch: Int, startEpoch: Int)
  /// Called after every optimizer step with the minibatch loss.
  mutating func batchDidFinish(epoch: Int, batch: Int, of batches: Int, loss: Double)
  /// Called after every epoch's evaluation.
  mutating func epochDidFinish(_ record: EpochRecord)
  /// Called once at the end.
  mutating func trainingDidFinish(_ result: TrainingResult)
}

extension TrainingObserver {
  public mutating func trainingWillStart(plan: TrainingPlan, parameterCount: Int, stepsPerEpoch: Int, startEpoch: Int) {}
  public mutating func batchDidFinish(epoch: Int, batch: Int, of batches: Int, loss: Double) {}
  public mutating func epochDidFinish(_ record: EpochRecord) {}
  public mutating func trainingDidFinish(_ result: TrainingResult) {}
}

/// An observer that prints nothing; it only counts the batches it saw.
///
/// (It has a stored property on purpose: every instance of an empty struct
/// shares one address, so ThreadSanitizer reported runs on different threads,
/// each with its own observer, as racing on it.)
public struct SilentObserver: TrainingObserver {
  /// Batches finished since the observer was made.
  public private(set) var batchesSeen = 0

  /// A silent observer.
  public init() {}

  public mutating func batchDidFinish(epoch: Int, batch: Int, of batches: Int, loss: Double) {
    batchesSeen += 1
  }
}

/// The outcome of a run: every epoch's record and the one it ended on.
public struct TrainingResult: Sendable, Equatable, Codable {
  /// One record per epoch, including those before a resume.
  public var history: [EpochRecord]
  /// The record of the parameters the run ends with: the last epoch, or the
  /// best validation epoch when early stopping restored it.
  public var final: EpochRecord
  /// Whether early stopping ended the run before the planned epochs.
  public var stoppedEarly: Bool
  /// The number of parameters trained.
  public var parameterCount: Int
  /// Test-set calibration of the final parameters, when requested.
  public var calibration: CalibrationRecord?
  /// Steps skipped for a NaN or infinite gradient (`--nonfinite-gradients skip`), in this process.
  public var skippedSteps = 0
}
