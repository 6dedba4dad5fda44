import Foundation
import Linalg
import Models
import Optimizers
import Training

/// Every parameter's step |Δ|/α over a real training run, as a histogram.
///
/// An MLP on a built-in data set, trained in float32 with the given transform
/// (Adam or AdaMax); each step runs in the update form, so Δ is the
/// increment itself, recorded for every parameter before it is added.
public struct TrainingStepSizes: Sendable {
  /// The network, input to output.
  public var layerSizes: [Int] = [784, 400, 400, 10]
  /// The data set.
  public var data = DataSource("mnist5k")
  /// Passes over the training set.
  public var epochs = 10
  /// Minibatch size.
  public var batchSize = 100

  /// The defaults: the bench's MLP on mnist5k, 10 epochs of batch 100.
  public init() {}

  /// The data, prepared as the trainer would.
  ///
  /// - Throws: ``NotebookError/io(_:)`` when the files cannot be read.
  public func loadData(seed: UInt64) throws(NotebookError) -> PreparedData<Float> {
    do {
      return try PreparedData<Float>.load(data, seed: seed)
    } catch {
      throw .io(error.description)
    }
  }

  /// Trains from torch's default initialisation with `transform` and records every |Δ|/α.
  ///
  /// - Parameters:
  ///   - learningRate: α, the unit of the histogram (the transform's learning rate).
  ///   - thresholds: the ratios counted exactly (e.g. 1 and the paper's bound).
  /// - Returns: the histogram and the test accuracy reached.
  /// - Throws: ``NotebookError/failed(_:)`` when the network does not fit the data or the loss is not finite.
  public func measure<Transform: GradientTransformation>(
    _ transform: Transform, learningRate alpha: Double, thresholds: [Double], seed: UInt64, data prepared: PreparedData<Float>
  ) throws(NotebookError) -> (histogram: StepSizeHistogram, testAccuracy: Double) where Transform.Scalar == Float {
    var model: MLP<Float>
    do {
      model = try MLP<Float>(layerSizes: layerSizes, trainingData: prepared.train)
    } catch {
      throw .failed("\(layerSizes): \(error.description)")
    }
    var initialization = SplitMix64(seed: seed)
    var theta = model.initialParameters(.torchDefault, using: &initialization)
    var state = transform.initialState(for: theta)
    var batches = SplitMix64(seed: seed ^ 0xBA7C_0DE5_5EED_0002)
    var gradient = [Float](repeating: 0, count: theta.count)
    var histogram = StepSizeHistogram(thresholds: thresholds)
    for epoch in 1...Swift.max(1, epochs) {
      let order = MinibatchOrder.shuffled(count: prepared.train.count, using: &batches)
      for batch in MinibatchOrder.batches(of: order, size: batchSize) {
        let loss = model.loss(at: theta, batch: batch, gradient: &gradient)
        guard loss.isFinite else { throw .failed("the training loss became \(loss) in epoch \(epoch)") }
        transform.update(&gradient, state: &state, parameters: theta)
        histogram.add(increments: gradient, learningRate: alpha)
        for i in theta.indices { theta[i] += gradient[i] }
      }
    }
    return (histogram, model.evaluate(at: theta, on: prepared.test).accuracy ?? .nan)
  }
}
