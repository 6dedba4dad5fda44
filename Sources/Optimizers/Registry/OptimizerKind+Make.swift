/// Hyperparameters resolved against an optimizer's defaults and validated.
public struct ResolvedSettings: Sendable {
  /// The optimizer they belong to.
  public let kind: OptimizerKind
  /// Every hyperparameter of the kind, explicit or default.
  public let values: [Hyperparameter: HyperparameterValue]

  func real(_ h: Hyperparameter) -> Double {
    if case .real(let x) = values[h] { return x }
    return 0
  }

  func flag(_ h: Hyperparameter) -> Bool {
    if case .flag(let b) = values[h] { return b }
    return false
  }

  func integer(_ h: Hyperparameter) -> Int {
    if case .integer(let k) = values[h] { return k }
    return 0
  }

  func variant() -> AdaBayesVariant {
    if case .variant(let v) = values[.variant] { return v }
    return .reference
  }

  /// η_SGD after the optional heavy-ball mapping η_SGD = lr-sgd/(1 − μ).
  var sgdLearningRate: Double {
    AdaBayesPrior.sgdLearningRate(matchingHeavyBall: real(.sgdLearningRate), momentum: real(.heavyBallMomentum))
  }
}

extension OptimizerKind {
  /// Fills in defaults and checks every value's range.
  ///
  /// - Throws: ``SettingsError/notApplicable(_:_:)`` for a hyperparameter the
  ///   optimizer does not take, ``SettingsError/invalidValue(_:_:reason:)`` for
  ///   one out of range (the message names it and the range).
  public func resolve(_ settings: OptimizerSettings) throws(SettingsError) -> ResolvedSettings {
    var values: [Hyperparameter: HyperparameterValue] = [:]
    for h in hyperparameters { values[h] = defaultValue(h) }
    for (h, value) in settings.values {
      guard hyperparameters.contains(h) else { throw .notApplicable(h, self) }
      values[h] = value
    }
    let resolved = ResolvedSettings(kind: self, values: values)
    try validate(resolved)
    return resolved
  }

  private func validate(_ r: ResolvedSettings) throws(SettingsError) {
    func check(_ h: Hyperparameter, _ ok: (Double) -> Bool, _ reason: String) throws(SettingsError) {
      guard hyperparameters.contains(h) else { return }
      let x = r.real(h)
      if !ok(x) { throw .invalidValue(h, "\(x)", reason: reason) }
    }
    let strictlyPositiveRate = self == .adabound || self == .amsbound || hasPosterior
    try check(.learningRate, { strictlyPositiveRate ? $0 > 0 : $0 >= 0 }, strictlyPositiveRate ? "must be > 0" : "must be ≥ 0")
    for beta in [Hyperparameter.beta1, .beta2, .alpha] { try check(beta, { $0 >= 0 && $0 < 1 }, "must be in [0, 1)") }
    for h in [Hyperparameter.epsilon, .epsilonRoot, .momentum, .dampening, .momentumDecay, .learningRateDecay, .initialAccumulator, .finalLearningRate] {
      try check(h, { $0 >= 0 }, "must be ≥ 0")
    }
    let boundedDecay = self == .adabayes || self == .adabayesFixedPoint
    try check(.weightDecay, { boundedDecay ? $0 >= 0 && $0 < 1 : $0 >= 0 }, boundedDecay ? "must be in [0, 1)" : "must be ≥ 0")
    try check(.partial, { $0 >= 0 && $0 <= 0.5 }, "must be in [0, 0.5]")
    try check(.gamma, { $0 > 0 && $0 < 1 }, "must be in (0, 1)")
    try check(.sgdLearningRate, { $0 > 0 }, "must be > 0 (inf gives the AdamW limit)")
    try check(.heavyBallMomentum, { $0 >= 0 && $0 < 1 }, "must be in [0, 1)")
    if self == .adabayes {
      // The filter starts from σ²_post = σ²: at σ² = ∞ a parameter whose first
      // gradient is exactly 0 would step by ∞·0. (AdaBayes-FP takes σ² = ∞: Eq. 26.)
      let lr = r.real(.learningRate)
      let sigma2 = AdaBayes<Double>.priorVariance(
        learningRate: lr, sgdLearningRate: r.sgdLearningRate, initialLearningRate: lr, batchSize: r.integer(.batchSize))
      if !(sigma2.isFinite && sigma2 > 0) {
        throw .invalidValue(
          .sgdLearningRate, "\(r.real(.sgdLearningRate))",
          reason: "with --lr \(lr) gives AdaBayes the prior variance σ² = η·(η_SGD/η)/B = \(sigma2); it needs a finite σ² > 0 (σ² = ∞, the AdamW limit, is adabayes-fp's)")
      }
    }
    try check(.priorVariance, { $0 > 0 }, "must be > 0")
    try check(.processNoise, { $0 >= 0 }, "must be ≥ 0")
    try check(.forgetting, { $0 > 0 && $0 <= 1 }, "must be in (0, 1]")
    try check(.noiseVariance, { $0 > 0 }, "must be > 0")
    if hyperparameters.contains(.batchSize), r.integer(.batchSize) < 1 {
      throw .invalidValue(.batchSize, "\(r.integer(.batchSize))", reason: "must be ≥ 1")
    }
    if self == .sgd, r.flag(.nesterov), !(r.real(.momentum) > 0 && r.real(.dampening) == 0) {
      throw .invalidValue(.nesterov, "true", reason: "Nesterov momentum needs --momentum > 0 and --dampening 0")
    }
  }

  /// Builds the optimizer at `parameters`.
  ///
  /// - Throws: ``SettingsError`` as ``resolve(_:)``.
  public func make<Scalar: OptimizerScalar>(
    _ settings: OptimizerSettings = OptimizerSettings(), parameters: [Scalar]
  ) throws(SettingsError) -> any OptimizerProtocol<Scalar> {
    let r = try resolve(settings)
    let lr = r.real(.learningRate), b1 = r.real(.beta1), b2 = r.real(.beta2), eps = r.real(.epsilon)
    let wd = r.real(.weightDecay)
    switch self {
    case .sgd:
      return Optimizer(
        SGD<Scalar>(learningRate: lr, momentum: r.real(.momentum), dampening: r.real(.dampening), weightDecay: wd, nesterov: r.flag(.nesterov)),
        parameters: parameters)
    case .adam, .adamw, .amsgrad:
      return Optimizer(
        Adam<Scalar>(
          learningRate: lr, beta1: b1, beta2: b2, epsilon: eps, epsilonRoot: r.real(.epsilonRoot), weightDecay: wd,
          amsgrad: r.flag(.amsgrad), decoupledWeightDecay: r.flag(.decoupledWeightDecay)),
        parameters: parameters)
    case .adamax:
      return Optimizer(Adamax<Scalar>(learningRate: lr, beta1: b1, beta2: b2, epsilon: eps, weightDecay: wd), parameters: parameters)
    case .nadam:
      return Optimizer(
        NAdam<Scalar>(
          learningRate: lr, beta1: b1, beta2: b2, epsilon: eps, weightDecay: wd, momentumDecay: r.real(.momentumDecay),
          decoupledWeightDecay: r.flag(.decoupledWeightDecay)),
        parameters: parameters)
    case .radam:
      return Optimizer(
        RAdam<Scalar>(learningRate: lr, beta1: b1, beta2: b2, epsilon: eps, weightDecay: wd, decoupledWeightDecay: r.flag(.decoupledWeightDecay)),
        parameters: parameters)
    case .adagrad:
      return Optimizer(
        Adagrad<Scalar>(
          learningRate: lr, learningRateDecay: r.real(.learningRateDecay), weightDecay: wd,
          initialAccumulatorValue: r.real(.initialAccumulator), epsilon: eps),
        parameters: parameters)
    case .rmsprop:
      return Optimizer(
        RMSprop<Scalar>(
          learningRate: lr, alpha: r.real(.alpha), epsilon: eps, weightDecay: wd, momentum: r.real(.momentum), centered: r.flag(.centered)),
        parameters: parameters)
    case .padam:
      return Optimizer(
        Padam<Scalar>(learningRate: lr, beta1: b1, beta2: b2, epsilon: eps, weightDecay: wd, amsgrad: r.flag(.amsgrad), partial: r.real(.partial)),
        parameters: parameters)
    case .adabound, .amsbound:
      return Optimizer(
        AdaBound<Scalar>(
          learningRate: lr, beta1: b1, beta2: b2, finalLearningRate: r.real(.finalLearningRate), gamma: r.real(.gamma),
          epsilon: eps, weightDecay: wd, amsbound: r.flag(.amsbound)),
        parameters: parameters)
    case .adabayes:
      return Optimizer(
        AdaBayes<Scalar>(
          learningRate: lr, sgdLearningRate: r.sgdLearningRate, batchSize: r.integer(.batchSize), beta1: b1, beta2: b2,
          weightDecay: wd, variant: r.variant()),
        parameters: parameters)
    case .adabayesFixedPoint:
      return Optimizer(
        AdaBayesFixedPoint<Scalar>(
          learningRate: lr, sgdLearningRate: r.sgdLearningRate, batchSize: r.integer(.batchSize), beta1: b1, beta2: b2,
          epsilon: eps, weightDecay: wd, variant: r.variant()),
        parameters: parameters)
    case .kalman, .rls:
      return Optimizer(
        FullCovarianceKalman<Scalar>(
          learningRate: lr, priorVariance: r.real(.priorVariance), processNoise: r.real(.processNoise),
          forgetting: r.real(.forgetting), batchSize: r.integer(.batchSize), observationNoiseVariance: r.real(.noiseVariance)),
        parameters: parameters)
    }
  }
}
