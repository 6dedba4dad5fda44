import Linalg

/// A model named on the command line: `mlp:784-400-400-10`, `linear`, `logistic` or `softmax`.
///
/// `linear`, `logistic` and `softmax` take their input size (and softmax its
/// output size) from the data; an `mlp:` spec names every layer, and
/// ``build(trainingData:activation:dropout:dropoutSeed:)`` checks them
/// against the data.
public enum ModelSpec: Sendable, Equatable, Codable, CustomStringConvertible {
  case mlp([Int])
  case linear
  case logistic
  case softmax

  /// Parses `mlp:N0-N1-…-NL`, `linear`, `logistic` or `softmax`.
  ///
  /// - Throws: ``ModelError/unknownModel(_:)`` or ``ModelError/layerSizes(_:)`` naming the text.
  public init(parsing text: String) throws(ModelError) {
    let lower = text.lowercased()
    switch lower {
    case "linear": self = .linear
    case "logistic": self = .logistic
    case "softmax": self = .softmax
    default:
      guard lower.hasPrefix("mlp:") else { throw .unknownModel(text) }
      let parts = lower.dropFirst(4).split(separator: "-", omittingEmptySubsequences: false)
      var sizes: [Int] = []
      for part in parts {
        guard let n = Int(part), n >= 1 else {
          throw .layerSizes("\(text): '\(part)' is not a layer size (a whole number ≥ 1); write mlp:784-400-400-10")
        }
        sizes.append(n)
      }
      guard sizes.count >= 2 else { throw .layerSizes("\(text): an mlp needs at least an input and an output size") }
      self = .mlp(sizes)
    }
  }

  public var description: String {
    switch self {
    case .mlp(let sizes): return "mlp:" + sizes.map(String.init).joined(separator: "-")
    case .linear: return "linear"
    case .logistic: return "logistic"
    case .softmax: return "softmax"
    }
  }

  /// The network this spec describes, over `trainingData`.
  ///
  /// - Throws: ``ModelError`` when the spec does not fit the data (with the sizes it expects).
  public func build<Scalar: BLASScalar>(
    trainingData: Dataset<Scalar>, activation: Activation = .relu, dropout: Double = 0, dropoutSeed: UInt64 = 0
  ) throws(ModelError) -> MLP<Scalar> {
    switch self {
    case .mlp(let sizes):
      do {
        return try MLP(layerSizes: sizes, activation: activation, dropout: dropout, trainingData: trainingData, dropoutSeed: dropoutSeed)
      } catch {
        throw .layerSizes("\(description): \(error.description); this data needs \(Self.suggestion(sizes, trainingData))")
      }
    case .linear:
      guard case .regression = trainingData.task else {
        throw .lossMismatch("linear regression needs a regression data set; \(trainingData.name) is a classification set (use logistic or softmax)")
      }
      return try MLP.linearRegression(trainingData: trainingData)
    case .logistic:
      guard case .classification(let classes) = trainingData.task, classes <= 2 else {
        throw .lossMismatch("logistic regression needs a two-class data set; \(trainingData.name) is not (use softmax)")
      }
      return try MLP.logisticRegression(trainingData: trainingData)
    case .softmax:
      return try MLP.softmaxRegression(trainingData: trainingData)
    }
  }

  private static func suggestion<Scalar>(_ sizes: [Int], _ data: Dataset<Scalar>) -> String {
    var fixed = sizes
    fixed[0] = data.featureCount
    switch data.task {
    case .classification(let classes): fixed[fixed.count - 1] = classes
    case .regression: fixed[fixed.count - 1] = 1
    }
    return "mlp:" + fixed.map(String.init).joined(separator: "-")
  }
}
