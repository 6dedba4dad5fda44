import Linalg
import Models
import Training

/// A classification problem of the comparison: a data set and a model without hidden layers.
public struct CalibrationTask: Sendable, Equatable {
  /// A label for headings, e.g. "breast-cancer (logistic)".
  public var name: String
  /// The data set (standardised, 80/20 stratified split by the seed).
  public var data: DataSource
  /// `.logistic` or `.softmax`.
  public var model: ModelSpec

  /// A task from its parts.
  public init(name: String, data: DataSource, model: ModelSpec) {
    self.name = name
    self.data = data
    self.model = model
  }

  /// Breast Cancer Wisconsin, 30 features, logistic regression (31 parameters).
  public static let breastCancer = CalibrationTask(name: "breast-cancer (logistic)", data: DataSource("breast-cancer"), model: .logistic)
  /// scikit-learn's digits, 64 features, softmax regression (650 parameters).
  public static let digits = CalibrationTask(name: "digits (softmax)", data: DataSource("digits"), model: .softmax)
  /// Wine, 13 features, 3 classes, softmax regression (42 parameters).
  public static let wine = CalibrationTask(name: "wine (softmax)", data: DataSource("wine"), model: .softmax)

  /// The data for `seed` (its train/test split).
  ///
  /// - Throws: ``NotebookError/io(_:)`` when the files cannot be read.
  public func load(seed: UInt64) throws(NotebookError) -> PreparedData<Double> {
    do {
      return try PreparedData<Double>.load(data, seed: seed)
    } catch {
      throw .io(error.description)
    }
  }
}
