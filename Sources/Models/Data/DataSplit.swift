import Linalg

/// A data set divided into a training part and a held-out test part.
public struct DataSplit<Scalar: BLASScalar>: Sendable {
  /// The examples to fit on (and to fit scalers on).
  public var train: Dataset<Scalar>
  /// The held-out examples, used only for evaluation.
  public var test: Dataset<Scalar>

  /// Pairs two existing data sets (e.g. MNIST's separate files).
  public init(train: Dataset<Scalar>, test: Dataset<Scalar>) {
    self.train = train
    self.test = test
  }

  /// Splits a data set at random, reproducibly for a seed.
  ///
  /// Classification splits are stratified: each class with n examples sends
  /// `round(testFraction · n)` of them to the test part, at least 1 and at
  /// most n − 1 when n ≥ 2, so every class is seen in training and (when it
  /// can be) in testing. Regression splits shuffle all examples and send
  /// `round(testFraction · count)` (same bounds) to the test part. Choices
  /// use a ``SplitMix64`` Fisher–Yates shuffle seeded with `seed`; both
  /// parts keep the original order of their examples and are named
  /// `<name>-train` and `<name>-test`.
  ///
  /// - Precondition: `0 < testFraction < 1`.
  public static func split(_ dataset: Dataset<Scalar>, testFraction: Double, seed: UInt64) -> DataSplit {
    precondition(testFraction > 0 && testFraction < 1, "DataSplit.split: testFraction must be in (0, 1), got \(testFraction)")
    var rng = SplitMix64(seed: seed)
    var groups: [[Int]]
    if let classes = dataset.task.classCount {
      groups = Array(repeating: [], count: classes)
      for (i, label) in dataset.labels.enumerated() { groups[label].append(i) }
    } else {
      groups = [Array(0..<dataset.count)]
    }
    var trainIndices: [Int] = []
    var testIndices: [Int] = []
    for var group in groups where !group.isEmpty {
      MinibatchOrder.shuffle(&group, using: &rng)
      var testCount = Int((testFraction * Double(group.count)).rounded())
      if group.count >= 2 { testCount = min(max(testCount, 1), group.count - 1) }
      testIndices += group[..<testCount]
      trainIndices += group[testCount...]
    }
    return DataSplit(
      train: dataset.subset(trainIndices.sorted(), name: dataset.name + "-train"),
      test: dataset.subset(testIndices.sorted(), name: dataset.name + "-test"))
  }
}
