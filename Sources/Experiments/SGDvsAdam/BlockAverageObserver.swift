import Training

/// Averages the minibatch training loss over consecutive blocks of examples,
/// as the notes' training loop does ("average loss every 1000 examples").
///
/// The loss is the data term only (weight decay lives in the optimizer), as in
/// the notes, which leave the L2 term out of the curve.
public struct BlockAverageObserver: TrainingObserver, Sendable {
  /// Examples per block.
  public let blockSize: Int
  /// Minibatch size B (a step sees B examples).
  public let batchSize: Int
  /// The completed blocks' mean losses.
  public private(set) var averages: [Double] = []
  private var sum = 0.0
  private var examples = 0

  /// An observer averaging over `blockSize` examples of batches of `batchSize`.
  public init(blockSize: Int, batchSize: Int) {
    self.blockSize = Swift.max(1, blockSize)
    self.batchSize = Swift.max(1, batchSize)
  }

  public mutating func batchDidFinish(epoch: Int, batch: Int, of batches: Int, loss: Double) {
    sum += loss * Double(batchSize)
    examples += batchSize
    if examples >= blockSize {
      averages.append(sum / Double(examples))
      sum = 0
      examples = 0
    }
  }
}
