import Foundation
import Optimizers

/// Padam's partial exponent p swept from 0 (SGD-like) to ½ (AMSGrad), with
/// the reference class's semantics (uclaml/Padam: amsgrad on, ε inside the
/// power, Adam's √(1 − β₂ᵗ) bias correction for every p) [OPT-PADAM].
///
/// At lr 0.1 the step is lr·√(1 − β₂ᵗ)/(1 − β₁ᵗ)·m/(√v_max + ε)^{2p}: p = ½ is
/// AMSGrad at lr 0.1 (far too large), p → 0 is EMA-momentum SGD at lr 0.1
/// with a warm-up √(1 − β₂ᵗ) (slow); the partially adaptive exponents in
/// between can beat both. p = ½ at lr 1e-3 is AMSGrad at its usual rate and
/// differs from torch's AMSGrad only in where ε enters (√v_max + ε before the
/// bias correction instead of after).
public enum PadamSweep {
  /// The exponents swept at lr 0.1.
  public static let exponents: [Double] = [0, 1.0 / 16, 1.0 / 8, 1.0 / 4, 3.0 / 8, 1.0 / 2]

  /// `1/8` for 0.125, and so on.
  public static func exponentText(_ p: Double) -> String {
    switch p {
    case 0: return "0"
    case 1.0 / 16: return "1/16"
    case 1.0 / 8: return "1/8"
    case 1.0 / 4: return "1/4"
    case 3.0 / 8: return "3/8"
    case 1.0 / 2: return "1/2"
    default: return Formatting.fixed(p, 4)
    }
  }

  /// `0.1`, `1e-3`: a learning rate as the tables write it.
  public static func learningRateText(_ lr: Double) -> String {
    lr >= 0.01 ? String(format: "%g", lr) : String(format: "%.0e", lr).replacingOccurrences(of: "e-0", with: "e-")
  }

  /// One point of the sweep.
  public struct Point: Sendable, Equatable {
    public var arm: OptimizerArm
    /// p and the learning rate.
    public var exponent: Double
    public var learningRate: Double
    /// The key of ``ScienceBench/padam``.
    public var benchKey: String
  }

  /// Padam with exponent `p` at learning rate `lr` (reference defaults otherwise).
  public static func point(p: Double, lr: Double) throws(SettingsError) -> Point {
    let arm = try OptimizerArm(
      "Padam p = \(exponentText(p)), lr \(learningRateText(lr))", .padam,
      [.learningRate: .real(lr), .partial: .real(p)])
    return Point(arm: arm, exponent: p, learningRate: lr, benchKey: ScienceBench.padamKey(p: p, lr: lr))
  }

  /// Every exponent at lr 0.1, then p = ½ at lr 1e-3.
  public static func points() throws(SettingsError) -> [Point] {
    var points: [Point] = []
    for p in exponents { points.append(try point(p: p, lr: 0.1)) }
    points.append(try point(p: 0.5, lr: 1e-3))
    return points
  }

  /// torch's AMSGrad at lr 1e-3, the reference for p = ½ at lr 1e-3.
  public static func amsgrad() throws(SettingsError) -> OptimizerArm {
    try OptimizerArm("AMSGrad (torch), lr 1e-3", .amsgrad, [.learningRate: .real(1e-3)])
  }

  /// max over epochs of |test loss(a) − test loss(b)|, per seed.
  public static func largestTestLossGap(_ a: ArmResult, _ b: ArmResult) -> [Double] {
    zip(a.runs, b.runs).map { ra, rb in
      zip(ra.history, rb.history).map { abs($0.testLoss - $1.testLoss) }.max() ?? .nan
    }
  }
}
