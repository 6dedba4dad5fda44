import RealModule

/// Calibration of predicted class probabilities.
public enum Calibration {
  /// The expected calibration error with `bins` equal-width confidence bins:
  ///
  /// ```
  /// ECE = Σ_b (n_b/N)·|accuracy_b − confidence_b|           [MODEL-ECE]
  /// ```
  /// where an example's confidence is its largest predicted probability and it
  /// is correct when that class is its label (Naeini et al. 2015; Guo et al. 2017).
  public static func expectedCalibrationError(probabilities: [[Double]], labels: [Int], bins: Int = 15) -> Double {
    precondition(probabilities.count == labels.count, "Calibration: \(probabilities.count) predictions for \(labels.count) labels")
    precondition(bins >= 1, "Calibration: bins must be ≥ 1")
    guard !labels.isEmpty else { return 0 }
    var count = [Int](repeating: 0, count: bins)
    var correct = [Int](repeating: 0, count: bins)
    var confidence = [Double](repeating: 0, count: bins)
    for (p, label) in zip(probabilities, labels) {
      var best = 0
      for j in p.indices where p[j] > p[best] { best = j }
      // Confidence 1 falls in the last bin.
      let bin = Swift.min(bins - 1, Int(p[best] * Double(bins)))
      count[bin] += 1
      confidence[bin] += p[best]
      if best == label { correct[bin] += 1 }
    }
    var ece = 0.0
    for b in 0..<bins where count[b] > 0 {
      ece += abs(Double(correct[b]) - confidence[b]) / Double(labels.count)
    }
    return ece
  }

  /// −(1/N) Σ log p_{i,yᵢ}, with probabilities floored at 1e-300 (so one zero is a large, finite penalty).
  public static func negativeLogLikelihood(probabilities: [[Double]], labels: [Int]) -> Double {
    guard !labels.isEmpty else { return 0 }
    let total = zip(probabilities, labels).reduce(0.0) { $0 - Swift.max($1.0[$1.1], 1e-300).logarithm }
    return total / Double(labels.count)
  }
}

extension Double {
  /// The natural logarithm (Foundation-free).
  fileprivate var logarithm: Double { Double.log(self) }
}
