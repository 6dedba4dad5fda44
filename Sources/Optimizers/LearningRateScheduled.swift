/// A transform whose learning rate a schedule may change between steps.
///
/// As in PyTorch, a schedule changes the *learning rate* the algorithm uses,
/// not the size of its output: AdamW's decay lr·λ, AdaBound's bounds and
/// AdaBayes' prior variance σ² ∝ lr all follow it. `initialLearningRate` is
/// the rate the transform was built with (torch's `initial_lr`); quantities
/// the references fix at construction are derived from it.
public protocol LearningRateScheduled {
  /// The rate used by the next step.
  var learningRate: Double { get set }
  /// The rate at construction.
  var initialLearningRate: Double { get }
}
