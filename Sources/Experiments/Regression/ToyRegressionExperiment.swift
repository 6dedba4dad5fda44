import Foundation
import Linalg
import Models
import Optimizers

/// BADAM's 1-D regression: a small tanh network trained with Adam on the toy
/// data, and the diagonal posterior its second moment implies.
///
/// The defaults follow `regression_exp.py` (skezle/BADAM): 1-50-50-1 tanh,
/// Xavier initialisation, mean squared error plus L2 (added to the gradient,
/// so it also enters v), Adam lr 1e-3, batch 128, N = 200 training points,
/// and the posterior-Laplace reading σ² = 1/(N√v̂ + ε) ([BADAM-POST]; with
/// the L2 term in the loss the prior is already in v̂). The source trains
/// 20 000 epochs; ``epochs`` defaults to 4 000 (8 000 steps), after which the
/// fit no longer changes visibly. Precision: Double.
public struct ToyRegressionExperiment: Sendable {
  /// The hidden layers' widths.
  public var hiddenSizes = [50, 50]
  /// The hidden units' nonlinearity.
  public var activation: Activation = .tanh
  /// Training points, x uniform on [0, 0.5).
  public var trainingCount = 200
  /// Held-out points, x uniform on [−0.5, 1.2).
  public var testCount = 400
  /// The training inputs' interval.
  public var trainingInterval: Range<Double> = 0..<0.5
  /// The held-out inputs' interval.
  public var testInterval: Range<Double> = -0.5..<1.2
  /// Passes over the training set.
  public var epochs = 4_000
  /// Minibatch size.
  public var batchSize = 128
  /// Adam's α.
  public var learningRate = 1e-3
  /// L2 coefficient λ (gradient + λθ).
  public var weightDecay = 1e-4
  /// ε of Adam and of σ² = 1/(N√v̂ + ε).
  public var epsilon = 1e-8

  /// The defaults above.
  public init() {}

  /// Draws the data from `seed`, trains, and reads the posterior.
  ///
  /// - Throws: ``NotebookError/failed(_:)`` when the network does not fit the
  ///   data or the loss stops being finite.
  public func run(seed: UInt64) throws(NotebookError) -> ToyRegressionFit {
    let train = try ToyRegressionData.sample(count: trainingCount, on: trainingInterval, seed: seed, name: "toy-train")
    let test = try ToyRegressionData.sample(count: testCount, on: testInterval, seed: seed ^ 0x7E57_7E57_7E57_7E57, name: "toy-test")
    var model: MLP<Double>
    do {
      model = try MLP<Double>(layerSizes: [1] + hiddenSizes + [1], activation: activation, trainingData: train)
    } catch {
      throw .failed("the toy network: \(error.description)")
    }
    var initialization = SplitMix64(seed: seed)
    var optimizer = Optimizer(
      Adam<Double>(learningRate: learningRate, epsilon: epsilon, weightDecay: weightDecay),
      parameters: model.initialParameters(.xavier, using: &initialization))
    var batches = SplitMix64(seed: seed ^ 0xBA7C_4E5_0000_0001)
    var gradient = [Double](repeating: 0, count: model.parameterCount)
    let start = DispatchTime.now().uptimeNanoseconds
    for epoch in 1...Swift.max(1, epochs) {
      let order = MinibatchOrder.shuffled(count: train.count, using: &batches)
      for batch in MinibatchOrder.batches(of: order, size: batchSize) {
        let loss = model.loss(at: optimizer.parameters, batch: batch, gradient: &gradient)
        guard loss.isFinite else { throw .failed("the training loss became \(loss) in epoch \(epoch)") }
        do {
          try optimizer.step(gradient: gradient)
        } catch {
          throw .failed(error.description)
        }
      }
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    guard let meanSquares = optimizer.meanSquaredGradients else { throw .failed("Adam kept no second moment") }
    // [BADAM-POST] posterior-Laplace: σ² = 1/(N√v̂ + ε), mean θ
    let reading = BADAMPosterior(trainingSetSize: train.count, epsilon: epsilon, approximation: .posterior)
    let posterior = reading.posterior(parameters: optimizer.parameters, meanSquaredGradients: meanSquares)
    let trainingMSE = model.evaluate(at: optimizer.parameters, on: train).loss
    return ToyRegressionFit(
      model: model, parameters: optimizer.parameters, variances: posterior.variances, train: train, test: test,
      noiseVariance: trainingMSE, steps: optimizer.stepCount, trainingSeconds: seconds)
  }
}
