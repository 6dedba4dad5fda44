import Linalg
import RealModule

/// A fully connected network with hand-written backpropagation on BLAS.
///
/// Layer l maps aₗ₋₁ (nₗ₋₁ values) to zₗ = Wₗaₗ₋₁ + bₗ with Wₗ of shape
/// nₗ × nₗ₋₁ (torch's `Linear` layout); hidden layers apply `activation` and,
/// while training, inverted dropout; the output layer's zₗ is scored by
/// `outputLoss`. For a batch of B rows:
/// ```
/// Zₗ = Aₗ₋₁ Wₗᵀ + 1bₗᵀ               (?gemm)                       [MODEL-MLP]
/// Δ_L = ∂ℓ/∂Z_L / B;   ∂W = Δₗᵀ Aₗ₋₁ (?gemm);   ∂b = Σ_rows Δₗ
/// Δₗ₋₁ = (Δₗ Wₗ) ⊙ keep ⊙ f′(Zₗ₋₁)    (?gemm)
/// ```
/// The flat parameter vector holds W₁, b₁, W₂, b₂, … in order, each W
/// row-major: the order of torch's `parameters()`. Linear, logistic and
/// softmax regression are the networks with no hidden layer
/// (``linearRegression(features:)``, …).
///
/// Work buffers live in the value and are reused across calls, so a training
/// step allocates nothing once the buffers have grown to the batch size.
public struct MLP<Scalar: BLASScalar>: Objective, Sendable {
  /// The architecture: sizes, nonlinearity, loss, dropout, parameter layout.
  public let shape: NetworkShape
  /// The examples the objective averages over (the training set).
  public private(set) var trainingData: Dataset<Scalar>
  /// Draws the dropout masks; its state belongs in a checkpoint.
  public var dropoutGenerator: SplitMix64

  public var parameterCount: Int { shape.parameterCount }
  public var exampleCount: Int { trainingData.count }
  /// n₀ (inputs), n₁, …, n_L (outputs).
  public var layerSizes: [Int] { shape.layerSizes }
  /// The hidden layers' nonlinearity.
  public var activation: Activation { shape.activation }
  /// How the outputs are scored.
  public var outputLoss: OutputLoss { shape.outputLoss }
  /// The probability of dropping a hidden unit while training (0: no dropout).
  public var dropout: Double { shape.dropout }
  var weightOffsets: [Int] { shape.weightOffsets }
  var biasOffsets: [Int] { shape.biasOffsets }

  var workspace: [Scalar] = []
  var capacity = 0
  /// The current batch's example indices (reused, so a step does not allocate).
  var batchIndices: [Int] = []

  /// A network with the given layer sizes over `trainingData`.
  ///
  /// - Throws: ``ModelError`` when the sizes do not fit the data (input size ≠
  ///   feature count, output size ≠ number of classes or 1 for regression),
  ///   a size is < 1, the loss does not fit the task, or dropout ∉ [0, 1).
  public init(
    layerSizes: [Int], activation: Activation = .relu, outputLoss: OutputLoss? = nil, dropout: Double = 0,
    trainingData: Dataset<Scalar>, dropoutSeed: UInt64 = 0
  ) throws(ModelError) {
    let loss = outputLoss ?? MLP.defaultLoss(for: trainingData.task, outputs: layerSizes.last ?? 0)
    try MLP.validate(layerSizes, loss: loss, dropout: dropout, data: trainingData)
    self.shape = NetworkShape(layerSizes: layerSizes, activation: activation, outputLoss: loss, dropout: dropout)
    self.trainingData = trainingData
    self.dropoutGenerator = SplitMix64(seed: dropoutSeed)
  }

  /// The number of layers with weights, L.
  public var depth: Int { shape.depth }

  /// Initial parameters drawn with `scheme` (torch's default by default).
  public func initialParameters(_ scheme: Initialization = .torchDefault, using rng: inout SplitMix64) -> [Scalar] {
    var theta = [Scalar](repeating: 0, count: parameterCount)
    for l in 1...depth {
      let fanIn = layerSizes[l - 1], fanOut = layerSizes[l]
      var weights = theta[weightOffsets[l - 1]..<(weightOffsets[l - 1] + fanIn * fanOut)]
      var biases = theta[biasOffsets[l - 1]..<(biasOffsets[l - 1] + fanOut)]
      scheme.fill(weights: &weights, biases: &biases, fanIn: fanIn, fanOut: fanOut, using: &rng)
      theta.replaceSubrange(weightOffsets[l - 1]..<(weightOffsets[l - 1] + fanIn * fanOut), with: weights)
      theta.replaceSubrange(biasOffsets[l - 1]..<(biasOffsets[l - 1] + fanOut), with: biases)
    }
    return theta
  }

  /// Which layer (1-based) and whether weight or bias each parameter index belongs to.
  public func parameterRole(_ index: Int) -> (layer: Int, isBias: Bool) {
    for l in stride(from: depth, through: 1, by: -1) where index >= weightOffsets[l - 1] {
      return (l, index >= biasOffsets[l - 1])
    }
    return (1, false)
  }

  /// The mean loss over `batch` with dropout (when configured), and its gradient.
  public mutating func loss(at parameters: [Scalar], batch: some Collection<Int>, gradient: inout [Scalar]) -> Scalar {
    precondition(parameters.count == parameterCount && gradient.count == parameterCount, "MLP: parameter vectors must have \(parameterCount) entries")
    let rows = batch.count
    if rows == 0 {
      for i in gradient.indices { gradient[i] = 0 }
      return 0
    }
    reserve(rows: rows)
    batchIndices.removeAll(keepingCapacity: true)
    batchIndices.append(contentsOf: batch)
    let data = trainingData, indices = batchIndices
    var generator = dropoutGenerator
    let total: Scalar = withBuffers { shape, buffers in
      parameters.withUnsafeBufferPointer { theta in
        gradient.withUnsafeMutableBufferPointer { grad in
          guard let theta = theta.baseAddress, let grad = grad.baseAddress else { return 0 }
          shape.gather(data, indices, into: buffers.x)
          shape.forward(theta, rows: rows, buffers, training: true, generator: &generator)
          let sum = shape.scoreOutputs(data, indices, rows: rows, buffers)
          shape.backward(theta, grad, rows: rows, buffers)
          return sum
        }
      }
    }
    dropoutGenerator = generator
    return total / Scalar(rows)
  }
}

/// A problem with a model's specification, naming it.
public enum ModelError: Error, Equatable, Sendable {
  /// The layer sizes do not fit the data or each other.
  case layerSizes(String)
  /// The output loss does not fit the task.
  case lossMismatch(String)
  /// A hyperparameter of the model is out of range.
  case invalid(String)
  /// A model name could not be parsed.
  case unknownModel(String)
}

extension ModelError: CustomStringConvertible {
  public var description: String {
    switch self {
    case .layerSizes(let s), .lossMismatch(let s), .invalid(let s): return s
    case .unknownModel(let s): return "unknown model '\(s)'; use mlp:N0-N1-…-NL, linear, logistic or softmax"
    }
  }
}
