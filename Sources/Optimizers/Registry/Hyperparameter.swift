/// Every hyperparameter any optimizer of the registry takes.
///
/// The raw value is the command-line flag (without `--`); ``keyword`` is the
/// keyword of the reference implementation (torch.optim, uclaml/Padam,
/// Luolc/AdaBound, LaurenceA/adabayes), and a value means what that keyword
/// means there.
public enum Hyperparameter: String, CaseIterable, Sendable, Codable {
  case learningRate = "lr"
  case beta1
  case beta2
  case epsilon = "eps"
  case epsilonRoot = "eps-root"
  case weightDecay = "weight-decay"
  case momentum
  case dampening
  case nesterov
  case amsgrad
  case decoupledWeightDecay = "decoupled-weight-decay"
  case alpha
  case centered
  case momentumDecay = "momentum-decay"
  case learningRateDecay = "lr-decay"
  case initialAccumulator = "initial-accumulator"
  case partial
  case finalLearningRate = "final-lr"
  case gamma
  case amsbound
  case sgdLearningRate = "lr-sgd"
  case heavyBallMomentum = "heavy-ball-momentum"
  case batchSize = "batch-size"
  case variant
  case priorVariance = "prior-variance"
  case processNoise = "process-noise"
  case forgetting
  case noiseVariance = "noise-variance"

  /// The kind of value a hyperparameter takes.
  public enum ValueKind: Sendable { case real, integer, flag, variant }

  /// The kind of value.
  public var valueKind: ValueKind {
    switch self {
    case .nesterov, .amsgrad, .decoupledWeightDecay, .centered, .amsbound: return .flag
    case .batchSize: return .integer
    case .variant: return .variant
    default: return .real
    }
  }

  /// The reference implementation's keyword.
  public var keyword: String {
    switch self {
    case .learningRate: return "lr"
    case .beta1: return "betas[0]"
    case .beta2: return "betas[1]"
    case .epsilon: return "eps"
    case .epsilonRoot: return "eps_root"
    case .weightDecay: return "weight_decay"
    case .decoupledWeightDecay: return "decoupled_weight_decay"
    case .momentumDecay: return "momentum_decay"
    case .learningRateDecay: return "lr_decay"
    case .initialAccumulator: return "initial_accumulator_value"
    case .finalLearningRate: return "final_lr"
    case .sgdLearningRate: return "lr_sgd"
    case .heavyBallMomentum: return "heavy_ball_momentum"
    case .batchSize: return "batch_size"
    case .priorVariance: return "prior_variance"
    case .processNoise: return "process_noise"
    case .noiseVariance: return "noise_variance"
    default: return rawValue
    }
  }

  /// The hyperparameter a reference keyword or flag names. `weight_drift`,
  /// LaurenceA/adabayes' name for its decay, maps to ``weightDecay``.
  public init?(keyword: String) {
    if keyword == "weight_drift" {
      self = .weightDecay
      return
    }
    guard let match = Hyperparameter.allCases.first(where: { $0.keyword == keyword || $0.rawValue == keyword }) else {
      return nil
    }
    self = match
  }

  /// One line for `--help` and `kfopt optimizers`.
  public var summary: String {
    switch self {
    case .learningRate: return "learning rate η (AdaBayes: the Adam-like rate)"
    case .beta1: return "β₁, EMA rate of the gradient"
    case .beta2: return "β₂, EMA rate of the squared gradient"
    case .epsilon: return "ε, added to the denominator (AdaBayes-FP: to ⟨g²⟩ inside the √)"
    case .epsilonRoot: return "ε_root, added to v̂ inside the √ (optax eps_root)"
    case .weightDecay: return "weight decay λ (L2 unless decoupled; AdaBayes: weight_drift, or the paper's λ)"
    case .momentum: return "momentum μ"
    case .dampening: return "dampening τ of SGD momentum"
    case .nesterov: return "Nesterov momentum"
    case .amsgrad: return "keep the running maximum of v (AMSGrad)"
    case .decoupledWeightDecay: return "shrink θ by ηλ before the step instead of adding λθ to g"
    case .alpha: return "α, RMSprop's EMA rate of g²"
    case .centered: return "subtract the squared mean gradient (centered RMSprop)"
    case .momentumDecay: return "ψ, NAdam's momentum decay"
    case .learningRateDecay: return "Adagrad's learning-rate decay"
    case .initialAccumulator: return "Adagrad's initial sum of squares"
    case .partial: return "Padam's partial exponent p ∈ [0, ½]"
    case .finalLearningRate: return "AdaBound's final (SGD) learning rate"
    case .gamma: return "AdaBound's bound convergence speed γ"
    case .amsbound: return "AMSBound: keep the running maximum of v"
    case .sgdLearningRate: return "η_SGD, sets the prior variance σ² = η_SGD/B"
    case .heavyBallMomentum: return "read lr-sgd as a torch heavy-ball SGD rate with this momentum μ: η_SGD = lr-sgd/(1 − μ)"
    case .batchSize: return "B, the minibatch size (the summed-loss scale)"
    case .variant: return "reference (LaurenceA/adabayes) or paper (Algorithms 1–2)"
    case .priorVariance: return "σ₀², the full-covariance prior P₀ = σ₀²I"
    case .processNoise: return "q, added to P's diagonal before each update"
    case .forgetting: return "λ ∈ (0, 1], RLS forgetting factor: P ← P/λ before each update"
    case .noiseVariance: return "s², the Gaussian likelihood's variance for regression targets"
    }
  }
}
