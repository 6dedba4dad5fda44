import Optimizers

/// One optimizer with its hyperparameters, as one row of a comparison.
///
/// ```swift
/// let sgd = try OptimizerArm("SGD", .sgd, [.learningRate: .real(0.1), .momentum: .real(0.9)])
/// ```
public struct OptimizerArm: Sendable, Equatable {
  /// The row's name in tables and legends.
  public var label: String
  /// The registry entry.
  public var kind: OptimizerKind
  /// The hyperparameters set explicitly (the rest take the reference defaults).
  public var settings: OptimizerSettings

  /// An arm with explicit settings.
  public init(label: String, kind: OptimizerKind, settings: OptimizerSettings = OptimizerSettings()) {
    self.label = label
    self.kind = kind
    self.settings = settings
  }

  /// An arm from a dictionary of values.
  ///
  /// - Throws: ``SettingsError`` when a value has the wrong kind, the
  ///   optimizer does not take a hyperparameter, or a value is out of range.
  public init(_ label: String, _ kind: OptimizerKind, _ values: [Hyperparameter: HyperparameterValue] = [:]) throws(SettingsError) {
    var settings = OptimizerSettings()
    for h in Hyperparameter.allCases {
      if let value = values[h] { try settings.set(h, value) }
    }
    _ = try kind.resolve(settings)
    self.init(label: label, kind: kind, settings: settings)
  }

  /// The hyperparameters set explicitly, as `name=value` in registry order (for tables).
  public var settingsText: String {
    kind.hyperparameters.compactMap { h in settings[h].map { "\(h.keyword)=\($0)" } }.joined(separator: ", ")
  }
}
