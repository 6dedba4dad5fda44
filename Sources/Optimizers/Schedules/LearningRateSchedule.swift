import RealModule

/// A learning-rate schedule: the factor by which the initial rate is
/// multiplied before step t + 1, after t steps (t = 0, 1, …).
///
/// ```
/// constant              1
/// step(every: k, γ)     γ^⌊t/k⌋                                  (torch StepLR)
/// multiStep(ms, γ)      γ^(number of milestones ≤ t)            (torch MultiStepLR)
/// exponential(γ)        γ^t                                      (torch ExponentialLR)
/// cosine(T, f)          f + (1 − f)(1 + cos(π·min(t, T)/T))/2   (torch CosineAnnealingLR, held at f after T)
/// warmup(W, f₀, s)      f₀ + (1 − f₀)·t/W for t < W, then s at t − W   (torch LinearLR, then s)
/// ```
/// Schedules count optimizer steps; a per-epoch schedule uses multiples of
/// the steps per epoch.
public indirect enum LearningRateSchedule: Sendable, Equatable, Codable {
  case constant
  case step(every: Int, factor: Double)
  case multiStep(milestones: [Int], factor: Double)
  case exponential(factor: Double)
  case cosine(steps: Int, minimumFactor: Double)
  case warmup(steps: Int, startFactor: Double, then: LearningRateSchedule)

  /// The multiplier of the initial learning rate after `t` completed steps.
  public func factor(afterSteps t: Int) -> Double {
    precondition(t >= 0, "LearningRateSchedule: negative step \(t)")
    switch self {
    case .constant:
      return 1
    case .step(let every, let gamma):
      return Double.pow(gamma, Double(t / Swift.max(1, every)))
    case .multiStep(let milestones, let gamma):
      return Double.pow(gamma, Double(milestones.filter { $0 <= t }.count))
    case .exponential(let gamma):
      return Double.pow(gamma, Double(t))
    case .cosine(let steps, let minimum):
      let progress = Double(Swift.min(t, steps)) / Double(Swift.max(1, steps))
      return minimum + (1 - minimum) * (1 + Double.cos(Double.pi * progress)) / 2
    case .warmup(let steps, let start, let then):
      if t < steps { return start + (1 - start) * Double(t) / Double(steps) }
      return then.factor(afterSteps: t - steps)
    }
  }

  /// Checks the schedule's parameters; the message names the bad one.
  public func validate() throws(SettingsError) {
    func fail(_ text: String, _ reason: String) -> SettingsError { .invalidValue(.learningRate, text, reason: reason) }
    switch self {
    case .constant: return
    case .step(let every, let gamma):
      if every < 1 { throw fail("step every \(every)", "the step interval must be ≥ 1") }
      if !(gamma > 0) { throw fail("factor \(gamma)", "the decay factor must be > 0") }
    case .multiStep(let milestones, let gamma):
      if milestones.contains(where: { $0 < 0 }) { throw fail("\(milestones)", "milestones must be ≥ 0") }
      if !(gamma > 0) { throw fail("factor \(gamma)", "the decay factor must be > 0") }
    case .exponential(let gamma):
      if !(gamma > 0) { throw fail("factor \(gamma)", "the decay factor must be > 0") }
    case .cosine(let steps, let minimum):
      if steps < 1 { throw fail("cosine over \(steps)", "the cosine length must be ≥ 1 step") }
      if !(minimum >= 0 && minimum <= 1) { throw fail("minimum \(minimum)", "the minimum factor must be in [0, 1]") }
    case .warmup(let steps, let start, let then):
      if steps < 1 { throw fail("warm-up \(steps)", "the warm-up must be ≥ 1 step") }
      if !(start >= 0 && start <= 1) { throw fail("start \(start)", "the warm-up start factor must be in [0, 1]") }
      try then.validate()
    }
  }
}
