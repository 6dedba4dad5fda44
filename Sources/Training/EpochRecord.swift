/// The metrics of one epoch, as `kfopt train --json` prints them.
///
/// Classification runs fill the accuracies; regression runs fill the RMSEs
/// (in the units of the original targets) and the test negative
/// log-likelihood under a Gaussian whose variance is the training MSE.
public struct EpochRecord: Sendable, Equatable, Codable {
  public var epoch: Int
  /// Optimizer steps taken so far.
  public var steps: Int
  /// The learning rate of the epoch's last step.
  public var learningRate: Double
  public var trainLoss: Double
  public var trainAccuracy: Double?
  public var trainRMSE: Double?
  public var testLoss: Double
  public var testAccuracy: Double?
  public var testRMSE: Double?
  public var testNLL: Double?
  /// The held-out validation loss (early stopping only).
  public var validationLoss: Double?
  /// Wall time of the epoch's training steps (evaluation excluded), in seconds.
  public var seconds: Double

  /// The JSON object of one line of `--json` output (snake_case keys).
  public var jsonObject: [String: Any] {
    var object: [String: Any] = [
      "epoch": epoch, "steps": steps, "lr": learningRate, "train_loss": trainLoss, "test_loss": testLoss, "seconds": seconds,
    ]
    if let trainAccuracy { object["train_accuracy"] = trainAccuracy }
    if let trainRMSE { object["train_rmse"] = trainRMSE }
    if let testAccuracy { object["test_accuracy"] = testAccuracy }
    if let testRMSE { object["test_rmse"] = testRMSE }
    if let testNLL { object["test_nll"] = testNLL }
    if let validationLoss { object["validation_loss"] = validationLoss }
    return object
  }
}
