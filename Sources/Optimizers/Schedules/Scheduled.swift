/// A transform whose learning rate follows a schedule: before step t + 1 it
/// sets the inner transform's rate to η₀·factor(t), as a torch scheduler sets
/// a parameter group's `lr`.
///
/// ```swift
/// let warm = Scheduled(Adam<Float>(learningRate: 1e-3), schedule: .warmup(steps: 100, startFactor: 0, then: .cosine(steps: 10_000, minimumFactor: 0.01)))
/// ```
public struct Scheduled<Inner: GradientTransformation & LearningRateScheduled>: GradientTransformation, LearningRateScheduled {
  public typealias Scalar = Inner.Scalar
  /// The transform being scheduled.
  public var inner: Inner
  /// The schedule applied to the inner transform's initial rate.
  public let schedule: LearningRateSchedule

  /// `inner` with its learning rate following `schedule`.
  public init(_ inner: Inner, schedule: LearningRateSchedule) {
    self.inner = inner
    self.schedule = schedule
  }

  /// The inner rate (the next step overwrites it from the schedule).
  public var learningRate: Double {
    get { inner.learningRate }
    set { inner.learningRate = newValue }
  }

  public var initialLearningRate: Double { inner.initialLearningRate }

  /// The inner state and the number of steps taken.
  public struct State: Sendable {
    public var inner: Inner.State
    public var step = 0
  }

  public func initialState(for parameters: [Scalar]) -> State { State(inner: inner.initialState(for: parameters)) }

  /// The inner transform at the rate of the next step.
  func current(_ state: State) -> Inner {
    var scheduled = inner
    scheduled.learningRate = inner.initialLearningRate * schedule.factor(afterSteps: state.step)
    return scheduled
  }

  public func update(_ updates: inout [Scalar], state: inout State, parameters: [Scalar]) {
    current(state).update(&updates, state: &state.inner, parameters: parameters)
    state.step += 1
  }

  public func apply(gradient: [Scalar], to parameters: inout [Scalar], state: inout State) {
    current(state).apply(gradient: gradient, to: &parameters, state: &state.inner)
    state.step += 1
  }

  public func posteriorVariances(state: State) -> [Scalar]? { current(state).posteriorVariances(state: state.inner) }
  public func meanSquaredGradients(state: State) -> [Scalar]? { inner.meanSquaredGradients(state: state.inner) }
}

extension Scheduled.State: Equatable where Inner.State: Equatable {}
extension Scheduled.State: Codable where Inner.State: Codable {}
