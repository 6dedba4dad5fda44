import RealModule

/// How an MLP's weights and biases are drawn.
///
/// ```
/// torchDefault:  W, b ~ U(−1/√fan_in, 1/√fan_in)            (torch.nn.Linear's reset_parameters)
/// he:            W ~ N(0, 2/fan_in),  b = 0                  (He et al. 2015)
/// xavier:        W ~ U(−√(6/(fan_in + fan_out)), +…), b = 0  (Glorot & Bengio 2010)
/// ```
public enum Initialization: String, Sendable, Codable, CaseIterable {
  case torchDefault = "torch"
  case he
  case xavier

  /// Fills one layer's weights (fanOut × fanIn) and biases from `rng`.
  func fill<Scalar: BinaryFloatingPoint>(
    weights: inout ArraySlice<Scalar>, biases: inout ArraySlice<Scalar>, fanIn: Int, fanOut: Int, using rng: inout SplitMix64
  ) {
    switch self {
    case .torchDefault:
      let bound = 1 / Double(fanIn).squareRoot()
      for i in weights.indices { weights[i] = Scalar(bound * (2 * rng.nextUnit() - 1)) }
      for i in biases.indices { biases[i] = Scalar(bound * (2 * rng.nextUnit() - 1)) }
    case .he:
      let sd = (2 / Double(fanIn)).squareRoot()
      for i in weights.indices { weights[i] = Scalar(sd * rng.nextGaussian()) }
      for i in biases.indices { biases[i] = 0 }
    case .xavier:
      let bound = (6 / Double(fanIn + fanOut)).squareRoot()
      for i in weights.indices { weights[i] = Scalar(bound * (2 * rng.nextUnit() - 1)) }
      for i in biases.indices { biases[i] = 0 }
    }
  }
}
