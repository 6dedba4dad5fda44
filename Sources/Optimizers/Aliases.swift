// Short, leading-dot spellings of the catalogue (optax's aliases), for code
// that names its optimizer in place:
//
//   var optimizer = Optimizer(.adaBayes(learningRate: 1e-3, sgdLearningRate: 0.1, batchSize: 128), parameters: θ)
//
// Each forwards to the type's initialiser, whose doc comment holds the maths.

extension GradientTransformation {
  /// ``SGD`` (torch.optim.SGD).
  public static func sgd<S>(learningRate: Double, momentum: Double = 0, dampening: Double = 0, weightDecay: Double = 0, nesterov: Bool = false) -> Self
  where Self == SGD<S> {
    SGD(learningRate: learningRate, momentum: momentum, dampening: dampening, weightDecay: weightDecay, nesterov: nesterov)
  }

  /// ``Adam`` (torch.optim.Adam).
  public static func adam<S>(learningRate: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8, weightDecay: Double = 0) -> Self
  where Self == Adam<S> {
    Adam(learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon, weightDecay: weightDecay)
  }

  /// AdamW: ``Adam`` with decoupled weight decay (torch.optim.AdamW).
  public static func adamW<S>(learningRate: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8, weightDecay: Double = 1e-2) -> Self
  where Self == Adam<S> {
    Adam.adamW(learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon, weightDecay: weightDecay)
  }

  /// AMSGrad: ``Adam`` with the running maximum of v.
  public static func amsgrad<S>(learningRate: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8) -> Self
  where Self == Adam<S> {
    Adam(learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon, amsgrad: true)
  }

  /// ``Adamax`` (torch.optim.Adamax).
  public static func adamax<S>(learningRate: Double = 2e-3) -> Self where Self == Adamax<S> { Adamax(learningRate: learningRate) }

  /// ``NAdam`` (torch.optim.NAdam).
  public static func nadam<S>(learningRate: Double = 2e-3) -> Self where Self == NAdam<S> { NAdam(learningRate: learningRate) }

  /// ``RAdam`` (torch.optim.RAdam).
  public static func radam<S>(learningRate: Double = 1e-3) -> Self where Self == RAdam<S> { RAdam(learningRate: learningRate) }

  /// ``Adagrad`` (torch.optim.Adagrad).
  public static func adagrad<S>(learningRate: Double = 1e-2) -> Self where Self == Adagrad<S> { Adagrad(learningRate: learningRate) }

  /// ``RMSprop`` (torch.optim.RMSprop).
  public static func rmsprop<S>(learningRate: Double = 1e-2, momentum: Double = 0, centered: Bool = false) -> Self where Self == RMSprop<S> {
    RMSprop(learningRate: learningRate, momentum: momentum, centered: centered)
  }

  /// ``Padam`` (uclaml/Padam).
  public static func padam<S>(learningRate: Double = 0.1, partial: Double = 0.25) -> Self where Self == Padam<S> {
    Padam(learningRate: learningRate, partial: partial)
  }

  /// ``AdaBound`` (Luolc/AdaBound).
  public static func adaBound<S>(learningRate: Double = 1e-3, finalLearningRate: Double = 0.1) -> Self where Self == AdaBound<S> {
    AdaBound(learningRate: learningRate, finalLearningRate: finalLearningRate)
  }

  /// AMSBound: ``AdaBound`` with the running maximum of v.
  public static func amsBound<S>(learningRate: Double = 1e-3, finalLearningRate: Double = 0.1) -> Self where Self == AdaBound<S> {
    AdaBound(learningRate: learningRate, finalLearningRate: finalLearningRate, amsbound: true)
  }

  /// ``AdaBayes``: a Kalman filter per parameter.
  public static func adaBayes<S>(
    learningRate: Double = 1e-3, sgdLearningRate: Double = 0.1, batchSize: Int = 1, weightDecay: Double = 5e-5,
    variant: AdaBayesVariant = .reference
  ) -> Self where Self == AdaBayes<S> {
    AdaBayes(learningRate: learningRate, sgdLearningRate: sgdLearningRate, batchSize: batchSize, weightDecay: weightDecay, variant: variant)
  }

  /// ``AdaBayesFixedPoint``: AdaBayes at its fixed point (Eq. 20).
  public static func adaBayesFixedPoint<S>(
    learningRate: Double = 1e-3, sgdLearningRate: Double = 0.1, batchSize: Int = 1, weightDecay: Double = 5e-5,
    variant: AdaBayesVariant = .reference
  ) -> Self where Self == AdaBayesFixedPoint<S> {
    AdaBayesFixedPoint(learningRate: learningRate, sgdLearningRate: sgdLearningRate, batchSize: batchSize, weightDecay: weightDecay, variant: variant)
  }
}
