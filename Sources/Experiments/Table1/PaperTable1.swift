/// The AdaBayes paper's Table 1, CIFAR-10 columns: the minimum over training
/// of the test error (%) and test loss, ResNet-34 and DenseNet-121, batch
/// 128, 200+ epochs with an lr drop and weight decay 5e-4 — a different data
/// set, model and budget from the notebooks', quoted for context only.
///
/// References: [AB20] Table 1.
public enum PaperTable1 {
  /// One optimizer's CIFAR-10 numbers.
  public struct Entry: Sendable, Equatable {
    public var resNetError: Double
    public var resNetLoss: Double
    public var denseNetError: Double
    public var denseNetLoss: Double
  }

  /// Keyed by registry name.
  public static let cifar10: [String: Entry] = [
    "sgd": Entry(resNetError: 5.170, resNetLoss: 0.174, denseNetError: 5.580, denseNetLoss: 0.177),
    "adam": Entry(resNetError: 7.110, resNetLoss: 0.239, denseNetError: 6.690, denseNetLoss: 0.230),
    "adagrad": Entry(resNetError: 6.840, resNetLoss: 0.307, denseNetError: 7.490, denseNetLoss: 0.338),
    "amsgrad": Entry(resNetError: 6.720, resNetLoss: 0.239, denseNetError: 6.170, denseNetLoss: 0.234),
    "adabound": Entry(resNetError: 5.140, resNetLoss: 0.220, denseNetError: 4.850, denseNetLoss: 0.210),
    "amsbound": Entry(resNetError: 4.940, resNetLoss: 0.210, denseNetError: 4.960, denseNetLoss: 0.219),
    "adamw": Entry(resNetError: 5.080, resNetLoss: 0.239, denseNetError: 5.190, denseNetLoss: 0.214),
    "adabayes-fp": Entry(resNetError: 5.230, resNetLoss: 0.187, denseNetError: 4.910, denseNetLoss: 0.176),
    "adabayes": Entry(resNetError: 4.840, resNetLoss: 0.229, denseNetError: 4.560, denseNetLoss: 0.222),
  ]
}
