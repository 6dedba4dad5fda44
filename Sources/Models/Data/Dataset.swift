import Linalg

/// What a data set's examples are labelled with.
public enum LearningTask: Sendable, Equatable, Codable {
  /// Each example has a class in `0..<classes`.
  case classification(classes: Int)
  /// Each example has a real-valued target.
  case regression

  /// The number of classes, or `nil` for regression.
  public var classCount: Int? {
    if case .classification(let classes) = self { return classes }
    return nil
  }
}

/// A labelled data set held in memory: a row-major feature matrix plus one
/// class label (classification) or one target (regression) per example.
///
/// The public initializer validates everything a model later relies on
/// (shapes, finiteness, label range), so a `Dataset` value is always
/// consistent; the derived values made by ``subset(_:name:)``,
/// ``converted(to:)`` and the scalers keep that invariant by construction.
public struct Dataset<Scalar: BLASScalar>: Sendable {
  /// A short name for messages, e.g. `mnist5k-train`, or the file it came from.
  public let name: String
  /// The number of features per example (columns of ``features``).
  public let featureCount: Int
  /// The features, row-major: example `i` is `features[i*featureCount ..< (i+1)*featureCount]`.
  public let features: [Scalar]
  /// Classification: the class of each example, in `0..<classes`. Empty for regression.
  public let labels: [Int]
  /// Regression: the target of each example. Empty for classification.
  public let targets: [Scalar]
  /// Classification (with its class count) or regression.
  public let task: LearningTask

  /// The number of examples.
  public var count: Int { features.count / featureCount }

  /// A validated data set.
  ///
  /// - Throws: ``DataError/invalid(path:reason:)`` naming `name` when
  ///   `featureCount < 1`, `features.count` is not a multiple of
  ///   `featureCount`, the labels or targets do not match the task or the
  ///   number of examples, a label is outside `0..<classes`, or a feature or
  ///   target is not finite.
  public init(
    name: String, featureCount: Int, features: [Scalar], labels: [Int] = [], targets: [Scalar] = [], task: LearningTask
  ) throws(DataError) {
    guard featureCount >= 1 else {
      throw .invalid(path: name, reason: "a data set needs at least one feature, got \(featureCount)")
    }
    guard features.count % featureCount == 0 else {
      throw .invalid(path: name, reason: "\(features.count) feature values do not form rows of \(featureCount)")
    }
    let count = features.count / featureCount
    switch task {
    case .classification(let classes):
      guard classes >= 1 else {
        throw .invalid(path: name, reason: "a classification task needs at least one class, got \(classes)")
      }
      guard labels.count == count else { throw .invalid(path: name, reason: "\(count) examples but \(labels.count) labels") }
      guard targets.isEmpty else { throw .invalid(path: name, reason: "a classification data set has no regression targets") }
      if let i = labels.firstIndex(where: { $0 < 0 || $0 >= classes }) {
        throw .invalid(path: name, reason: "example \(i) has label \(labels[i]), expected a class in 0..<\(classes)")
      }
    case .regression:
      guard targets.count == count else { throw .invalid(path: name, reason: "\(count) examples but \(targets.count) targets") }
      guard labels.isEmpty else { throw .invalid(path: name, reason: "a regression data set has no class labels") }
      if let i = targets.firstIndex(where: { !$0.isFinite }) {
        throw .invalid(path: name, reason: "example \(i) has target \(targets[i]), expected a finite number")
      }
    }
    if let k = features.firstIndex(where: { !$0.isFinite }) {
      throw .invalid(
        path: name,
        reason: "feature \(k % featureCount) of example \(k / featureCount) is \(features[k]), expected a finite number")
    }
    self.init(unchecked: name, featureCount: featureCount, features: features, labels: labels, targets: targets, task: task)
  }

  /// Stores already-validated parts (used by the derived-value methods).
  init(unchecked name: String, featureCount: Int, features: [Scalar], labels: [Int], targets: [Scalar], task: LearningTask) {
    self.name = name
    self.featureCount = featureCount
    self.features = features
    self.labels = labels
    self.targets = targets
    self.task = task
  }

  /// The features of example `i`.
  ///
  /// - Precondition: `0 <= i < count`.
  public func row(_ i: Int) -> ArraySlice<Scalar> {
    precondition(i >= 0 && i < count, "Dataset.row: index \(i) out of range 0..<\(count)")
    return features[i * featureCount..<(i + 1) * featureCount]
  }

  /// The examples at `indices`, in that order (repeats allowed), keeping the task.
  ///
  /// - Parameter name: the new data set's name; defaults to this one's.
  /// - Precondition: every index is in `0..<count`.
  public func subset(_ indices: [Int], name: String? = nil) -> Dataset {
    var newFeatures = [Scalar]()
    newFeatures.reserveCapacity(indices.count * featureCount)
    for i in indices {
      precondition(i >= 0 && i < count, "Dataset.subset: index \(i) out of range 0..<\(count)")
      newFeatures.append(contentsOf: features[i * featureCount..<(i + 1) * featureCount])
    }
    return Dataset(
      unchecked: name ?? self.name, featureCount: featureCount, features: newFeatures,
      labels: labels.isEmpty ? [] : indices.map { labels[$0] },
      targets: targets.isEmpty ? [] : indices.map { targets[$0] }, task: task)
  }

  /// The same data set with another scalar type.
  ///
  /// Values are rounded to the nearest representable `T`; a finite value
  /// beyond `T`'s range (above about 3.4e38 when converting to `Float`)
  /// becomes infinite.
  public func converted<T: BLASScalar>(to type: T.Type) -> Dataset<T> {
    Dataset<T>(
      unchecked: name, featureCount: featureCount, features: features.map { T($0) }, labels: labels,
      targets: targets.map { T($0) }, task: task)
  }

  /// A copy with new features and/or targets of the same shapes (used by the scalers).
  func replacing(features newFeatures: [Scalar]? = nil, targets newTargets: [Scalar]? = nil) -> Dataset {
    Dataset(
      unchecked: name, featureCount: featureCount, features: newFeatures ?? features, labels: labels,
      targets: newTargets ?? targets, task: task)
  }
}

extension Dataset: Equatable {}
