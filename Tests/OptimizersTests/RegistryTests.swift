import Optimizers
import TestSupport
import Testing

@Suite("Registry and settings", .tags(.conformance))
struct RegistryTests {
  @Test func namesRoundTripAndAliasesParse() throws {
    for kind in OptimizerKind.allCases { #expect(try OptimizerKind(name: kind.rawValue) == kind) }
    #expect(try OptimizerKind(name: "AdaBayes_FP") == .adabayesFixedPoint)
    #expect(throws: SettingsError.unknownOptimizer("adamm")) { try OptimizerKind(name: "adamm") }
    #expect(OptimizerKind.table1.count == 9)
  }

  @Test func everyDefaultHasTheRightKindAndValidates() throws {
    for kind in OptimizerKind.allCases {
      let resolved = try kind.resolve(OptimizerSettings())
      for h in kind.hyperparameters {
        let value = try #require(resolved.values[h])
        switch (h.valueKind, value) {
        case (.real, .real), (.integer, .integer), (.flag, .flag), (.variant, .variant): break
        default: Issue.record("\(kind.rawValue) --\(h.rawValue) default \(value) has the wrong kind")
        }
      }
    }
  }

  @Test func referenceDefaultsAreTorchsAndTheAuthors() throws {
    #expect(OptimizerKind.adam.defaultValue(.learningRate) == .real(1e-3))
    #expect(OptimizerKind.adamw.defaultValue(.weightDecay) == .real(1e-2))
    #expect(OptimizerKind.adamax.defaultValue(.learningRate) == .real(2e-3))
    #expect(OptimizerKind.adagrad.defaultValue(.epsilon) == .real(1e-10))
    #expect(OptimizerKind.rmsprop.defaultValue(.alpha) == .real(0.99))
    #expect(OptimizerKind.padam.defaultValue(.partial) == .real(0.25))
    #expect(OptimizerKind.padam.defaultValue(.amsgrad) == .flag(true))
    #expect(OptimizerKind.adabayes.defaultValue(.sgdLearningRate) == .real(0.1))
    #expect(OptimizerKind.adabayes.defaultValue(.weightDecay) == .real(5e-5))
  }

  @Test func inapplicableAndOutOfRangeValuesAreNamed() throws {
    var settings = OptimizerSettings()
    try settings.set(.momentum, .real(0.9))
    #expect(throws: SettingsError.notApplicable(.momentum, .adam)) { try OptimizerKind.adam.resolve(settings) }
    let message = String(describing: SettingsError.notApplicable(.momentum, .adam))
    #expect(message.contains("--momentum") && message.contains("--lr"))

    var bad = OptimizerSettings()
    try bad.set(.beta1, parsing: "1.0")
    #expect(throws: SettingsError.self) { try OptimizerKind.adam.resolve(bad) }
    #expect(throws: SettingsError.self) { try bad.set(.learningRate, parsing: "fast") }
    #expect(throws: SettingsError.self) { try bad.set(.variant, parsing: "latest") }
    var nesterov = OptimizerSettings()
    try nesterov.set(.nesterov, .flag(true))
    #expect(throws: SettingsError.self) { try OptimizerKind.sgd.resolve(nesterov) }
  }

  @Test func referenceKeywordsMapToHyperparameters() {
    #expect(Hyperparameter(keyword: "weight_drift") == .weightDecay)
    #expect(Hyperparameter(keyword: "initial_accumulator_value") == .initialAccumulator)
    #expect(Hyperparameter(keyword: "lr_sgd") == .sgdLearningRate)
    #expect(Hyperparameter(keyword: "final-lr") == .finalLearningRate)
    #expect(Hyperparameter(keyword: "no_such") == nil)
  }

  @Test func heavyBallMappingIsANamedOption() throws {
    // σ² = η_SGD/B with η_SGD = lr/(1 − μ): torch SGD(lr 0.1, momentum 0.9) ↔ η_SGD = 1.
    #expect(abs(AdaBayesPrior.sgdLearningRate(matchingHeavyBall: 0.1, momentum: 0.9) - 1) <= 4 * Double.ulpOfOne)
    var settings = OptimizerSettings()
    try settings.set(.sgdLearningRate, .real(0.1))
    try settings.set(.heavyBallMomentum, .real(0.9))
    try settings.set(.batchSize, .integer(100))
    let optimizer = try OptimizerKind.adabayes.make(settings, parameters: [0.0])
    // σ² = 1.0/100 is the initial posterior variance.
    #expect(abs(optimizer.posteriorVariances![0] - 0.01) <= 4 * Double.ulpOfOne * 0.01)
  }
}
