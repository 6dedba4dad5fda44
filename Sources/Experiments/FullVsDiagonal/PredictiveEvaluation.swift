import Linalg
import Models

/// Test-set quality of one candidate under each predictive method.
public struct PredictiveEvaluation: Sendable {
  /// The candidate's label.
  public var label: String
  /// Whether its posterior is a full covariance.
  public var isFullCovariance: Bool
  /// Training (and posterior) wall time, and the median epoch.
  public var seconds: Double
  public var secondsPerEpoch: Double
  /// Results per method: plug-in first, then (with a posterior) probit and Monte Carlo.
  public var results: [(method: String, score: ClassifierScore)]
  /// The test-set probabilities per method (for reliability diagrams).
  public var probabilities: [String: [[Double]]]

  /// The score under `method` ("plug-in", "probit", "MC").
  public func score(_ method: String) -> ClassifierScore? {
    results.first { $0.method == method }?.score
  }

  /// Evaluates `candidate` on `test` with the plug-in, probit and Monte Carlo predictives ([MODEL-PRED]).
  public static func evaluate(_ candidate: ClassifierCandidate, on test: Dataset<Double>, samples: Int, seed: UInt64) -> PredictiveEvaluation {
    var network = candidate.model
    var methods: [(String, PredictiveMethod)] = [("plug-in", .plugIn)]
    if candidate.posterior != nil { methods += [("probit", .probit), ("MC", .monteCarlo(samples: samples, seed: seed))] }
    var results: [(method: String, score: ClassifierScore)] = []
    var probabilities: [String: [[Double]]] = [:]
    for (name, method) in methods {
      let p = network.predictiveProbabilities(at: candidate.parameters, posterior: candidate.posterior, on: test, method: method)
      probabilities[name] = p
      results.append((name, ClassifierScore(probabilities: p, labels: test.labels)))
    }
    return PredictiveEvaluation(
      label: candidate.label, isFullCovariance: candidate.isFullCovariance, seconds: candidate.seconds,
      secondsPerEpoch: candidate.secondsPerEpoch, results: results, probabilities: probabilities)
  }
}

/// Accuracy, negative log-likelihood and calibration error of class probabilities.
public struct ClassifierScore: Sendable, Equatable {
  /// The fraction whose most probable class is the label.
  public var accuracy: Double
  /// −mean log p(label).
  public var negativeLogLikelihood: Double
  /// 15-bin expected calibration error ([MODEL-ECE]).
  public var expectedCalibrationError: Double

  /// The scores of `probabilities` (one row per example) against `labels`.
  public init(probabilities p: [[Double]], labels: [Int]) {
    let correct = zip(p, labels).filter { row, label in row.indices.max { row[$0] < row[$1] } == label }.count
    accuracy = Double(correct) / Double(Swift.max(1, labels.count))
    negativeLogLikelihood = Calibration.negativeLogLikelihood(probabilities: p, labels: labels)
    expectedCalibrationError = Calibration.expectedCalibrationError(probabilities: p, labels: labels)
  }
}
