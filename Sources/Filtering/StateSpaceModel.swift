import Linalg

/// A time-invariant linear-Gaussian state-space model.
///
/// ```
/// x₀ ~ N(m₀, P₀)                      (initial: the belief before the first step)
/// x_t = F x_{t−1} + B u_t + w_t,  w_t ~ N(0, Q)     t = 1, 2, …
/// y_t = H x_t + v_t,              v_t ~ N(0, R)
/// ```
/// Valid by construction: the initialiser checks that the three parts agree
/// on the state dimension.
public struct StateSpaceModel: Equatable, Sendable, Codable {
  /// The belief about x₀, one step before the first observation (FilterPy's `x`, `P`).
  public let initial: Gaussian
  /// The dynamics.
  public let transition: LinearTransition
  /// The observation model.
  public let observation: LinearObservation

  /// The model made of an initial belief, a transition and an observation.
  ///
  /// - Throws: ``LinalgError/dimensionMismatch(operation:expected:actual:)`` when
  ///   the parts disagree on the state dimension.
  public init(initial: Gaussian, transition: LinearTransition, observation: LinearObservation) throws(LinalgError) {
    let n = initial.dimension
    guard transition.dimension == n else {
      throw .dimensionMismatch(operation: "StateSpaceModel transition", expected: "\(n)×\(n)", actual: "\(transition.dimension)×\(transition.dimension)")
    }
    guard observation.stateDimension == n else {
      throw .dimensionMismatch(operation: "StateSpaceModel observation", expected: "H with \(n) columns", actual: "\(observation.stateDimension)")
    }
    self.initial = initial
    self.transition = transition
    self.observation = observation
  }

  /// The state dimension n.
  public var stateDimension: Int { initial.dimension }
  /// The observation dimension m.
  public var observationDimension: Int { observation.dimension }
}

/// The output of ``StateSpaceModel/filter(_:controls:)``: every predicted and
/// filtered belief, every innovation, and the total log-likelihood.
public struct FilteredSequence: Equatable, Sendable {
  /// p(x_t | y_{1:t−1}) for t = 1…T (the first is the initial belief predicted once).
  public let predicted: [Gaussian]
  /// p(x_t | y_{1:t}) for t = 1…T.
  public let filtered: [Gaussian]
  /// The innovation of each step, `nil` where every component was missing.
  public let innovations: [Innovation?]
  /// log p(y_{1:T}) = Σ_t log p(y_t | y_{1:t−1}).                  [KF-LL]
  public let logLikelihood: Double
}
