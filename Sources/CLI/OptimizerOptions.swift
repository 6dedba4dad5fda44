import ArgumentParser
import Optimizers

/// `--optimizer NAME` and every hyperparameter flag of the registry.
///
/// A flag means what the reference's keyword of the same name means
/// (torch.optim, uclaml/Padam, Luolc/AdaBound, LaurenceA/adabayes); a flag the
/// chosen optimizer does not take is a usage error naming the ones it takes.
struct OptimizerOptions: ParsableArguments {
  @Option(name: .long, help: "Optimizer: \(OptimizerKind.allCases.map(\.rawValue).joined(separator: ", ")).")
  var optimizer: String = "adam"

  @Option(name: .customLong("lr"), help: "Learning rate η (AdaBayes: the Adam-like rate).") var learningRate: String?
  @Option(help: "β₁, EMA rate of the gradient.") var beta1: String?
  @Option(help: "β₂, EMA rate of the squared gradient.") var beta2: String?
  @Option(name: .customLong("eps"), help: "ε, added to the denominator.") var epsilon: String?
  @Option(name: .customLong("eps-root"), help: "ε_root, added inside the square root (Adam family).") var epsilonRoot: String?
  @Option(name: .customLong("weight-decay"), help: "Weight decay λ (AdaBayes: weight_drift, or the paper's λ).") var weightDecay: String?
  @Option(help: "Momentum μ (SGD, RMSprop).") var momentum: String?
  @Option(help: "Dampening τ of SGD momentum.") var dampening: String?
  @Option(help: "α, RMSprop's EMA rate of g².") var alpha: String?
  @Option(help: "Padam's partial exponent p ∈ [0, ½].") var partial: String?
  @Option(name: .customLong("momentum-decay"), help: "ψ, NAdam's momentum decay.") var momentumDecay: String?
  @Option(name: .customLong("lr-decay"), help: "Adagrad's learning-rate decay.") var learningRateDecay: String?
  @Option(name: .customLong("initial-accumulator"), help: "Adagrad's initial sum of squares.") var initialAccumulator: String?
  @Option(name: .customLong("lr-sgd"), help: "η_SGD: AdaBayes' prior variance is σ² = η_SGD/B.") var sgdLearningRate: String?
  @Option(name: .customLong("heavy-ball-momentum"), help: "Read --lr-sgd as a torch heavy-ball SGD rate with this momentum: η_SGD = lr-sgd/(1 − μ).")
  var heavyBallMomentum: String?
  @Option(name: .customLong("final-lr"), help: "AdaBound's final (SGD) learning rate.") var finalLearningRate: String?
  @Option(help: "AdaBound's bound convergence speed γ.") var gamma: String?
  @Option(help: "AdaBayes variant: reference (LaurenceA/adabayes) or paper (Algorithms 1–2).") var variant: String?
  @Option(name: .customLong("prior-variance"), help: "σ₀²: the full-covariance filter's prior P₀ = σ₀²I (kalman, rls).") var priorVariance: String?
  @Option(name: .customLong("process-noise"), help: "q: added to P's diagonal before each update (kalman, rls).") var processNoise: String?
  @Option(help: "λ ∈ (0, 1]: forgetting factor, P ← P/λ before each update (kalman, rls).") var forgetting: String?
  @Option(name: .customLong("noise-variance"), help: "s²: Gaussian likelihood variance for regression targets (kalman, rls).") var noiseVariance: String?

  @Flag(inversion: .prefixedNo, help: "Nesterov momentum (SGD).") var nesterov: Bool?
  @Flag(inversion: .prefixedNo, help: "Keep the running maximum of v (Adam, Padam).") var amsgrad: Bool?
  @Flag(inversion: .prefixedNo, help: "AMSBound (AdaBound).") var amsbound: Bool?
  @Flag(inversion: .prefixedNo, help: "Centered RMSprop.") var centered: Bool?
  @Flag(name: .customLong("decoupled-weight-decay"), inversion: .prefixedNo, help: "Decay θ by ηλ before the step (Adam, NAdam, RAdam).")
  var decoupledWeightDecay: Bool?

  /// The registry entry named by `--optimizer`.
  func kind() throws -> OptimizerKind { try OptimizerKind(name: optimizer) }

  /// The settings given on the command line; `batchSize` is the run's batch
  /// size, passed to the optimizers that take one (AdaBayes).
  func settings(batchSize: Int?) throws -> OptimizerSettings {
    var s = OptimizerSettings()
    let texts: [(Hyperparameter, String?)] = [
      (.learningRate, learningRate), (.beta1, beta1), (.beta2, beta2), (.epsilon, epsilon), (.epsilonRoot, epsilonRoot),
      (.weightDecay, weightDecay), (.momentum, momentum), (.dampening, dampening), (.alpha, alpha), (.partial, partial),
      (.momentumDecay, momentumDecay), (.learningRateDecay, learningRateDecay), (.initialAccumulator, initialAccumulator),
      (.sgdLearningRate, sgdLearningRate), (.heavyBallMomentum, heavyBallMomentum), (.finalLearningRate, finalLearningRate),
      (.gamma, gamma), (.variant, variant), (.priorVariance, priorVariance), (.processNoise, processNoise), (.forgetting, forgetting),
      (.noiseVariance, noiseVariance),
    ]
    for (h, text) in texts { if let text { try s.set(h, parsing: text) } }
    let flags: [(Hyperparameter, Bool?)] = [
      (.nesterov, nesterov), (.amsgrad, amsgrad), (.amsbound, amsbound), (.centered, centered),
      (.decoupledWeightDecay, decoupledWeightDecay),
    ]
    for (h, value) in flags { if let value { try s.set(h, .flag(value)) } }
    if let batchSize, try kind().hyperparameters.contains(.batchSize) { try s.set(.batchSize, .integer(batchSize)) }
    return s
  }
}
