import Linalg

/// Per-feature standardisation, z = (x − mean) / sd, with the statistics of a
/// training set.
///
/// Fit on the training part only and apply the same statistics to every part:
/// `let s = Standardizer(fittedOn: split.train)`, then `s.apply(to: split.train)`
/// and `s.apply(to: split.test)`. The standard deviation is the population one
/// (divide by n, as scikit-learn's `StandardScaler`); a constant feature gets
/// scale 1, so it maps to 0 rather than dividing by zero.
public struct Standardizer<Scalar: BLASScalar>: Sendable, Codable, Equatable {
  /// The training mean of each feature.
  public let mean: [Scalar]
  /// The training population standard deviation of each feature (1 for a constant feature).
  public let scale: [Scalar]

  /// Given statistics (e.g. restored from a checkpoint).
  ///
  /// - Precondition: equal counts and every scale positive and finite.
  public init(mean: [Scalar], scale: [Scalar]) {
    precondition(mean.count == scale.count, "Standardizer: \(mean.count) means but \(scale.count) scales")
    precondition(scale.allSatisfy { $0 > 0 && $0.isFinite }, "Standardizer: scales must be positive and finite")
    self.mean = mean
    self.scale = scale
  }

  /// The statistics of `dataset`'s features (accumulated in `Double`).
  ///
  /// - Precondition: `dataset.count >= 1`.
  public init(fittedOn dataset: Dataset<Scalar>) {
    precondition(dataset.count >= 1, "Standardizer: cannot fit on the empty data set '\(dataset.name)'")
    let d = dataset.featureCount
    let n = dataset.count
    var means = [Double](repeating: 0, count: d)
    var minima = Array(dataset.features[0..<d])
    var maxima = minima
    for i in 0..<n {
      for k in 0..<d {
        let x = dataset.features[i * d + k]
        means[k] += Double(x)
        minima[k] = min(minima[k], x)
        maxima[k] = max(maxima[k], x)
      }
    }
    for k in 0..<d { means[k] /= Double(n) }
    var squares = [Double](repeating: 0, count: d)
    for i in 0..<n {
      for k in 0..<d {
        let deviation = Double(dataset.features[i * d + k]) - means[k]
        squares[k] += deviation * deviation
      }
    }
    var mean = [Scalar](), scale = [Scalar]()
    for k in 0..<d {
      // A constant column is detected exactly (its computed mean may differ
      // from the value by round-off, which would make a tiny nonzero sd).
      if minima[k] == maxima[k] {
        mean.append(minima[k])
        scale.append(1)
      } else {
        mean.append(Scalar(means[k]))
        let sd = Scalar((squares[k] / Double(n)).squareRoot())
        scale.append(sd > 0 && sd.isFinite ? sd : 1)
      }
    }
    self.init(mean: mean, scale: scale)
  }

  /// `dataset` with every feature standardised by these statistics.
  ///
  /// - Precondition: `dataset.featureCount == mean.count`.
  public func apply(to dataset: Dataset<Scalar>) -> Dataset<Scalar> {
    precondition(
      dataset.featureCount == mean.count,
      "Standardizer: fitted on \(mean.count) features, applied to \(dataset.featureCount)")
    let d = mean.count
    var features = dataset.features
    for index in features.indices {
      let k = index % d
      features[index] = (features[index] - mean[k]) / scale[k]
    }
    return dataset.replacing(features: features)
  }
}

/// Standardisation of regression targets, y' = (y − mean) / sd, fitted on the
/// training targets; ``invert(_:)`` maps predictions back so that errors
/// (e.g. RMSE, which scales by ``scale``) are reported in original units.
public struct TargetScaler<Scalar: BLASScalar>: Sendable, Codable, Equatable {
  /// The training mean of the targets.
  public let mean: Scalar
  /// The training population standard deviation of the targets (1 if constant).
  public let scale: Scalar

  /// Given statistics.
  ///
  /// - Precondition: `scale` positive and finite.
  public init(mean: Scalar, scale: Scalar) {
    precondition(scale > 0 && scale.isFinite, "TargetScaler: scale must be positive and finite, got \(scale)")
    self.mean = mean
    self.scale = scale
  }

  /// The mean and population standard deviation of `dataset`'s targets.
  ///
  /// - Precondition: a regression data set with at least one example.
  public init(fittedOn dataset: Dataset<Scalar>) {
    precondition(dataset.task == .regression, "TargetScaler: '\(dataset.name)' is not a regression data set")
    precondition(dataset.count >= 1, "TargetScaler: cannot fit on the empty data set '\(dataset.name)'")
    let n = Double(dataset.count)
    let mean = dataset.targets.reduce(0.0) { $0 + Double($1) } / n
    let variance = dataset.targets.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / n
    let constant = dataset.targets.allSatisfy { $0 == dataset.targets[0] }
    let sd = Scalar(variance.squareRoot())
    self.init(
      mean: constant ? dataset.targets[0] : Scalar(mean), scale: constant || !(sd > 0 && sd.isFinite) ? 1 : sd)
  }

  /// One target in scaled units.
  public func apply(_ value: Scalar) -> Scalar { (value - mean) / scale }

  /// One scaled value (e.g. a prediction) back in original units.
  public func invert(_ value: Scalar) -> Scalar { value * scale + mean }

  /// Scaled values back in original units.
  public func invert(_ values: [Scalar]) -> [Scalar] { values.map { invert($0) } }

  /// `dataset` with its targets scaled (features unchanged).
  ///
  /// - Precondition: a regression data set.
  public func apply(to dataset: Dataset<Scalar>) -> Dataset<Scalar> {
    precondition(dataset.task == .regression, "TargetScaler: '\(dataset.name)' is not a regression data set")
    return dataset.replacing(targets: dataset.targets.map { apply($0) })
  }
}
