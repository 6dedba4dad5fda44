import Linalg

extension MLP {
  /// Linear regression y = wᵀx + b with mean squared error (a network with no hidden layer).
  public static func linearRegression(trainingData: Dataset<Scalar>) throws(ModelError) -> MLP {
    try MLP(layerSizes: [trainingData.featureCount, 1], outputLoss: .meanSquaredError, trainingData: trainingData)
  }

  /// Logistic regression p(y = 1) = σ(wᵀx + b) with binary cross-entropy.
  public static func logisticRegression(trainingData: Dataset<Scalar>) throws(ModelError) -> MLP {
    try MLP(layerSizes: [trainingData.featureCount, 1], outputLoss: .binaryCrossEntropy, trainingData: trainingData)
  }

  /// Softmax (multinomial logistic) regression with cross-entropy.
  public static func softmaxRegression(trainingData: Dataset<Scalar>) throws(ModelError) -> MLP {
    guard case .classification(let classes) = trainingData.task else {
      throw .lossMismatch("softmax regression needs a classification data set; \(trainingData.name) is a regression set")
    }
    return try MLP(layerSizes: [trainingData.featureCount, classes], outputLoss: .softmaxCrossEntropy, trainingData: trainingData)
  }

  /// The loss a task implies: softmax cross-entropy for classification (binary
  /// cross-entropy with one output), mean squared error for regression.
  static func defaultLoss(for task: LearningTask, outputs: Int) -> OutputLoss {
    switch task {
    case .classification: return outputs == 1 ? .binaryCrossEntropy : .softmaxCrossEntropy
    case .regression: return .meanSquaredError
    }
  }

  static func validate(_ sizes: [Int], loss: OutputLoss, dropout: Double, data: Dataset<Scalar>) throws(ModelError) {
    let spec = sizes.map(String.init).joined(separator: "-")
    guard sizes.count >= 2 else { throw .layerSizes("layer sizes \(spec): need at least an input and an output size") }
    if let bad = sizes.firstIndex(where: { $0 < 1 }) {
      throw .layerSizes("layer sizes \(spec): size \(bad) is \(sizes[bad]); every layer needs at least one unit")
    }
    // BLAS takes 32-bit dimensions, and the parameter count must be countable.
    if let big = sizes.firstIndex(where: { $0 > Int(Int32.max) }) {
      throw .layerSizes("layer sizes \(spec): size \(big) is \(sizes[big]); a layer can have at most \(Int32.max) units")
    }
    var count = 0
    for (inputs, outputs) in zip(sizes, sizes.dropFirst()) {
      let (weights, o1) = inputs.multipliedReportingOverflow(by: outputs)
      let (withBiases, o2) = weights.addingReportingOverflow(outputs)
      let (total, o3) = count.addingReportingOverflow(withBiases)
      guard !(o1 || o2 || o3) else { throw .layerSizes("layer sizes \(spec): more parameters than can be counted") }
      count = total
    }
    guard sizes[0] == data.featureCount else {
      throw .layerSizes("layer sizes \(spec): the input size must be the data's feature count, \(data.featureCount) for \(data.name)")
    }
    let outputs = sizes[sizes.count - 1]
    switch (data.task, loss) {
    case (.classification(let classes), .softmaxCrossEntropy):
      guard outputs == classes else {
        throw .layerSizes("layer sizes \(spec): the output size must be the number of classes, \(classes) for \(data.name)")
      }
    case (.classification(let classes), .binaryCrossEntropy):
      guard outputs == 1, classes <= 2 else {
        throw .lossMismatch("binary cross-entropy needs one output and two classes; \(data.name) has \(classes) classes")
      }
    case (.regression, .meanSquaredError):
      guard outputs == 1 else { throw .layerSizes("layer sizes \(spec): a regression network has one output") }
    case (.classification, .meanSquaredError), (.regression, .softmaxCrossEntropy), (.regression, .binaryCrossEntropy):
      throw .lossMismatch("loss \(loss.rawValue) does not fit the \(data.task) task of \(data.name)")
    }
    guard dropout >= 0 && dropout < 1 else { throw .invalid("dropout \(dropout) must be in [0, 1)") }
  }
}
