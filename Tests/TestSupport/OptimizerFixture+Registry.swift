import Optimizers

extension OptimizerFixture {
  /// The registry entry and settings that reproduce this fixture's optimizer,
  /// translating the reference's keyword arguments through
  /// ``Hyperparameter/init(keyword:)`` (so the mapping itself is under test).
  public func registryEntry() throws -> (OptimizerKind, OptimizerSettings) {
    let kind: OptimizerKind
    switch optimizer.name {
    case "SGD": kind = .sgd
    case "Adam": kind = .adam
    case "AdamW": kind = .adamw
    case "Adamax": kind = .adamax
    case "Adagrad": kind = .adagrad
    case "RMSprop": kind = .rmsprop
    case "NAdam": kind = .nadam
    case "RAdam": kind = .radam
    case "Padam": kind = .padam
    case "AdaBound": kind = .adabound
    case "AdaBayes": kind = .adabayes
    case "AdaBayesFP": kind = .adabayesFixedPoint
    default: throw SettingsError.unknownOptimizer(optimizer.name)
    }
    var settings = OptimizerSettings()
    for (keyword, value) in optimizer.kwargs {
      // foreach selects torch's code path only; adabayes.py accepts eps and never reads it.
      if keyword == "foreach" || (kind == .adabayes && keyword == "eps") { continue }
      if keyword == "betas", let betas = value.numbers, betas.count == 2 {
        try settings.set(.beta1, .real(betas[0]))
        try settings.set(.beta2, .real(betas[1]))
        continue
      }
      guard let h = Hyperparameter(keyword: keyword) else { throw SettingsError.unknownHyperparameter(keyword) }
      switch value {
      case .bool(let b): try settings.set(h, .flag(b))
      case .number(let x): try settings.set(h, h.valueKind == .integer ? .integer(Int(x)) : .real(x))
      default: throw SettingsError.invalidValue(h, "\(value)", reason: "unexpected JSON value")
      }
    }
    return (kind, settings)
  }
}
