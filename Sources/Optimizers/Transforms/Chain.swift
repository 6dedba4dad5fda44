/// Two transforms applied one after the other: `second` rewrites what `first` produced.
///
/// The state is the pair of states. As in optax, a chain of transforms is
/// itself a transform; `apply` uses the two-pass default (update, then add).
///
/// ```swift
/// // AdamW with no decay on the biases: Adam, then a masked decoupled decay.
/// let t = Chain(Adam<Float>(learningRate: 1e-3), DecoupledWeightDecay<Float>(learningRate: 1e-3, weightDecay: 1e-2, mask: isWeight))
/// ```
public struct Chain<First: GradientTransformation, Second: GradientTransformation>: GradientTransformation
where First.Scalar == Second.Scalar {
  public typealias Scalar = First.Scalar
  /// The transform applied first.
  public var first: First
  /// The transform applied to `first`'s output.
  public var second: Second

  /// `first`, then `second`.
  public init(_ first: First, _ second: Second) {
    self.first = first
    self.second = second
  }

  /// The two states.
  public struct State: Sendable {
    public var first: First.State
    public var second: Second.State
  }

  public func initialState(for parameters: [Scalar]) -> State {
    State(first: first.initialState(for: parameters), second: second.initialState(for: parameters))
  }

  public func update(_ updates: inout [Scalar], state: inout State, parameters: [Scalar]) {
    first.update(&updates, state: &state.first, parameters: parameters)
    second.update(&updates, state: &state.second, parameters: parameters)
  }

  public func posteriorVariances(state: State) -> [Scalar]? {
    first.posteriorVariances(state: state.first) ?? second.posteriorVariances(state: state.second)
  }

  public func meanSquaredGradients(state: State) -> [Scalar]? {
    first.meanSquaredGradients(state: state.first) ?? second.meanSquaredGradients(state: state.second)
  }
}

extension Chain.State: Equatable where First.State: Equatable, Second.State: Equatable {}
extension Chain.State: Codable where First.State: Codable, Second.State: Codable {}

extension Chain: LearningRateScheduled where First: LearningRateScheduled, Second: LearningRateScheduled {
  /// Both parts' rate (a schedule moves them together).
  public var learningRate: Double {
    get { first.learningRate }
    set {
      first.learningRate = newValue
      second.learningRate = newValue
    }
  }

  public var initialLearningRate: Double { first.initialLearningRate }
}
