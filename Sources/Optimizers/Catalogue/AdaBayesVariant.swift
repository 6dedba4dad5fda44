/// Which text an AdaBayes optimizer follows.
///
/// | | `.reference` (LaurenceA/adabayes) | `.paper` ([AB20] Alg. 1–2) |
/// |---|---|---|
/// | prior (AdaBayes) | exact OU: a² = e^{−η²/σ²}, q = σ²(1 − a²) | a = 1 − η²/(2σ²), q = η² |
/// | first prior | predicted from σ²_post = σ² (= σ² for OU) | σ² |
/// | ε (AdaBayes-FP) | added to ⟨g²⟩ inside the √ | added to ⟨g²⟩ inside the √ (0 gives Alg. 2 exactly) |
/// | weight decay λ | after the step: AdaBayes θ ← θ(1 − λ·η/η₀), FP θ ← θ(1 − λ) | before the step: θ ← (1 − λ)θ |
///
/// The two agree to first order in η²/σ² and in λ.
public enum AdaBayesVariant: String, Sendable, Codable, CaseIterable {
  /// The author's code, LaurenceA/adabayes @ 7ea53ed.
  case reference
  /// The paper's Algorithms 1 and 2.
  case paper
}

/// Setting the AdaBayes prior variance σ² from an SGD learning rate.
///
/// The paper identifies σ² = η_SGD/B (Eq. 22) by matching AdaBayes' low-data
/// limit, μ ← μ − σ²·B·⟨g⟩ (summed-loss gradient, EMA momentum), to SGD with
/// **EMA (dampened) momentum**, θ ← θ − η_SGD·m̂. PyTorch's heavy-ball
/// `SGD(lr, momentum: μ)` accumulates b ← μb + g, which moves like EMA momentum
/// at rate lr/(1 − μ). So AdaBayes matched to a torch heavy-ball SGD run uses
/// η_SGD = lr/(1 − μ): for lr = 0.1, μ = 0.9 that is η_SGD = 1.0, not the
/// paper's 0.1 (measured with PyTorch and the reference code on mnist5k:
/// 8.1 % test error at η_SGD = 0.1 against heavy-ball SGD's 4.9 %, and 5.1 % at
/// η_SGD = 1.0).
public enum AdaBayesPrior {
  /// η_SGD = lr/(1 − μ): the EMA-momentum SGD rate that moves like torch's
  /// heavy-ball SGD with learning rate `lr` and momentum `μ`.
  ///
  /// - Precondition: 0 ≤ momentum < 1.
  public static func sgdLearningRate(matchingHeavyBall lr: Double, momentum: Double) -> Double {
    precondition(momentum >= 0 && momentum < 1, "AdaBayesPrior: momentum must be in [0, 1)")
    return lr / (1 - momentum)
  }

  /// σ² = η_SGD/B (paper Eq. 22).
  public static func variance(sgdLearningRate: Double, batchSize: Int) -> Double {
    sgdLearningRate / Double(batchSize)
  }
}
