import Models
import Optimizers

/// The element type a run computes in.
public enum Precision: String, Sendable, Codable, CaseIterable {
  /// Float (float32), as PyTorch trains by default.
  case float32
  /// Double (float64).
  case float64
}

/// Everything that determines a training run, and nothing else.
///
/// Two runs with equal plans produce the same bits; a checkpoint records its
/// plan, and `--resume` refuses a checkpoint whose plan differs (except in
/// the number of epochs, which may be extended).
public struct TrainingPlan: Sendable, Equatable, Codable {
  /// The model, e.g. `mlp:784-400-400-10`.
  public var model: ModelSpec
  /// The hidden layers' nonlinearity.
  public var activation: Activation = .relu
  /// Dropout probability on hidden units while training.
  public var dropout: Double = 0
  /// How the initial weights are drawn.
  public var initialization: Initialization = .torchDefault
  /// The data: a built-in name or a path.
  public var data: DataSource
  /// The optimizer and its explicitly set hyperparameters.
  public var optimizer: OptimizerKind
  public var settings: OptimizerSettings
  /// A learning-rate schedule over optimizer steps.
  public var schedule: LearningRateSchedule = .constant
  /// Passes over the training set.
  public var epochs: Int
  /// Minibatch size B (also AdaBayes' summed-loss scale).
  public var batchSize: Int
  /// The seed of every random choice (initialisation, batch order, dropout, split).
  public var seed: UInt64
  /// Stop when the validation loss has not improved for this many epochs (a
  /// validation set is then held out of the training data); `nil`: no early stop.
  public var earlyStoppingPatience: Int?
  /// The element type.
  public var precision: Precision = .float32
  /// What a step does with a NaN or infinite gradient (`nil`: refuse, the default).
  /// A policy of its own run, not part of what a checkpoint must match.
  public var nonFiniteGradients: NonFiniteGradientPolicy?

  /// A plan with the required parts; the rest take their defaults.
  public init(
    model: ModelSpec, data: DataSource, optimizer: OptimizerKind, settings: OptimizerSettings = OptimizerSettings(), epochs: Int,
    batchSize: Int, seed: UInt64
  ) {
    self.model = model
    self.data = data
    self.optimizer = optimizer
    self.settings = settings
    self.epochs = epochs
    self.batchSize = batchSize
    self.seed = seed
  }

  /// Minibatches per epoch over `count` training examples, ⌈count/B⌉
  /// (formed without the overflow of count + B − 1 at a huge B).
  public func batchesPerEpoch(count: Int) -> Int {
    count / batchSize + (count % batchSize == 0 ? 0 : 1)
  }

  /// Checks the plan's own numbers; the message names the flag.
  public func validate() throws(TrainingError) {
    guard epochs >= 1 else { throw .usage("--epochs must be ≥ 1, got \(epochs)") }
    guard batchSize >= 1 else { throw .usage("--batch-size must be ≥ 1, got \(batchSize)") }
    guard dropout >= 0 && dropout < 1 else { throw .usage("--dropout must be in [0, 1), got \(dropout)") }
    if let patience = earlyStoppingPatience, patience < 1 { throw .usage("--early-stop must be ≥ 1 epoch, got \(patience)") }
    if earlyStoppingPatience != nil, !(data.validationFraction > 0 && data.validationFraction < 1) {
      throw .usage("--validation-fraction must be in (0, 1), got \(data.validationFraction)")
    }
    do {
      try schedule.validate()
      _ = try optimizer.resolve(settingsForRun)
    } catch {
      throw .usage(error.description)
    }
  }

  /// The optimizer settings with the run's batch size passed to optimizers that take one.
  public var settingsForRun: OptimizerSettings {
    var s = settings
    if optimizer.hyperparameters.contains(.batchSize), s[.batchSize] == nil {
      try? s.set(.batchSize, .integer(batchSize))
    }
    return s
  }

  /// The fields in which `other` differs from this plan, ignoring `epochs`.
  public func differences(from other: TrainingPlan) -> [String] {
    var fields: [String] = []
    if model != other.model { fields.append("model (\(other.model) vs \(model))") }
    if activation != other.activation { fields.append("activation") }
    if dropout != other.dropout { fields.append("dropout") }
    if initialization != other.initialization { fields.append("initialization") }
    if data != other.data { fields.append("data (\(other.data) vs \(data))") }
    if optimizer != other.optimizer { fields.append("optimizer (\(other.optimizer.rawValue) vs \(optimizer.rawValue))") }
    if settings != other.settings { fields.append("optimizer hyperparameters") }
    if schedule != other.schedule { fields.append("schedule") }
    if batchSize != other.batchSize { fields.append("batch size (\(other.batchSize) vs \(batchSize))") }
    if seed != other.seed { fields.append("seed (\(other.seed) vs \(seed))") }
    if earlyStoppingPatience != other.earlyStoppingPatience { fields.append("early stopping") }
    if precision != other.precision { fields.append("precision (\(other.precision.rawValue) vs \(precision.rawValue))") }
    return fields
  }
}
