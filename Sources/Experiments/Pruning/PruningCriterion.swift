import Models
import Optimizers

/// How a network's parameters are ranked for pruning: the lowest score goes first.
///
/// ```
/// magnitude:        sᵢ = |θᵢ|
/// signal-to-noise:  sᵢ = |θᵢ|/σᵢ,  σᵢ² = 1/(N√v̂ᵢ + ε)                  [BADAM-PRUNE]
/// random:           a uniformly random order (context: what any ranking must beat)
/// ```
/// The signal-to-noise score is BADAM's reading of Adam's second moment
/// ([BADAM-POST], posterior-Laplace form, no prior); since σᵢ ∝ v̂ᵢ^{−1/4}
/// (for N√v̂ ≫ ε) it ranks by |θᵢ|·v̂ᵢ^{1/4}. Parameters whose gradient was
/// zero at every step (v̂ = 0, e.g. weights from always-blank pixels) get
/// σ² = 1/ε and are pruned first.
public enum PruningCriterion: String, CaseIterable, Sendable {
  case magnitude
  case signalToNoise = "snr"
  case random

  /// The name used in tables and legends.
  public var label: String {
    switch self {
    case .magnitude: return "magnitude |θ|"
    case .signalToNoise: return "SNR |θ|/σ"
    case .random: return "random"
    }
  }

  /// The parameter indices in pruning order (first = pruned first).
  ///
  /// Ties keep index order (a stable sort), so the order is deterministic.
  /// - Parameters:
  ///   - parameters: θ.
  ///   - meanSquaredGradients: Adam's bias-corrected v̂ (used by ``signalToNoise``).
  ///   - trainingSetSize: N in σ² = 1/(N√v̂ + ε).
  ///   - epsilon: ε in σ² = 1/(N√v̂ + ε).
  ///   - seed: the seed of the ``random`` order.
  public func order<Scalar: OptimizerScalar>(
    parameters: [Scalar], meanSquaredGradients: [Scalar], trainingSetSize: Int, epsilon: Double = 1e-8, seed: UInt64 = 0
  ) -> [Int] {
    precondition(parameters.count == meanSquaredGradients.count, "PruningCriterion: \(parameters.count) parameters, \(meanSquaredGradients.count) v̂")
    switch self {
    case .magnitude:
      return Self.ascending(parameters.map { Double(abs($0)) })
    case .signalToNoise:
      // [BADAM-PRUNE] rank by |θ|/σ with σ² from [BADAM-POST] (posterior-Laplace, τ = 0)
      let reading = BADAMPosterior(trainingSetSize: trainingSetSize, priorPrecision: 0, epsilon: epsilon, approximation: .posterior)
      let posterior = reading.posterior(parameters: parameters, meanSquaredGradients: meanSquaredGradients)
      return Self.ascending(BADAMPosterior.signalToNoise(posterior).map { Double($0) })
    case .random:
      var generator = SplitMix64(seed: seed)
      var order = Array(parameters.indices)
      // Fisher–Yates, drawing from SplitMix64 so the order is the same on every platform.
      for i in stride(from: order.count - 1, to: 0, by: -1) {
        let j = Int(generator.next() % UInt64(i + 1))
        order.swapAt(i, j)
      }
      return order
    }
  }

  /// Indices sorted by score, ties broken by index.
  static func ascending(_ scores: [Double]) -> [Int] {
    scores.indices.sorted { a, b in scores[a] < scores[b] || (scores[a] == scores[b] && a < b) }
  }
}
