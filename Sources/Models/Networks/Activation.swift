import RealModule

/// The nonlinearity of an MLP's hidden layers.
public enum Activation: String, Sendable, Codable, CaseIterable {
  /// max(0, z).
  case relu
  /// tanh z.
  case tanh
  /// 1/(1 + e^{−z}).
  case sigmoid

  /// a = f(z).                                                   [MODEL-ACT]
  @inlinable
  public func value<Scalar: Real>(_ z: Scalar) -> Scalar {
    switch self {
    case .relu: return z > 0 ? z : 0
    case .tanh: return Scalar.tanh(z)
    case .sigmoid: return logistic(z)
    }
  }

  /// f′(z), written in terms of a = f(z) (and z for ReLU).      [MODEL-ACT]
  @inlinable
  public func derivative<Scalar: Real>(activation a: Scalar, input z: Scalar) -> Scalar {
    switch self {
    case .relu: return z > 0 ? 1 : 0
    case .tanh: return 1 - a * a
    case .sigmoid: return a * (1 - a)
    }
  }
}

/// The logistic function 1/(1 + e^{−z}), evaluated without overflow for large |z|.
@inlinable
public func logistic<Scalar: Real>(_ z: Scalar) -> Scalar {
  if z >= 0 { return 1 / (1 + Scalar.exp(-z)) }
  let e = Scalar.exp(z)
  return e / (1 + e)
}
