/// The architecture of an ``MLP``: layer sizes, nonlinearity, output loss,
/// dropout, and where each layer's weights and biases sit in the flat
/// parameter vector. The forward and backward passes are its methods
/// (`MLP+Passes.swift`); it holds no numbers that change during training.
public struct NetworkShape: Sendable, Equatable, Codable {
  /// n₀ (inputs), n₁, …, n_L (outputs).
  public let layerSizes: [Int]
  /// The hidden layers' nonlinearity.
  public let activation: Activation
  /// How the outputs are scored.
  public let outputLoss: OutputLoss
  /// The probability of dropping a hidden unit while training.
  public let dropout: Double
  /// Offsets of Wₗ (index l − 1) in the flat parameter vector.
  public let weightOffsets: [Int]
  /// Offsets of bₗ (index l − 1).
  public let biasOffsets: [Int]
  /// The total number of parameters.
  public let parameterCount: Int

  init(layerSizes: [Int], activation: Activation, outputLoss: OutputLoss, dropout: Double) {
    self.layerSizes = layerSizes
    self.activation = activation
    self.outputLoss = outputLoss
    self.dropout = dropout
    var offset = 0, weights: [Int] = [], biases: [Int] = []
    for l in 1..<layerSizes.count {
      weights.append(offset)
      offset += layerSizes[l] * layerSizes[l - 1]
      biases.append(offset)
      offset += layerSizes[l]
    }
    self.weightOffsets = weights
    self.biasOffsets = biases
    self.parameterCount = offset
  }

  /// The number of layers with weights, L.
  public var depth: Int { layerSizes.count - 1 }
}
