import Foundation
import ArgumentParser
import Linalg
import Models
import Optimizers
import Training

/// The options `train` and `compare` share: model, data, schedule, epochs, seed.
struct RunOptions: ParsableArguments {
  @Option(help: "The model: mlp:N0-N1-…-NL (e.g. mlp:784-400-400-10), linear, logistic or softmax.") var model: String
  @Option(help: "The data: mnist5k, digits, breast-cancer, diabetes, iris, wine, a CSV file, or a directory of IDX files.")
  var data: String
  @Option(help: "CSV target column, by name or index (default: the last column).") var target: String?
  @Option(help: "auto, classification or regression (CSV data).") var task: String = "auto"
  @Option(name: .customLong("test-fraction"), help: "Fraction of a CSV data set held out for testing.") var testFraction: Double = 0.2
  @Option(help: "Feature standardisation, fitted on the training part: auto (CSV on, images off), on, off.")
  var standardize: String = "auto"
  @Option(help: "Hidden-layer nonlinearity: relu, tanh, sigmoid.") var activation: String = "relu"
  @Option(help: "Dropout probability on hidden units while training.") var dropout: Double = 0
  @Option(name: .customLong("init"), help: "Initialisation: torch (torch.nn.Linear's default), he, xavier.") var initialization: String = "torch"
  @Option(help: "Passes over the training data.") var epochs: Int = 10
  @Option(name: .customLong("batch-size"), help: "Minibatch size B (also AdaBayes' summed-loss scale).") var batchSize: Int = 100
  @Option(help: "Seed of every random choice (initialisation, batch order, dropout, splits).") var seed: UInt64 = 0
  @Option(help: "Learning-rate schedule over epochs: constant, step:E:γ, multistep:E1,E2,…:γ, exponential:γ, cosine[:min].")
  var schedule: String = "constant"
  @Option(help: "Linear warm-up of the learning rate over this many epochs, from 0.") var warmup: Int = 0
  @Option(name: .customLong("early-stop"), help: "Stop when the validation loss has not improved for this many epochs (holds out --validation-fraction of the training data) and keep the best epoch.")
  var earlyStop: Int?
  @Option(name: .customLong("validation-fraction"), help: "Fraction of the training data held out for early stopping.")
  var validationFraction: Double = 0.1
  @Option(help: "float32 (as PyTorch by default) or float64.") var precision: String = "float32"
  @Option(name: .customLong("nonfinite-gradients"), help: "A NaN or infinite gradient: refuse (stop with an error naming the entry and step), skip the step and count it, or propagate (no scan, as torch.optim; training still stops on a non-finite loss).")
  var nonFiniteGradients: String = "refuse"
  @Option(help: "Threads for BLAS, the optimizer kernels and the MLP passes, 1 to 1024 (default: all processors, or $KALMANOPT_THREADS).")
  var threads: Int?

  /// Sets the BLAS and optimizer-kernel thread counts from --threads (or the default).
  func applyThreads() throws {
    _ = try ThreadCount.apply(threads)
  }

  /// The plan for optimizer `kind` with `settings`, once the data (and so the steps per epoch) is known.
  func plan(optimizer kind: OptimizerKind, settings: OptimizerSettings) throws -> TrainingPlan {
    let spec: ModelSpec
    do {
      spec = try ModelSpec(parsing: model)
    } catch {
      throw ValidationError("--model \(model): \(error.description)")
    }
    var source = DataSource(data)
    source.target = target
    guard let taskChoice = TaskChoice(rawValue: task) else { throw ValidationError("--task must be auto, classification or regression, got '\(task)'") }
    source.task = taskChoice
    source.testFraction = testFraction
    source.validationFraction = validationFraction
    guard let standardization = DataSource.Standardization(rawValue: standardize) else {
      throw ValidationError("--standardize must be auto, on or off, got '\(standardize)'")
    }
    source.standardization = standardization
    var plan = TrainingPlan(model: spec, data: source, optimizer: kind, settings: settings, epochs: epochs, batchSize: batchSize, seed: seed)
    guard let act = Activation(rawValue: activation) else { throw ValidationError("--activation must be relu, tanh or sigmoid, got '\(activation)'") }
    plan.activation = act
    plan.dropout = dropout
    guard let initScheme = Initialization(rawValue: initialization) else { throw ValidationError("--init must be torch, he or xavier, got '\(initialization)'") }
    plan.initialization = initScheme
    plan.earlyStoppingPatience = earlyStop
    guard let policy = NonFiniteGradientPolicy(rawValue: nonFiniteGradients) else {
      throw ValidationError("--nonfinite-gradients must be refuse, skip or propagate, got '\(nonFiniteGradients)'")
    }
    plan.nonFiniteGradients = policy == .refuse ? nil : policy
    guard let p = Precision(rawValue: precision) else { throw ValidationError("--precision must be float32 or float64, got '\(precision)'") }
    plan.precision = p
    // The plan's own numbers (--epochs, --batch-size, …) before anything divides by them.
    try plan.validate()
    return plan
  }

  /// The schedule in optimizer steps, given the steps per epoch.
  func learningRateSchedule(stepsPerEpoch: Int) throws -> LearningRateSchedule {
    let parts = schedule.split(separator: ":").map(String.init)
    func number(_ text: String) throws -> Double {
      guard let x = Double(text), x.isFinite else { throw ValidationError("--schedule \(schedule): '\(text)' is not a number") }
      return x
    }
    func milestoneSteps(_ text: String) throws -> Int {
      guard let e = Int(text), e >= 0 else { throw ValidationError("--schedule \(schedule): '\(text)' is not a number of epochs") }
      return try steps(epochs: e, "--schedule \(schedule)")
    }
    /// Epochs in optimizer steps, refused where the count would overflow.
    func steps(epochs e: Int, _ flag: String) throws -> Int {
      let (product, overflow) = e.multipliedReportingOverflow(by: stepsPerEpoch)
      guard !overflow else { throw ValidationError("\(flag): \(e) epochs of \(stepsPerEpoch) steps is more steps than can be counted") }
      return product
    }
    guard warmup >= 0 else { throw ValidationError("--warmup must be ≥ 0 epochs, got \(warmup)") }
    var base: LearningRateSchedule
    switch parts.first ?? "" {
    case "constant" where parts.count == 1: base = .constant
    case "step" where parts.count == 3: base = .step(every: try milestoneSteps(parts[1]), factor: try number(parts[2]))
    case "multistep" where parts.count == 3:
      let milestones = try parts[1].split(separator: ",").map { try milestoneSteps(String($0)) }
      base = .multiStep(milestones: milestones, factor: try number(parts[2]))
    case "exponential" where parts.count == 2:
      // γ per epoch: γ^(1/steps) per step.
      let gamma = try number(parts[1])
      guard gamma > 0 else { throw ValidationError("--schedule \(schedule): the decay factor γ must be > 0, got \(parts[1])") }
      base = .exponential(factor: Foundation.pow(gamma, 1 / Double(stepsPerEpoch)))
    case "cosine" where parts.count <= 2:
      base = .cosine(steps: max(1, try steps(epochs: epochs - warmup, "--epochs")), minimumFactor: parts.count == 2 ? try number(parts[1]) : 0)
    default:
      throw ValidationError("--schedule \(schedule): use constant, step:E:γ, multistep:E1,E2,…:γ, exponential:γ or cosine[:min]")
    }
    if warmup > 0 { base = .warmup(steps: try steps(epochs: warmup, "--warmup"), startFactor: 0, then: base) }
    do {
      try base.validate()
    } catch {
      throw ValidationError("--schedule \(schedule): \(error.description)")
    }
    return base
  }
}
