import RealModule

/// Independent Gaussian beliefs N(μᵢ, σᵢ²) over n quantities, stored as two
/// contiguous arrays (structure of arrays).
///
/// Every operation maps the scalar rules of ``ScalarGaussian`` element by
/// element; nothing here restates the Kalman equations. This is the belief
/// the per-parameter optimizers hold over a model's parameters.
public struct DiagonalGaussian<Scalar: Real>: Hashable {
  /// μ: the means.
  public private(set) var means: [Scalar]
  /// σ²: the variances.
  public private(set) var variances: [Scalar]

  /// Beliefs with the given means and variances.
  ///
  /// - Precondition: `means.count == variances.count`.
  public init(means: [Scalar], variances: [Scalar]) {
    precondition(means.count == variances.count, "DiagonalGaussian: \(means.count) means but \(variances.count) variances")
    self.means = means
    self.variances = variances
  }

  /// n beliefs N(mean, variance), all alike.
  public init(count: Int, mean: Scalar = 0, variance: Scalar) {
    self.means = [Scalar](repeating: mean, count: count)
    self.variances = [Scalar](repeating: variance, count: count)
  }

  /// The number of quantities.
  public var count: Int { means.count }

  /// The belief about quantity i.
  public subscript(i: Int) -> ScalarGaussian<Scalar> {
    get { ScalarGaussian(mean: means[i], variance: variances[i]) }
    set {
      means[i] = newValue.mean
      variances[i] = newValue.variance
    }
  }

  /// Predicts every belief by the same transition, in place ([KF-P] element-wise).
  public mutating func predict(by transition: ScalarTransition<Scalar>) {
    for i in 0..<count { self[i] = self[i].predicted(by: transition) }
  }

  /// Predicts belief i by `transitions[i]`, in place ([KF-P] element-wise).
  public mutating func predict(by transitions: [ScalarTransition<Scalar>]) {
    precondition(transitions.count == count, "DiagonalGaussian.predict: \(transitions.count) transitions for \(count) beliefs")
    for i in 0..<count { self[i] = self[i].predicted(by: transitions[i]) }
  }

  /// Updates belief i with evidence (gᵢ, λᵢ), in place ([KF-U] element-wise).
  public mutating func update(gradients: [Scalar], curvatures: [Scalar]) {
    precondition(gradients.count == count && curvatures.count == count, "DiagonalGaussian.update: evidence of \(gradients.count)/\(curvatures.count) for \(count) beliefs")
    for i in 0..<count {
      self[i] = self[i].updated(with: QuadraticEvidence(gradient: gradients[i], curvature: curvatures[i]))
    }
  }

  /// The beliefs after ``predict(by:)-(ScalarTransition<Scalar>)``.
  public func predicted(by transition: ScalarTransition<Scalar>) -> Self {
    var copy = self
    copy.predict(by: transition)
    return copy
  }

  /// The beliefs after ``update(gradients:curvatures:)``.
  public func updated(gradients: [Scalar], curvatures: [Scalar]) -> Self {
    var copy = self
    copy.update(gradients: gradients, curvatures: curvatures)
    return copy
  }
}

extension DiagonalGaussian: Codable where Scalar: Codable {}

extension DiagonalGaussian: Sendable where Scalar: Sendable {}
