import FileOutput
import Foundation
import Models
import Optimizers
import TestSupport
import Testing
import Training

/// A plan on a built-in data set read from this repository's Data/.
private func plan(
  _ model: String, _ data: String, _ optimizer: OptimizerKind, _ settings: [(Hyperparameter, HyperparameterValue)] = [],
  epochs: Int, batch: Int = 16, seed: UInt64 = 0
) throws -> TrainingPlan {
  var s = OptimizerSettings()
  for (h, v) in settings { try s.set(h, v) }
  return TrainingPlan(model: try ModelSpec(parsing: model), data: DataSource(data), optimizer: optimizer, settings: s, epochs: epochs, batchSize: batch, seed: seed)
}

private func train<Scalar: OptimizerScalar>(_: Scalar.Type, _ plan: TrainingPlan, checkpoints: CheckpointStore? = nil, resume: Bool = false) throws -> (Trainer<Scalar>, TrainingResult) {
  let data = try PreparedData<Scalar>.load(plan.data, seed: plan.seed, holdOutValidation: plan.earlyStoppingPatience != nil, dataDirectory: Repository.root + "/Data")
  var trainer = try Trainer<Scalar>(plan: plan, data: data)
  if resume, let checkpoints { try checkpoints.restore(&trainer) }
  var observer = SilentObserver()
  let result = try trainer.run(observer: &observer, checkpoints: checkpoints)
  return (trainer, result)
}

private func scratchDirectory() -> String {
  let path = FileManager.default.temporaryDirectory.appendingPathComponent("kfopt-trainer-\(UUID().uuidString)").path
  try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  return path
}

@Suite("Trainer")
struct TrainerTests {
  /// Sums of products of byte counts, nil exactly when Int overflows.
  @Test(.tags(.property)) func memoryBudgetCountsOrReportsOverflow() {
    #expect(MemoryBudget.bytes([[3, 4, 8], [5]]) == 101)
    #expect(MemoryBudget.bytes([]) == 0)
    #expect(MemoryBudget.bytes([[Int.max / 2, 2]]) == Int.max - 1)
    #expect(MemoryBudget.bytes([[Int.max / 2 + 1, 2]]) == nil)
    #expect(MemoryBudget.bytes([[Int.max], [1]]) == nil)
    #expect(!MemoryBudget.fits(nil) && MemoryBudget.fits(0) && !MemoryBudget.fits(Int.max))
    #expect(MemoryBudget.describe(nil) == "more bytes than can be counted" && MemoryBudget.describe(2_500_000_000) == "about 2.5 GB")
  }

  /// ⌈count/B⌉ minibatches, with no overflow at B = Int.max.
  @Test(.tags(.property)) func batchesPerEpochIsTheCeilingWithoutOverflow() throws {
    for (count, batch, expected) in [(150, 100, 2), (200, 100, 2), (1, 100, 1), (0, 16, 0), (150, Int.max, 1), (Int.max, 1, Int.max), (Int.max, Int.max, 1)] {
      #expect(try plan("softmax", "iris", .adam, epochs: 1, batch: batch).batchesPerEpoch(count: count) == expected, "\(count)/\(batch)")
    }
  }

  @Test(.tags(.property), arguments: [OptimizerKind.adabayes, .adam, .sgd])
  func resumingFromACheckpointIsBitIdenticalToAnUninterruptedRun(kind: OptimizerKind) throws {
    // Dropout, a schedule and AdaBayes' filter state all have to survive the checkpoint.
    var full = try plan("mlp:4-16-3", "iris", kind, kind == .sgd ? [(.learningRate, .real(0.05)), (.momentum, .real(0.9))] : [(.learningRate, .real(1e-2))], epochs: 6)
    full.dropout = 0.2
    full.schedule = .cosine(steps: 48, minimumFactor: 0.1)
    let (uninterrupted, reference) = try train(Float.self, full)

    let directory = scratchDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let store = CheckpointStore(directory: directory)
    var firstHalf = full
    firstHalf.epochs = 3
    _ = try train(Float.self, firstHalf, checkpoints: store)
    #expect(store.exists)
    let (resumed, result) = try train(Float.self, full, checkpoints: store, resume: true)
    #expect(resumed.optimizer.parameters == uninterrupted.optimizer.parameters)
    #expect(resumed.optimizer.posteriorVariances == uninterrupted.optimizer.posteriorVariances)
    #expect(result.history.map(\.testLoss) == reference.history.map(\.testLoss))
    #expect(result.history.count == 6 && resumed.completedEpochs == 6)
  }

  @Test(.tags(.conformance))
  func aCheckpointOfAnotherRunOrACorruptOneIsRefused() throws {
    let directory = scratchDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let store = CheckpointStore(directory: directory)
    _ = try train(Double.self, try plan("softmax", "iris", .adam, epochs: 2), checkpoints: store)
    // Another optimizer and seed: the message lists both differences.
    do {
      _ = try train(Double.self, try plan("softmax", "iris", .sgd, epochs: 3, seed: 7), checkpoints: store, resume: true)
      Issue.record("resumed a foreign checkpoint")
    } catch let error as TrainingError {
      #expect(error.description.contains("optimizer") && error.description.contains("seed"), "\(error)")
      guard case .data = error else { Issue.record("expected a data error, got \(error)"); return }
    }
    // Another precision is another kind of checkpoint.
    #expect(throws: TrainingError.self) { try train(Float.self, try plan("softmax", "iris", .adam, epochs: 3), checkpoints: store, resume: true) }
    // A flipped byte: the CRC catches it.
    var bytes = try AtomicFile.read(store.path)
    bytes[bytes.count / 2] ^= 0x40
    try AtomicFile.write(bytes, to: store.path)
    #expect(throws: TrainingError.self) { try train(Double.self, try plan("softmax", "iris", .adam, epochs: 3), checkpoints: store, resume: true) }
    // No checkpoint at all is an I/O error.
    let empty = CheckpointStore(directory: directory + "/none")
    do {
      _ = try train(Double.self, try plan("softmax", "iris", .adam, epochs: 3), checkpoints: empty, resume: true)
    } catch let error as TrainingError {
      guard case .io = error else { Issue.record("expected an I/O error, got \(error)"); return }
    }
  }

  @Test(.tags(.property))
  func earlyStoppingKeepsTheBestValidationEpoch() throws {
    var p = try plan("mlp:64-64-10", "digits", .adam, [(.learningRate, .real(0.03))], epochs: 40, batch: 32)
    p.earlyStoppingPatience = 2
    let (trainer, result) = try train(Float.self, p)
    let losses = result.history.compactMap(\.validationLoss)
    #expect(losses.count == result.history.count)
    #expect(result.final.validationLoss == losses.min())
    if result.stoppedEarly {
      #expect(result.history.count < 40 && result.history.count - result.final.epoch == 2)
    }
    // The parameters are the best epoch's: re-evaluating them gives its validation loss.
    var model = trainer.model
    let validation = try #require(trainer.data.validation)
    let loss = model.evaluate(at: trainer.optimizer.parameters, on: validation).loss
    #expect(abs(loss - (result.final.validationLoss ?? .nan)) <= 1e-6)
  }

  @Test(.tags(.reference))
  func logisticRegressionOnBreastCancerReaches95Percent() throws {
    let (_, result) = try train(Double.self, try plan("logistic", "breast-cancer", .adam, [(.learningRate, .real(1e-2))], epochs: 30, batch: 32))
    #expect((result.final.testAccuracy ?? 0) >= 0.95, "\(result.final)")
  }

  @Test(.tags(.reference))
  func softmaxRegressionOnDigitsReaches94Percent() throws {
    let (_, result) = try train(Double.self, try plan("softmax", "digits", .adam, [(.learningRate, .real(1e-2))], epochs: 30, batch: 32))
    #expect((result.final.testAccuracy ?? 0) >= 0.94, "\(result.final)")
  }

  @Test(.tags(.reference))
  func linearRegressionOnDiabetesIsWithinTwoPercentOfLeastSquares() throws {
    let p = try plan("linear", "diabetes", .adam, [(.learningRate, .real(0.05))], epochs: 200, batch: 32)
    let (trainer, result) = try train(Double.self, p)
    // The exact least-squares fit on the same (standardised) training split, in original units.
    let weights = try LinearRegression.leastSquares(trainer.data.train)
    let exact = LinearRegression.rootMeanSquaredError(weights, on: trainer.data.test) * trainer.data.targetScale
    let trained = try #require(result.final.testRMSE)
    #expect(abs(trained - exact) <= 0.02 * exact, "trained \(trained), least squares \(exact)")
    // NLL of a Gaussian with the training MSE as its variance.
    let trainMSE = pow(try #require(result.final.trainRMSE), 2)
    let nll = 0.5 * log(2 * Double.pi * trainMSE) + trained * trained / (2 * trainMSE)
    #expect(abs((result.final.testNLL ?? .nan) - nll) <= 1e-12 * abs(nll))
  }
}
