import Models
import Optimizers
import RealModule
import TestSupport
import Testing

/// A named test problem with a known minimiser.
struct Problem: Sendable {
  let name: String
  let start: [Double]
  let minimizer: [Double]
  let gradient: @Sendable ([Double]) -> [Double]

  /// f = ½ xᵀAx − bᵀx with A = diag(1, 10), b = (1, −2): minimiser (1, −0.2), κ = 10.
  static let quadratic = Problem(name: "quadratic", start: [3, 2], minimizer: [1, -0.2]) { x in
    [x[0] - 1, 10 * x[1] + 2]
  }

  /// Rosenbrock from (−1.2, 1): minimiser (1, 1), Hessian eigenvalues 0.4 … 1002 there.
  static let rosenbrock = Problem(name: "rosenbrock", start: [-1.2, 1], minimizer: [1, 1]) { x in
    [-2 * (1 - x[0]) - 400 * x[0] * (x[1] - x[0] * x[0]), 200 * (x[1] - x[0] * x[0])]
  }
}

/// Settings that make each registry entry converge on each problem, and the
/// budget and tolerance it must meet. Stated per optimizer, as optax's
/// conformance table does; there is no skip list: every entry has a row.
private func conformanceSettings(_ kind: OptimizerKind, _ problem: String) throws -> (OptimizerSettings, steps: Int, tolerance: Double) {
  var s = OptimizerSettings()
  let rosen = problem == "rosenbrock"
  func lr(_ quadratic: Double, _ rosenbrock: Double) throws { try s.set(.learningRate, .real(rosen ? rosenbrock : quadratic)) }
  switch kind {
  case .sgd:
    try lr(0.05, 5e-4)
    try s.set(.momentum, .real(0.9))
  case .radam:
    // Its first five steps are un-normalised momentum steps of size η·m̂ with
    // |∇f(x₀)| ≈ 216 on Rosenbrock, so η must be small there.
    try lr(0.05, 1e-3)
  case .adam, .adamw, .amsgrad, .nadam:
    try lr(0.05, 0.02)
    if kind == .adamw { try s.set(.weightDecay, .real(0)) }
  case .adamax: try lr(0.05, 0.02)
  case .adagrad: try lr(0.5, 0.2)
  case .rmsprop:
    try lr(0.01, 1e-3)
    try s.set(.momentum, .real(0.5))
    try s.set(.centered, .flag(true))
  case .padam: try lr(0.05, 0.02)
  case .adabound, .amsbound:
    try lr(0.05, 0.02)
    try s.set(.finalLearningRate, .real(rosen ? 1e-3 : 0.05))
  case .kalman, .rls:
    // Gradient mode (curvature GGᵀ): process noise keeps the covariance from
    // collapsing on a deterministic problem; a half step damps the Newton step.
    try lr(0.5, 0.5)
    try s.set(.processNoise, .real(1e-4))
    try s.set(.priorVariance, .real(1))
  case .adabayes, .adabayesFixedPoint:
    // η_SGD below 2/λ_max keeps the SGD regime stable near the minimum.
    try lr(0.05, 0.02)
    try s.set(.sgdLearningRate, .real(rosen ? 1e-3 : 0.1))
    try s.set(.weightDecay, .real(0))
  }
  return (s, rosen ? 40_000 : 3_000, rosen ? 2e-2 : 1e-3)
}

@Suite("Every registry entry (no skip list)", .tags(.conformance))
struct ConformanceTests {
  @Test(arguments: OptimizerKind.allCases, [Problem.quadratic, Problem.rosenbrock])
  func minimisesTheProblemWithinBudgetAndStaysFinite(kind: OptimizerKind, problem: Problem) throws {
    let (settings, steps, tolerance) = try conformanceSettings(kind, problem.name)
    var optimizer = try kind.make(settings, parameters: problem.start)
    for _ in 0..<steps { try optimizer.step(gradient: problem.gradient(optimizer.parameters)) }
    let distance = maximumAbsoluteDifference(optimizer.parameters, problem.minimizer)
    #expect(distance <= tolerance, "\(kind.rawValue) on \(problem.name): |x − x*|∞ = \(distance) after \(steps) steps")
    let finite = optimizer.parameters.allSatisfy { $0.isFinite }
    let positiveVariances = optimizer.posteriorVariances?.allSatisfy { $0.isFinite && $0 > 0 } ?? true
    let finiteMoments = optimizer.meanSquaredGradients?.allSatisfy { $0.isFinite && $0 >= 0 } ?? true
    #expect(finite && positiveVariances && finiteMoments)
    #expect(optimizer.posteriorVariances != nil || !kind.hasPosterior)
  }

  @Test(arguments: OptimizerKind.allCases)
  func zeroGradientLeavesParametersUnchangedWithoutDecay(kind: OptimizerKind) throws {
    var settings = OptimizerSettings()
    if kind.hyperparameters.contains(.weightDecay) { try settings.set(.weightDecay, .real(0)) }
    var optimizer = try kind.make(settings, parameters: [0.25, -3.0, 7.0])
    for _ in 0..<20 { try optimizer.step(gradient: [0, 0, 0]) }
    #expect(optimizer.parameters == [0.25, -3.0, 7.0])
  }

  @Test(arguments: OptimizerKind.allCases)
  func zeroGradientWithDecayOnlyShrinksTowardsZero(kind: OptimizerKind) throws {
    guard kind.hyperparameters.contains(.weightDecay) else { return }
    var settings = OptimizerSettings()
    try settings.set(.weightDecay, .real(1e-2))
    var optimizer = try kind.make(settings, parameters: [0.25, -3.0, 7.0])
    var previous = optimizer.parameters
    for _ in 0..<20 {
      try optimizer.step(gradient: [0, 0, 0])
      for (now, before) in zip(optimizer.parameters, previous) {
        #expect(abs(now) <= abs(before) && now.sign == before.sign)
      }
      previous = optimizer.parameters
    }
    #expect(optimizer.parameters != [0.25, -3.0, 7.0])
  }

  @Test(arguments: OptimizerKind.allCases)
  func sameSeedGivesTheSameBits(kind: OptimizerKind) throws {
    func run() throws -> [Double] {
      var rng = SplitMix64(seed: 99)
      var optimizer = try kind.make(OptimizerSettings(), parameters: (0..<16).map { _ in rng.nextGaussian() })
      for _ in 0..<50 { try optimizer.step(gradient: (0..<16).map { _ in rng.nextGaussian() }) }
      return optimizer.parameters
    }
    let first = try run(), second = try run()
    #expect(first == second)
  }

  @Test(arguments: OptimizerKind.allCases)
  func floatAndDoubleAgreeToFloatPrecision(kind: OptimizerKind) throws {
    let (settings, _, _) = try conformanceSettings(kind, "quadratic")
    var double = try kind.make(settings, parameters: Problem.quadratic.start)
    var float = try kind.make(settings, parameters: Problem.quadratic.start.map { Float($0) })
    for _ in 0..<100 {
      let g = Problem.quadratic.gradient(double.parameters)
      try double.step(gradient: g)
      try float.step(gradient: g.map { Float($0) })
    }
    // The Float run sees the same gradients (rounded to Float) and rounds each
    // step at Float precision; on this contracting problem the difference
    // stays at the level of ~100 steps × a few ulps of Float on O(1) values.
    let gap = maximumAbsoluteDifference(float.parameters.map { Double($0) }, double.parameters)
    #expect(gap <= 100 * 4 * Double(Float.ulpOfOne), "\(kind.rawValue): gap \(gap)")
  }

  @Test func wrongGradientLengthIsATypedErrorAndChangesNothing() throws {
    var optimizer = try OptimizerKind.adam.make(OptimizerSettings(), parameters: [1.0, 2.0])
    #expect(throws: OptimizerError.gradientCountMismatch(parameters: 2, gradient: 3)) { try optimizer.step(gradient: [1, 2, 3]) }
    #expect(optimizer.parameters == [1, 2] && optimizer.stepCount == 0)
  }
}
