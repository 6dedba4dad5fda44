import Linalg

/// What one Kalman update learned: the residual, its covariance and its likelihood.
///
/// ```
/// ν = y − H μ⁻,   S = H P⁻ Hᵀ + R                           [KF-U]
/// log p(y) = −½(νᵀS⁻¹ν + log det S + m log 2π)              [KF-LL]
/// NIS = νᵀS⁻¹ν  (χ² with m degrees of freedom if the model is right)
/// ```
public struct Innovation: Equatable, Sendable {
  /// ν: the observed minus the predicted observation (observed components only).
  public let residual: [Double]
  /// S: the predicted covariance of the residual.
  public let covariance: Matrix
  /// log N(ν; 0, S): this observation's contribution to the log-likelihood.
  public let logLikelihood: Double
  /// νᵀS⁻¹ν: the normalised innovation squared (NIS), for consistency checks.
  public let normalizedSquaredInnovation: Double
  /// Indices (into the full observation vector) of the components that were observed.
  public let observedComponents: [Int]
}

/// The result of one Kalman update: the posterior and, unless every component
/// was missing, the innovation.
public struct KalmanUpdate: Equatable, Sendable {
  /// The belief after the observation.
  public let posterior: Gaussian
  /// The innovation, or `nil` when no component was observed (the posterior is then the prior).
  public let innovation: Innovation?
}

/// How the posterior covariance is formed from the gain K.
public enum CovarianceUpdateForm: Sendable {
  /// P₊ = (I − KH) P⁻ (I − KH)ᵀ + K R Kᵀ: symmetric positive semi-definite by
  /// construction and first-order insensitive to errors in K (the default).
  case joseph
  /// P₊ = P⁻ − K S Kᵀ: cheaper, equal to Joseph at the optimal gain, but it can
  /// lose positive definiteness through cancellation.
  case simple
}
