import Optimizers

/// The optimizers of the OptimizerTable notebook: the nine of the AdaBayes
/// paper's Table 1 with the settings the PyTorch bench transplanted to batch
/// 100, and three diagnostic variants.
///
/// | optimizer | settings |
/// |---|---|
/// | SGD | lr 0.1, heavy-ball momentum 0.9 |
/// | Adam, AMSGrad | lr 1e-3 |
/// | AdaGrad | lr 1e-2 |
/// | AdaBound, AMSBound | lr 1e-3, final_lr 0.1, γ 1e-3 |
/// | AdamW | lr 1e-3, decoupled weight decay 0.05 (5e-5 per step) |
/// | AdaBayes, AdaBayes-FP | η 1e-3, η_SGD 0.1 (σ² = η_SGD/B = 1e-3), weight_drift 5e-5 |
///
/// Diagnostics: AdaBayes and AdaBayes-FP with η_SGD = 1.0 = lr/(1 − μ), the
/// EMA-momentum rate that moves like heavy-ball SGD at lr 0.1, μ 0.9; and SGD
/// with dampening 0.9, the update AdaBayes reduces to in its low-data limit at
/// η_SGD = 0.1 (σ²·B·EMA-gradient = 0.1·m).
public enum Table1Arms {
  /// An arm and the keys under which the bench and the paper report it.
  public struct Entry: Sendable, Equatable {
    public var arm: OptimizerArm
    /// The key of ``ScienceBench/table1``.
    public var benchKey: String
    /// The key of ``PaperTable1/cifar10`` (paper arms only).
    public var paperKey: String?
    /// The settings as written in the table.
    public var settings: String
  }

  /// The nine optimizers of the paper's Table 1, in its order.
  public static func paper() throws(SettingsError) -> [Entry] {
    let adaBayes: [Hyperparameter: HyperparameterValue] = [.learningRate: .real(1e-3), .sgdLearningRate: .real(0.1)]
    let bound: [Hyperparameter: HyperparameterValue] = [.learningRate: .real(1e-3), .finalLearningRate: .real(0.1), .gamma: .real(1e-3)]
    return [
      Entry(arm: try OptimizerArm("SGD", .sgd, [.learningRate: .real(0.1), .momentum: .real(0.9)]), benchKey: "sgd", paperKey: "sgd", settings: "lr 0.1, momentum 0.9"),
      Entry(arm: try OptimizerArm("Adam", .adam, [.learningRate: .real(1e-3)]), benchKey: "adam", paperKey: "adam", settings: "lr 1e-3"),
      Entry(arm: try OptimizerArm("AdaGrad", .adagrad, [.learningRate: .real(1e-2)]), benchKey: "adagrad", paperKey: "adagrad", settings: "lr 1e-2"),
      Entry(arm: try OptimizerArm("AMSGrad", .amsgrad, [.learningRate: .real(1e-3)]), benchKey: "amsgrad", paperKey: "amsgrad", settings: "lr 1e-3"),
      Entry(arm: try OptimizerArm("AdaBound", .adabound, bound), benchKey: "adabound", paperKey: "adabound", settings: "lr 1e-3, final_lr 0.1, γ 1e-3"),
      Entry(arm: try OptimizerArm("AMSBound", .amsbound, bound), benchKey: "amsbound", paperKey: "amsbound", settings: "lr 1e-3, final_lr 0.1, γ 1e-3"),
      Entry(
        arm: try OptimizerArm("AdamW", .adamw, [.learningRate: .real(1e-3), .weightDecay: .real(0.05)]), benchKey: "adamw", paperKey: "adamw",
        settings: "lr 1e-3, wd 0.05"),
      Entry(arm: try OptimizerArm("AdaBayes-FP", .adabayesFixedPoint, adaBayes), benchKey: "adabayes-fp", paperKey: "adabayes-fp", settings: "η 1e-3, η_SGD 0.1"),
      Entry(arm: try OptimizerArm("AdaBayes", .adabayes, adaBayes), benchKey: "adabayes", paperKey: "adabayes", settings: "η 1e-3, η_SGD 0.1"),
    ]
  }

  /// The diagnostic variants.
  public static func diagnostics() throws(SettingsError) -> [Entry] {
    let matched: [Hyperparameter: HyperparameterValue] = [.learningRate: .real(1e-3), .sgdLearningRate: .real(1.0)]
    return [
      Entry(arm: try OptimizerArm("AdaBayes, η_SGD = 1", .adabayes, matched), benchKey: "adabayes:lr_sgd=1.0", paperKey: nil, settings: "η 1e-3, η_SGD 1.0"),
      Entry(
        arm: try OptimizerArm("AdaBayes-FP, η_SGD = 1", .adabayesFixedPoint, matched), benchKey: "adabayes-fp:lr_sgd=1.0", paperKey: nil,
        settings: "η 1e-3, η_SGD 1.0"),
      Entry(
        arm: try OptimizerArm("SGD, dampening 0.9", .sgd, [.learningRate: .real(0.1), .momentum: .real(0.9), .dampening: .real(0.9)]),
        benchKey: "sgd:dampening=0.9", paperKey: nil, settings: "lr 0.1, momentum 0.9, dampening 0.9"),
    ]
  }
}
