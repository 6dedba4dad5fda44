import Filtering
import Foundation
import Linalg
import Models
import Optimizers

/// The training loop: epochs of shuffled minibatches, a schedule, per-epoch
/// evaluation, early stopping, and checkpoints that resume bit for bit.
///
/// ```swift
/// var trainer = try Trainer<Float>(plan: plan, data: try PreparedData.load(plan.data, seed: plan.seed))
/// var observer = SilentObserver()
/// let result = try trainer.run(observer: &observer)
/// ```
/// Every random choice comes from SplitMix64 generators seeded by
/// `plan.seed` (initialisation, batch order, dropout), and their states are
/// part of a checkpoint.
public struct Trainer<Scalar: OptimizerScalar> {
  /// What is being run.
  public let plan: TrainingPlan
  /// The network and its training set.
  public internal(set) var model: MLP<Scalar>
  /// The optimizer holding the parameters.
  public internal(set) var optimizer: any OptimizerProtocol<Scalar>
  /// The data the run trains and evaluates on.
  public let data: PreparedData<Scalar>
  /// Orders the minibatches of each epoch.
  var batchGenerator: SplitMix64
  /// Epochs completed (restored from a checkpoint when resuming).
  public internal(set) var completedEpochs = 0
  var history: [EpochRecord] = []
  var best: BestEpoch<Scalar>?
  var epochsWithoutImprovement = 0
  var gradient: [Scalar]
  /// The model's ``ParameterPartition`` for the last batch size and thread count.
  var partition: (rows: Int, threads: Int, value: ParameterPartition?)?

  /// A run at epoch 0: the model built, parameters initialised, the optimizer made.
  ///
  /// - Throws: ``TrainingError/usage(_:)`` for a bad plan, ``TrainingError/data(_:)``
  ///   when the model does not fit the data.
  public init(plan: TrainingPlan, data: PreparedData<Scalar>) throws(TrainingError) {
    try plan.validate()
    self.plan = plan
    self.data = data
    do {
      model = try plan.model.build(
        trainingData: data.train, activation: plan.activation, dropout: plan.dropout, dropoutSeed: plan.seed ^ 0xD809_0D7E_5EED_0001)
    } catch {
      // The model named on the command line does not fit this data: a usage error.
      throw .usage("--model \(plan.model): \(error.description)")
    }
    if plan.optimizer == .rls, plan.model != .linear {
      throw .usage("--optimizer rls is recursive least squares: it needs --model linear (use kalman for \(plan.model))")
    }
    try Self.checkMemory(parameters: model.parameterCount, plan: plan)
    var initialization = SplitMix64(seed: plan.seed)
    let theta = model.initialParameters(plan.initialization, using: &initialization)
    do {
      optimizer = try plan.optimizer.make(plan.settingsForRun, parameters: theta)
    } catch {
      throw .usage(error.description)
    }
    optimizer.nonFiniteGradientPolicy = plan.nonFiniteGradients ?? .refuse
    batchGenerator = SplitMix64(seed: plan.seed ^ 0xBA7C_0DE5_5EED_0002)
    gradient = [Scalar](repeating: 0, count: theta.count)
  }

  /// Trains from `completedEpochs + 1` to `plan.epochs` (or an early stop).
  ///
  /// After each epoch the observer gets its record and, when `checkpoints`
  /// is given, the state is written there atomically.
  /// With `calibrate`, the result also carries the test-set calibration of the
  /// final parameters, with and without the weight posterior.
  public mutating func run<Observer: TrainingObserver>(
    observer: inout Observer, checkpoints: CheckpointStore? = nil, calibrate: Bool = false
  ) throws(TrainingError) -> TrainingResult {
    let batchCount = plan.batchesPerEpoch(count: data.train.count)
    observer.trainingWillStart(plan: plan, parameterCount: model.parameterCount, stepsPerEpoch: batchCount, startEpoch: completedEpochs + 1)
    var stoppedEarly = false
    while completedEpochs < plan.epochs && !stoppedEarly {
      let record = try trainEpoch(observer: &observer)
      stoppedEarly = updateEarlyStopping(record)
      if let checkpoints { try checkpoints.save(self) }
    }
    var result = finish(stoppedEarly: stoppedEarly)
    if calibrate { result.calibration = calibration() }
    observer.trainingDidFinish(result)
    return result
  }

  /// Trains and evaluates one more epoch (the next after `completedEpochs`),
  /// for callers that inspect the optimizer between epochs; ``run(observer:checkpoints:calibrate:)``
  /// is this in a loop plus early stopping, checkpoints and the final result.
  ///
  /// The observer gets `batchDidFinish` and `epochDidFinish`, not the start and finish calls.
  @discardableResult
  public mutating func trainEpoch<Observer: TrainingObserver>(observer: inout Observer) throws(TrainingError) -> EpochRecord {
    let epoch = completedEpochs + 1
    let batchCount = plan.batchesPerEpoch(count: data.train.count)
    let order = MinibatchOrder.shuffled(count: data.train.count, using: &batchGenerator)
    let start = DispatchTime.now().uptimeNanoseconds
    for (b, batch) in MinibatchOrder.batches(of: order, size: plan.batchSize).enumerated() {
      optimizer.learningRate = optimizer.initialLearningRate * plan.schedule.factor(afterSteps: optimizer.stepCount)
      let loss = try step(on: batch, epoch: epoch, batchNumber: b + 1)
      observer.batchDidFinish(epoch: epoch, batch: b + 1, of: batchCount, loss: loss)
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    let record = evaluate(epoch: epoch, seconds: seconds)
    history.append(record)
    completedEpochs = epoch
    observer.epochDidFinish(record)
    return record
  }

  /// One optimizer step on a minibatch: from the gradient, or — for the
  /// full-covariance Kalman filter — from the linearised likelihood.
  mutating func step(on batch: ArraySlice<Int>, epoch: Int, batchNumber: Int) throws(TrainingError) -> Double {
    let loss: Double
    do {
      if optimizer.consumesEvidence {
        let linearized = model.linearizedLikelihood(at: optimizer.parameters, batch: batch, noiseVariance: optimizer.observationNoiseVariance)
        loss = linearized.meanLoss
        guard loss.isFinite else { throw TrainingError.numerical("the training loss became \(loss)") }
        let evidence: DenseQuadraticEvidence
        do {
          evidence = try DenseQuadraticEvidence(gradient: linearized.gradient, curvatureFactor: linearized.curvatureFactor)
        } catch {
          throw TrainingError.numerical("the linearised likelihood is not finite: \(error)")
        }
        try optimizer.step(evidence: evidence)
      } else {
        loss = Double(model.loss(at: optimizer.parameters, batch: batch, gradient: &gradient))
        // Under the skip policy the optimizer's own scan decides (a non-finite loss has a non-finite gradient).
        guard loss.isFinite || optimizer.nonFiniteGradientPolicy == .skip else {
          throw TrainingError.numerical("the training loss became \(loss); lower --lr")
        }
        // Each thread steps the parameters whose gradients its share of the passes wrote.
        try ParameterPartition.$current.withValue(parameterPartition(rows: batch.count)) {
          try optimizer.step(gradient: gradient)
        }
      }
    } catch let error as TrainingError {
      throw .numerical("epoch \(epoch), batch \(batchNumber) (step \(optimizer.stepCount + 1)): \(error.description)")
    } catch let error as OptimizerError {
      throw .numerical("epoch \(epoch), batch \(batchNumber) (step \(optimizer.stepCount + 1)): \(error.description)")
    } catch {
      throw .numerical("epoch \(epoch), batch \(batchNumber): \(error)")
    }
    return loss
  }

  /// ``NetworkShape/parameterPartition(rows:)``, computed once per batch size and thread count.
  mutating func parameterPartition(rows: Int) -> ParameterPartition? {
    let threads = KernelThreads.count
    if let partition, partition.rows == rows, partition.threads == threads { return partition.value }
    let value = model.shape.parameterPartition(rows: rows)
    partition = (rows, threads, value)
    return value
  }

  /// The metrics of the current parameters on train, test and validation data.
  mutating func evaluate(epoch: Int, seconds: Double) -> EpochRecord {
    let theta = optimizer.parameters
    let train = model.evaluate(at: theta, on: data.train)
    let test = model.evaluate(at: theta, on: data.test)
    let validation = data.validation.map { model.evaluate(at: theta, on: $0) }
    // Regression metrics in the units of the original targets: MSE × s², RMSE × s.
    let s = data.targetScale, s2 = data.targetScale * data.targetScale
    let isRegression = train.rootMeanSquaredError != nil
    var testNLL: Double?
    if isRegression, let trainRMSE = train.rootMeanSquaredError, let testRMSE = test.rootMeanSquaredError {
      // Gaussian predictive with the training MSE as its variance (in original units).
      let variance = Swift.max(trainRMSE * trainRMSE * s2, .leastNormalMagnitude)
      testNLL = 0.5 * Foundation.log(2 * Double.pi * variance) + testRMSE * testRMSE * s2 / (2 * variance)
    }
    return EpochRecord(
      epoch: epoch, steps: optimizer.stepCount, learningRate: optimizer.learningRate,
      trainLoss: isRegression ? train.loss * s2 : train.loss, trainAccuracy: train.accuracy,
      trainRMSE: train.rootMeanSquaredError.map { $0 * s }, testLoss: isRegression ? test.loss * s2 : test.loss,
      testAccuracy: test.accuracy, testRMSE: test.rootMeanSquaredError.map { $0 * s }, testNLL: testNLL,
      validationLoss: validation.map { isRegression ? $0.loss * s2 : $0.loss }, seconds: seconds)
  }

  /// Tracks the best validation epoch; true when the patience is used up.
  mutating func updateEarlyStopping(_ record: EpochRecord) -> Bool {
    guard let patience = plan.earlyStoppingPatience, let loss = record.validationLoss else { return false }
    if best.map({ loss < $0.validationLoss }) ?? true {
      best = BestEpoch(validationLoss: loss, record: record, parameters: optimizer.parameters)
      epochsWithoutImprovement = 0
      return false
    }
    epochsWithoutImprovement += 1
    return epochsWithoutImprovement >= patience
  }

  /// The result; with early stopping the best validation epoch's parameters are restored.
  mutating func finish(stoppedEarly: Bool) -> TrainingResult {
    var final = history.last ?? evaluate(epoch: 0, seconds: 0)
    if let best, plan.earlyStoppingPatience != nil {
      try? optimizer.restore(parameters: best.parameters, state: optimizer.stateSnapshot, stepCount: optimizer.stepCount)
      final = best.record
    }
    var result = TrainingResult(history: history, final: final, stoppedEarly: stoppedEarly, parameterCount: model.parameterCount)
    result.skippedSteps = optimizer.skippedSteps
    return result
  }
}

/// The best validation epoch seen so far (early stopping).
struct BestEpoch<Scalar: OptimizerScalar>: Sendable, Codable, Equatable {
  var validationLoss: Double
  var record: EpochRecord
  var parameters: [Scalar]
}
