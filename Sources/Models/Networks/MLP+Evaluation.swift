import Linalg

/// A model's mean loss on a data set, and its accuracy (classification) or
/// root-mean-squared error (regression, in the units of the targets it saw).
public struct Evaluation: Sendable, Equatable, Codable {
  /// The mean loss (cross-entropy, or squared error for regression).
  public var loss: Double
  /// The fraction classified correctly (classification only).
  public var accuracy: Double?
  /// √(mean squared error) (regression only).
  public var rootMeanSquaredError: Double?
  /// The number of examples evaluated.
  public var count: Int

  /// An evaluation of these values.
  public init(loss: Double, accuracy: Double?, rootMeanSquaredError: Double?, count: Int) {
    self.loss = loss
    self.accuracy = accuracy
    self.rootMeanSquaredError = rootMeanSquaredError
    self.count = count
  }
}

extension MLP {
  /// The mean loss and accuracy/RMSE of the network on `data`, without dropout.
  ///
  /// Runs in chunks of at most `chunk` rows through the same work buffer.
  public mutating func evaluate(at parameters: [Scalar], on data: Dataset<Scalar>, chunk: Int = 500) -> Evaluation {
    precondition(parameters.count == parameterCount, "MLP.evaluate: \(parameters.count) parameters for \(parameterCount)")
    precondition(data.featureCount == layerSizes[0], "MLP.evaluate: data has \(data.featureCount) features, the network takes \(layerSizes[0])")
    let k = layerSizes[depth]
    var lossSum = 0.0, correct = 0, squaredError = 0.0
    var start = 0
    reserve(rows: Swift.min(chunk, Swift.max(1, data.count)))
    var generator = dropoutGenerator
    while start < data.count {
      let rows = Swift.min(chunk, data.count - start)
      let batch = Array(start..<(start + rows))
      withBuffers { shape, buffers in
        parameters.withUnsafeBufferPointer { theta in
          guard let theta = theta.baseAddress else { return }
          shape.gather(data, batch, into: buffers.x)
          shape.forward(theta, rows: rows, buffers, training: false, generator: &generator)
          lossSum += Double(shape.scoreOutputs(data, batch, rows: rows, buffers))
          let z = buffers.z[shape.depth - 1]
          for r in 0..<rows {
            let example = start + r
            switch shape.outputLoss {
            case .softmaxCrossEntropy:
              var best = 0
              for j in 1..<k where z[r * k + j] > z[r * k + best] { best = j }
              if best == data.labels[example] { correct += 1 }
            case .binaryCrossEntropy:
              if (z[r] > 0 ? 1 : 0) == data.labels[example] { correct += 1 }
            case .meanSquaredError:
              let residual = Double(z[r]) - Double(data.targets[example])
              squaredError += residual * residual
            }
          }
        }
      }
      start += rows
    }
    let n = Double(Swift.max(1, data.count))
    let classification = outputLoss != .meanSquaredError
    return Evaluation(
      loss: lossSum / n, accuracy: classification ? Double(correct) / n : nil,
      rootMeanSquaredError: classification ? nil : (squaredError / n).squareRoot(), count: data.count)
  }

  /// The network's outputs z_L for every example of `data` (row-major, count × n_L): logits, or predictions for regression.
  public mutating func outputs(at parameters: [Scalar], on data: Dataset<Scalar>, chunk: Int = 500) -> [Scalar] {
    let k = layerSizes[depth]
    var result = [Scalar](repeating: 0, count: data.count * k)
    var start = 0
    reserve(rows: Swift.min(chunk, Swift.max(1, data.count)))
    var generator = dropoutGenerator
    while start < data.count {
      let rows = Swift.min(chunk, data.count - start)
      withBuffers { shape, buffers in
        parameters.withUnsafeBufferPointer { theta in
          result.withUnsafeMutableBufferPointer { out in
            guard let theta = theta.baseAddress, let out = out.baseAddress else { return }
            shape.gather(data, Array(start..<(start + rows)), into: buffers.x)
            shape.forward(theta, rows: rows, buffers, training: false, generator: &generator)
            (out + start * k).update(from: buffers.z[shape.depth - 1], count: rows * k)
          }
        }
      }
      start += rows
    }
    return result
  }
}
