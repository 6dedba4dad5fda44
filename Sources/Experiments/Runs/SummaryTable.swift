import Foundation

/// The rows of a Table 1-style summary: mean ± sample sd over seeds.
public enum SummaryTable {
  /// The column titles of ``cells(_:)``.
  public static let header = [
    "optimizer", "min test error %", "min test loss", "final test error %", "final test loss", "per-seed min error % (epoch)", "s/epoch",
  ]

  /// The cells of one arm's row.
  public static func cells(_ result: ArmResult) -> [String] {
    let minima = result.minimumTestErrors
    return [
      result.arm.label,
      Formatting.meanAndDeviation(minima.map(\.error)),
      Formatting.meanAndDeviation(result.minimumTestLosses, 4),
      Formatting.meanAndDeviation(result.finalTestErrors),
      Formatting.meanAndDeviation(result.finalTestLosses, 4),
      minima.map { "\(Formatting.fixed($0.error, 1)) (\($0.epoch))" }.joined(separator: ", "),
      String(format: "%.3g", result.secondsPerEpoch),
    ]
  }
}
