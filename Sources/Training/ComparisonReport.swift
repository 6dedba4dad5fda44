import Foundation

/// The table and learning curves `kfopt compare` writes: one row per optimizer.
public struct ComparisonReport: Sendable {
  /// One optimizer's run.
  public struct Entry: Sendable {
    /// The label the user gave (e.g. `sgd:lr=0.1:momentum=0.9`).
    public var label: String
    /// The run's result.
    public var result: TrainingResult

    /// An entry for `label`.
    public init(label: String, result: TrainingResult) {
      self.label = label
      self.result = result
    }
  }

  /// The runs, in the order given.
  public var entries: [Entry]

  /// A report of these runs.
  public init(entries: [Entry]) {
    self.entries = entries
  }

  private var isClassification: Bool { entries.first?.result.final.testAccuracy != nil }

  private var hasCalibration: Bool { entries.contains { $0.result.calibration != nil } }

  /// The column headers of the summary.
  var headers: [String] {
    var headers =
      isClassification
      ? ["optimizer", "final test accuracy %", "final test loss", "best test accuracy % (epoch)", "min test loss", "final train loss", "s/epoch (median)"]
      : ["optimizer", "final test RMSE", "final test NLL", "min test RMSE (epoch)", "final train RMSE", "s/epoch (median)"]
    if hasCalibration {
      headers += isClassification
        ? ["posterior", "test NLL (posterior)", "ECE (plug-in)", "ECE (posterior)"] : ["posterior", "test NLL (posterior)"]
    }
    return headers
  }

  /// The summary's rows, as text.
  var rows: [[String]] {
    entries.map { entry in
      var row = baseRow(entry)
      if hasCalibration {
        let c = entry.result.calibration
        row += [c?.posterior ?? "", c?.predictiveNLL.map(fixed) ?? ""]
        if isClassification { row += [c?.plugInECE.map(fixed) ?? "", c?.predictiveECE.map(fixed) ?? ""] }
      }
      return row
    }
  }

  private func baseRow(_ entry: Entry) -> [String] {
    let history = entry.result.history, final = entry.result.final
    let seconds = history.map(\.seconds).sorted()
    let median = seconds.isEmpty ? 0 : seconds[seconds.count / 2]
    if isClassification {
      let best = history.max { ($0.testAccuracy ?? 0) < ($1.testAccuracy ?? 0) }
      return [
        entry.label, percent(final.testAccuracy), fixed(final.testLoss),
        "\(percent(best?.testAccuracy)) (\(best?.epoch ?? 0))", fixed(history.map(\.testLoss).min() ?? .nan),
        fixed(final.trainLoss), String(format: "%.4g", median),
      ]
    }
    let best = history.min { ($0.testRMSE ?? .infinity) < ($1.testRMSE ?? .infinity) }
    return [
      entry.label, fixed(final.testRMSE ?? .nan), fixed(final.testNLL ?? .nan),
      "\(fixed(best?.testRMSE ?? .nan)) (\(best?.epoch ?? 0))", fixed(final.trainRMSE ?? .nan), String(format: "%.4g", median),
    ]
  }

  /// The summary as a markdown table.
  public var markdown: String {
    var lines = ["| " + headers.joined(separator: " | ") + " |", "|" + headers.map { _ in "---|" }.joined()]
    for row in rows { lines.append("| " + row.joined(separator: " | ") + " |") }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The summary as CSV (header row first; labels quoted when they hold a comma or quote).
  public var csv: String {
    ([headers] + rows).map { $0.map(Self.csvField).joined(separator: ",") }.joined(separator: "\n") + "\n"
  }

  /// One run's per-epoch curve as CSV.
  public static func curve(_ result: TrainingResult) -> String {
    let regression = result.final.testRMSE != nil
    var lines = [
      regression
        ? "epoch,steps,lr,train_loss,train_rmse,test_loss,test_rmse,test_nll,validation_loss,seconds"
        : "epoch,steps,lr,train_loss,train_accuracy,test_loss,test_accuracy,validation_loss,seconds"
    ]
    for r in result.history {
      let fields: [String] =
        regression
        ? [
          "\(r.epoch)", "\(r.steps)", full(r.learningRate), full(r.trainLoss), full(r.trainRMSE), full(r.testLoss), full(r.testRMSE),
          full(r.testNLL), full(r.validationLoss), full(r.seconds),
        ]
        : [
          "\(r.epoch)", "\(r.steps)", full(r.learningRate), full(r.trainLoss), full(r.trainAccuracy), full(r.testLoss),
          full(r.testAccuracy), full(r.validationLoss), full(r.seconds),
        ]
      lines.append(fields.joined(separator: ","))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// A file-name-safe version of a label.
  public static func fileName(_ label: String) -> String {
    String(label.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." ? $0 : "_" })
  }

  private static func csvField(_ text: String) -> String {
    text.contains(",") || text.contains("\"") ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
  }

  private static func full(_ x: Double?) -> String { x.map { String(format: "%.10g", $0) } ?? "" }
  private static func full(_ x: Double) -> String { String(format: "%.10g", x) }
  private func fixed(_ x: Double) -> String { String(format: "%.4f", x) }
  private func percent(_ x: Double?) -> String { x.map { String(format: "%.2f", 100 * $0) } ?? "" }
}
