import Linalg
import Models

/// A trained classifier and one weight posterior read from it.
public struct ClassifierCandidate: Sendable {
  /// How the mean was found, e.g. "kalman, 1 pass" or "adam, 20 epochs".
  public var method: String
  /// Which posterior, e.g. "full (its own P)", "BADAM σ²", "Laplace full", or "none".
  public var posteriorName: String
  /// The network (its training set is the task's training data).
  public var model: MLP<Double>
  /// The mean θ.
  public var parameters: [Double]
  /// N(θ, Σ), or `nil` for the point estimate only.
  public var posterior: WeightPosterior?
  /// Whether the posterior keeps correlations between parameters.
  public var isFullCovariance: Bool
  /// Wall time to get here: training, plus the Laplace curvature where one was computed.
  public var seconds: Double
  /// Wall time of one training epoch (median).
  public var secondsPerEpoch: Double

  /// A label "method · posterior" for tables and legends.
  public var label: String { method + " · " + posteriorName }
}
