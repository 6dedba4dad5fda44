import Training

/// One arm trained with several seeds, and the statistics of the science
/// bench's table: the minimum over epochs 1…E of the test error and of the
/// test loss (the AdaBayes paper's Table 1 statistic), the values at the last
/// epoch, and the training time per epoch.
public struct ArmResult: Sendable {
  /// What was trained.
  public var arm: OptimizerArm
  /// One run per seed, in seed order.
  public var runs: [TrainingResult]
  /// The seeds, paired with ``runs``.
  public var seeds: [UInt64]

  /// The runs of `arm` with `seeds`.
  public init(arm: OptimizerArm, runs: [TrainingResult], seeds: [UInt64]) {
    self.arm = arm
    self.runs = runs
    self.seeds = seeds
  }

  /// Test error in % of an epoch record (100 − accuracy).
  public static func testError(_ record: EpochRecord) -> Double {
    100 * (1 - (record.testAccuracy ?? .nan))
  }

  /// Per seed: the smallest test error % over the epochs, and the epoch it came at (the first, on ties).
  public var minimumTestErrors: [(error: Double, epoch: Int)] {
    runs.map { run in
      var best = (error: Double.infinity, epoch: 0)
      for record in run.history where Self.testError(record) < best.error {
        best = (Self.testError(record), record.epoch)
      }
      return best
    }
  }

  /// Per seed: the smallest test loss over the epochs.
  public var minimumTestLosses: [Double] { runs.map { $0.history.map(\.testLoss).min() ?? .nan } }

  /// Per seed: the test error % after the last epoch.
  public var finalTestErrors: [Double] { runs.map { Self.testError($0.final) } }

  /// Per seed: the test loss after the last epoch.
  public var finalTestLosses: [Double] { runs.map(\.final.testLoss) }

  /// Per seed: the training loss after the last epoch.
  public var finalTrainLosses: [Double] { runs.map(\.final.trainLoss) }

  /// The median over seeds of each run's median seconds per epoch (training steps only).
  public var secondsPerEpoch: Double {
    Self.median(runs.map { Self.median($0.history.map(\.seconds)) })
  }

  /// The mean over seeds of the test error % at each epoch (1…E).
  public var meanTestErrorCurve: [Double] { meanCurve(Self.testError) }

  /// The mean over seeds of the test loss at each epoch (1…E).
  public var meanTestLossCurve: [Double] { meanCurve(\.testLoss) }

  /// The mean over seeds of the training loss at each epoch (1…E).
  public var meanTrainLossCurve: [Double] { meanCurve(\.trainLoss) }

  private func meanCurve(_ value: (EpochRecord) -> Double) -> [Double] {
    let epochs = runs.map(\.history.count).min() ?? 0
    return (0..<epochs).map { e in runs.map { value($0.history[e]) }.reduce(0, +) / Double(runs.count) }
  }

  /// The median of `values` (NaN when empty).
  public static func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return .nan }
    let mid = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
  }
}
