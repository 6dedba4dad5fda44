import Linalg

/// An online Kalman filter: a ``StateSpaceModel`` and the current belief.
///
/// Each ``step(observing:control:)`` predicts from the current belief and then
/// updates with the observation — FilterPy's `predict(); update(z)` loop, so the
/// model's initial belief is about the state *before* the first observation.
/// All the mathematics lives in `Gaussian+Kalman.swift`; this type keeps the
/// running state and the accumulated log-likelihood.
///
/// ```swift
/// var filter = KalmanFilter(model: model)
/// for y in observations { try filter.step(observing: y) }
/// print(filter.belief.mean, filter.logLikelihood)
/// ```
public struct KalmanFilter: Equatable, Sendable {
  /// The model being filtered.
  public let model: StateSpaceModel
  /// The current belief: the model's initial belief (x₀) before any step, then
  /// the filtered belief after the latest observation.
  public private(set) var belief: Gaussian
  /// The number of observations processed.
  public private(set) var stepCount = 0
  /// Σ log p(y_t | y_{1:t−1}) over the observations processed.   [KF-LL]
  public private(set) var logLikelihood = 0.0
  /// How the posterior covariance is formed (Joseph by default).
  public var form: CovarianceUpdateForm = .joseph

  /// A filter at the start of `model`.
  public init(model: StateSpaceModel) {
    self.model = model
    self.belief = model.initial
  }

  /// The belief about the next state before its observation: the current belief predicted one step.
  public func prior(control: [Double]? = nil) throws(LinalgError) -> Gaussian {
    try belief.predicted(by: model.transition, control: control)
  }

  /// Processes one observation (`nil` components are missing).
  ///
  /// On error the filter is left unchanged.
  /// - Returns: the innovation, or `nil` when every component was missing.
  @discardableResult
  public mutating func step(observing y: [Double?], control: [Double]? = nil) throws(LinalgError) -> Innovation? {
    let update = try prior(control: control).updated(by: model.observation, observing: y, form: form)
    belief = update.posterior
    stepCount += 1
    logLikelihood += update.innovation?.logLikelihood ?? 0
    return update.innovation
  }

  /// Processes one fully observed observation.
  @discardableResult
  public mutating func step(observing y: [Double], control: [Double]? = nil) throws(LinalgError) -> Innovation? {
    try step(observing: y.map { Optional($0) }, control: control)
  }
}

extension StateSpaceModel {
  /// Filters a whole sequence of observations (`nil` components are missing).
  ///
  /// - Parameters:
  ///   - observations: y₁ … y_T.
  ///   - controls: u_t applied in the prediction before observation t (T of them, or none).
  /// - Throws: the first ``LinalgError`` met, naming the operation.
  public func filter(_ observations: [[Double?]], controls: [[Double]]? = nil) throws(LinalgError) -> FilteredSequence {
    if let controls, controls.count != observations.count {
      throw .dimensionMismatch(
        operation: "StateSpaceModel.filter controls", expected: "\(observations.count) controls (one per observation)",
        actual: "\(controls.count)")
    }
    var filter = KalmanFilter(model: self)
    var predicted: [Gaussian] = []
    var filtered: [Gaussian] = []
    var innovations: [Innovation?] = []
    for (t, y) in observations.enumerated() {
      let control = controls?[t]
      predicted.append(try filter.prior(control: control))
      innovations.append(try filter.step(observing: y, control: control))
      filtered.append(filter.belief)
    }
    return FilteredSequence(predicted: predicted, filtered: filtered, innovations: innovations, logLikelihood: filter.logLikelihood)
  }

  /// Filters a fully observed sequence.
  public func filter(_ observations: [[Double]], controls: [[Double]]? = nil) throws(LinalgError) -> FilteredSequence {
    try filter(observations.map { $0.map { Optional($0) } }, controls: controls)
  }
}
