import Foundation

/// The registry: every optimizer the package offers, by name, with its
/// hyperparameters, their defaults and the reference it matches.
///
/// One switch per question, all in this file: which hyperparameters a kind
/// takes, their defaults, and how to build it (`OptimizerKind+Make.swift`).
public enum OptimizerKind: String, CaseIterable, Sendable, Codable {
  case sgd
  case adam
  case adamw
  case amsgrad
  case adamax
  case nadam
  case radam
  case adagrad
  case rmsprop
  case padam
  case adabound
  case amsbound
  case adabayes
  case adabayesFixedPoint = "adabayes-fp"
  case kalman
  case rls

  /// The nine optimizers of the AdaBayes paper's Table 1.
  public static let table1: [OptimizerKind] = [
    .sgd, .adam, .adagrad, .amsgrad, .adabound, .amsbound, .adamw, .adabayesFixedPoint, .adabayes,
  ]

  /// Parses a registry name (case-insensitive; `adabayes_fp` and `adabayesfp` accepted).
  public init(name: String) throws(SettingsError) {
    let normalized = name.lowercased().replacingOccurrences(of: "_", with: "-")
    if let kind = OptimizerKind(rawValue: normalized) {
      self = kind
    } else if normalized == "adabayesfp" {
      self = .adabayesFixedPoint
    } else {
      throw .unknownOptimizer(name)
    }
  }

  /// The hyperparameters this optimizer takes, in display order.
  public var hyperparameters: [Hyperparameter] {
    switch self {
    case .sgd: return [.learningRate, .momentum, .dampening, .weightDecay, .nesterov]
    case .adam, .adamw, .amsgrad:
      return [.learningRate, .beta1, .beta2, .epsilon, .epsilonRoot, .weightDecay, .amsgrad, .decoupledWeightDecay]
    case .adamax: return [.learningRate, .beta1, .beta2, .epsilon, .weightDecay]
    case .nadam: return [.learningRate, .beta1, .beta2, .epsilon, .weightDecay, .momentumDecay, .decoupledWeightDecay]
    case .radam: return [.learningRate, .beta1, .beta2, .epsilon, .weightDecay, .decoupledWeightDecay]
    case .adagrad: return [.learningRate, .learningRateDecay, .weightDecay, .initialAccumulator, .epsilon]
    case .rmsprop: return [.learningRate, .alpha, .epsilon, .weightDecay, .momentum, .centered]
    case .padam: return [.learningRate, .beta1, .beta2, .epsilon, .weightDecay, .amsgrad, .partial]
    case .adabound, .amsbound:
      return [.learningRate, .beta1, .beta2, .finalLearningRate, .gamma, .epsilon, .weightDecay, .amsbound]
    case .adabayes:
      return [.learningRate, .sgdLearningRate, .heavyBallMomentum, .batchSize, .beta1, .beta2, .weightDecay, .variant]
    case .adabayesFixedPoint:
      return [.learningRate, .sgdLearningRate, .heavyBallMomentum, .batchSize, .beta1, .beta2, .epsilon, .weightDecay, .variant]
    case .kalman, .rls:
      return [.learningRate, .priorVariance, .processNoise, .forgetting, .noiseVariance, .batchSize]
    }
  }

  /// The default of hyperparameter `h` for this optimizer (the reference's default).
  public func defaultValue(_ h: Hyperparameter) -> HyperparameterValue {
    switch (self, h) {
    case (.sgd, .learningRate), (.adam, .learningRate), (.adamw, .learningRate), (.amsgrad, .learningRate),
      (.radam, .learningRate), (.adabound, .learningRate), (.amsbound, .learningRate), (.adabayes, .learningRate),
      (.adabayesFixedPoint, .learningRate):
      return .real(1e-3)
    case (.adamax, .learningRate), (.nadam, .learningRate): return .real(2e-3)
    case (.kalman, .learningRate), (.rls, .learningRate): return .real(1)
    case (.kalman, .priorVariance): return .real(1)
    case (.rls, .priorVariance): return .real(1e4)
    case (_, .forgetting), (_, .noiseVariance): return .real(1)
    case (.adagrad, .learningRate), (.rmsprop, .learningRate): return .real(1e-2)
    case (.padam, .learningRate): return .real(0.1)
    case (_, .beta1): return .real(0.9)
    case (_, .beta2): return .real(0.999)
    case (.adagrad, .epsilon): return .real(1e-10)
    case (_, .epsilon): return .real(1e-8)
    case (.adamw, .weightDecay): return .real(1e-2)
    case (.adabayes, .weightDecay), (.adabayesFixedPoint, .weightDecay): return .real(5e-5)
    case (.amsgrad, .amsgrad), (.padam, .amsgrad), (.amsbound, .amsbound): return .flag(true)
    case (.adamw, .decoupledWeightDecay): return .flag(true)
    case (_, .nesterov), (_, .amsgrad), (_, .decoupledWeightDecay), (_, .centered), (_, .amsbound): return .flag(false)
    case (_, .alpha): return .real(0.99)
    case (_, .momentumDecay): return .real(4e-3)
    case (_, .partial): return .real(0.25)
    case (_, .finalLearningRate): return .real(0.1)
    case (_, .gamma): return .real(1e-3)
    case (_, .sgdLearningRate): return .real(0.1)
    case (_, .batchSize): return .integer(1)
    case (_, .variant): return .variant(.reference)
    default: return .real(0)
    }
  }

  /// The implementation this optimizer matches, for `kfopt optimizers`.
  public var reference: String {
    switch self {
    case .sgd: return "torch.optim.SGD"
    case .adam: return "torch.optim.Adam"
    case .adamw: return "torch.optim.AdamW"
    case .amsgrad: return "torch.optim.Adam(amsgrad=True)"
    case .adamax: return "torch.optim.Adamax"
    case .nadam: return "torch.optim.NAdam"
    case .radam: return "torch.optim.RAdam"
    case .adagrad: return "torch.optim.Adagrad"
    case .rmsprop: return "torch.optim.RMSprop"
    case .padam: return "uclaml/Padam Padam.py @ 586a02b"
    case .adabound: return "Luolc/AdaBound adabound.py"
    case .amsbound: return "Luolc/AdaBound adabound.py (amsbound=True)"
    case .adabayes: return "LaurenceA/adabayes adabayes.py @ 7ea53ed; paper Alg. 1"
    case .adabayesFixedPoint: return "LaurenceA/adabayes adabayesfp.py @ 7ea53ed; paper Alg. 2"
    case .kalman: return "extended Kalman filter training (Puskorius & Feldkamp 1991; Ollivier 2017)"
    case .rls: return "recursive least squares = the exact Bayesian linear-regression posterior"
    }
  }

  /// One line describing the optimizer.
  public var summary: String {
    switch self {
    case .sgd: return "SGD with heavy-ball/Nesterov momentum and L2 decay"
    case .adam: return "Adam (L2 decay; --amsgrad, --decoupled-weight-decay)"
    case .adamw: return "Adam with decoupled weight decay"
    case .amsgrad: return "Adam with the running maximum of v"
    case .adamax: return "Adam with the infinity norm"
    case .nadam: return "Adam with Nesterov momentum"
    case .radam: return "Adam with rectified adaptive rate"
    case .adagrad: return "sum of squared gradients"
    case .rmsprop: return "EMA of squared gradients (centered, momentum)"
    case .padam: return "partially adaptive: m/(√v_max + ε)^(2p)"
    case .adabound: return "Adam with the step clipped towards SGD"
    case .amsbound: return "AMSGrad with the step clipped towards SGD"
    case .adabayes: return "a Kalman filter per parameter; σ²_post is the learning rate"
    case .adabayesFixedPoint: return "AdaBayes with σ²_post at its fixed point (Eq. 20)"
    case .kalman: return "full-covariance Kalman filter over all parameters (EKF on the model's outputs)"
    case .rls: return "full-covariance filter for linear models (F = I, Q = 0, forgetting λ)"
    }
  }

  /// Whether the optimizer reports a per-parameter posterior variance.
  public var hasPosterior: Bool { self == .adabayes || self == .adabayesFixedPoint || self == .kalman || self == .rls }
}
