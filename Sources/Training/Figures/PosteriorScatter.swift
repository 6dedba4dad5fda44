import Filtering
import Foundation
import Models
import Optimizers

/// AdaBayes' per-parameter learning rates σ²_post against η/√⟨g²⟩, and how
/// closely they follow Eq. 20 — the data of the paper's Fig. 3.
///
/// x = η/√⟨g²⟩ with ⟨g²⟩ the bias-corrected β₂ average of the squared
/// summed-loss gradient (kept by AdaBayes for this purpose, as the reference
/// code does); y = σ²_post; u = x/σ². Parameters whose gradient has been
/// exactly zero at every step (x = ∞, y = σ² by construction) are counted
/// but cannot be drawn on a log axis.
public struct PosteriorScatter: Sendable {
  /// One drawable point.
  public struct Point: Sendable, Equatable {
    /// The parameter's index in the flat vector.
    public var index: Int
    /// Its layer (1-based) and whether it is a bias.
    public var layer: Int
    public var isBias: Bool
    /// η/√⟨g²⟩.
    public var x: Double
    /// σ²_post.
    public var y: Double
  }

  /// η, the Adam-like rate.
  public let learningRate: Double
  /// σ² = η_SGD/B, the prior variance.
  public let priorVariance: Double
  /// The points with ⟨g²⟩ > 0.
  public let points: [Point]
  /// The number of parameters whose gradient was zero at every step.
  public let zeroGradientCount: Int

  /// The scatter of an AdaBayes optimizer's state on a network.
  ///
  /// - Returns: `nil` when the optimizer keeps no σ²_post or ⟨g²⟩ (not adabayes or adabayes-fp).
  public init?<Scalar: OptimizerScalar>(
    optimizer: any OptimizerProtocol<Scalar>, model: MLP<Scalar>, learningRate: Double, priorVariance: Double
  ) {
    guard let variances = optimizer.posteriorVariances, let meanSquares = optimizer.meanSquaredGradients else { return nil }
    self.learningRate = learningRate
    self.priorVariance = priorVariance
    var points: [Point] = []
    var zero = 0
    for i in variances.indices {
      let g2 = Double(meanSquares[i])
      guard g2 > 0 else {
        zero += 1
        continue
      }
      let role = model.parameterRole(i)
      points.append(Point(index: i, layer: role.layer, isBias: role.isBias, x: learningRate / g2.squareRoot(), y: Double(variances[i])))
    }
    self.points = points
    self.zeroGradientCount = zero
  }

  /// Eq. 20 at x = η/√⟨g²⟩: σ²·f(x/σ²).                                            [AB-FP]
  public func eq20(_ x: Double) -> Double {
    priorVariance * SteadyState.normalizedFixedPointVariance(x / priorVariance)
  }

  /// How the points compare with Eq. 20, over a subset.
  public struct Agreement: Sendable, Equatable {
    public var count: Int
    public var within5Percent: Double
    public var within10Percent: Double
  }

  /// The fraction of points within 5 % and 10 % of Eq. 20; with
  /// `informativeOnly`, only points with u = x/σ² ≤ 10 (the others sit at σ²
  /// by construction). Zero-gradient parameters count as on the curve in the
  /// "all" figure (y = σ² = Eq. 20 at x = ∞), as in the PyTorch reference.
  public func agreement(informativeOnly: Bool) -> Agreement {
    var n = 0, five = 0, ten = 0
    for p in points where !informativeOnly || p.x / priorVariance <= 10 {
      n += 1
      let ratio = abs(p.y / eq20(p.x) - 1)
      if ratio <= 0.05 { five += 1 }
      if ratio <= 0.10 { ten += 1 }
    }
    if !informativeOnly {
      n += zeroGradientCount
      five += zeroGradientCount
      ten += zeroGradientCount
    }
    let total = Double(Swift.max(1, n))
    return Agreement(count: n, within5Percent: Double(five) / total, within10Percent: Double(ten) / total)
  }

  /// The agreement with Eq. 20 of each layer's weights and biases (`W1`, `b1`,
  /// `W2`, …, in layer order), over the points with g ≠ 0.
  public var layerAgreements: [(name: String, agreement: Agreement)] {
    var result: [(name: String, agreement: Agreement)] = []
    for layer in Set(points.map(\.layer)).sorted() {
      for bias in [false, true] {
        let chosen = points.filter { $0.layer == layer && $0.isBias == bias }
        guard !chosen.isEmpty else { continue }
        let subset = PosteriorScatter(learningRate: learningRate, priorVariance: priorVariance, points: chosen, zeroGradientCount: 0)
        result.append(("\(bias ? "b" : "W")\(layer)", subset.agreement(informativeOnly: false)))
      }
    }
    return result
  }

  /// Points per regime: Adam (u < 0.1), transition (0.1 ≤ u ≤ 10), SGD (u > 10).
  public var regimeCounts: (adam: Int, transition: Int, sgd: Int) {
    var counts = (adam: 0, transition: 0, sgd: 0)
    for p in points {
      let u = p.x / priorVariance
      if u < 0.1 { counts.adam += 1 } else if u <= 10 { counts.transition += 1 } else { counts.sgd += 1 }
    }
    return counts
  }

  /// The smallest u = x/σ² reached.
  public var smallestU: Double { (points.map(\.x).min() ?? .infinity) / priorVariance }

  /// The points as CSV: `eta_over_rms_g,sigma2_post,index,layer,kind`.
  public var csv: String {
    var lines = ["eta_over_rms_g,sigma2_post,index,layer,kind"]
    lines.reserveCapacity(points.count + 1)
    for p in points {
      lines.append("\(String(format: "%.9g", p.x)),\(String(format: "%.9g", p.y)),\(p.index),\(p.layer),\(p.isBias ? "bias" : "weight")")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// A reproducible random subset of `count` points (all when `count` ≥ the number of points).
  public func sample(_ count: Int, seed: UInt64) -> PosteriorScatter {
    guard count < points.count else { return self }
    var rng = SplitMix64(seed: seed)
    let order = MinibatchOrder.shuffled(count: points.count, using: &rng)
    return PosteriorScatter(learningRate: learningRate, priorVariance: priorVariance, points: order.prefix(count).sorted().map { points[$0] }, zeroGradientCount: zeroGradientCount)
  }

  /// Points given directly (for the analytic curve alone, or a subset).
  public init(learningRate: Double, priorVariance: Double, points: [Point], zeroGradientCount: Int) {
    self.learningRate = learningRate
    self.priorVariance = priorVariance
    self.points = points
    self.zeroGradientCount = zeroGradientCount
  }
}
