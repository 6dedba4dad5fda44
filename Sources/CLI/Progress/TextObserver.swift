import Foundation
import Training

/// Human output: one line per epoch; on a terminal also a progress bar for
/// the batches of the current epoch (on standard error, redrawn in place).
struct TextObserver: TrainingObserver {
  /// A label printed before each line (the optimizer in `compare`).
  var label = ""
  /// Whether standard error is a terminal (a bar is drawn only then).
  let drawsBar = isatty(STDERR_FILENO) == 1
  private var lastDraw: UInt64 = 0

  init(label: String = "") {
    self.label = label
  }

  mutating func trainingWillStart(plan: TrainingPlan, parameterCount: Int, stepsPerEpoch: Int, startEpoch: Int) {
    let resumed = startEpoch > 1 ? ", resuming at epoch \(startEpoch)" : ""
    print(
      "\(prefix)\(plan.model) on \(plan.data.name): \(parameterCount) parameters, \(plan.optimizer.rawValue), "
        + "\(plan.epochs) epochs × \(stepsPerEpoch) steps (batch \(plan.batchSize), seed \(plan.seed), \(plan.precision.rawValue))\(resumed)")
  }

  mutating func batchDidFinish(epoch: Int, batch: Int, of batches: Int, loss: Double) {
    guard drawsBar else { return }
    let now = DispatchTime.now().uptimeNanoseconds
    guard batch == batches || now - lastDraw > 50_000_000 else { return }
    lastDraw = now
    let width = 30
    let filled = width * batch / Swift.max(1, batches)
    let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
    let line = "\r\(prefix)epoch \(epoch) [\(bar)] \(batch)/\(batches) loss \(String(format: "%.4f", loss))"
    FileHandle.standardError.write(Data(line.utf8))
  }

  mutating func epochDidFinish(_ record: EpochRecord) {
    if drawsBar { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    var line = "\(prefix)epoch \(record.epoch): train loss \(fixed(record.trainLoss)), test loss \(fixed(record.testLoss))"
    if let a = record.testAccuracy { line += ", test accuracy \(String(format: "%.2f", 100 * a)) %" }
    if let r = record.testRMSE { line += ", test RMSE \(fixed(r))" }
    if let nll = record.testNLL { line += ", test NLL \(fixed(nll))" }
    if let v = record.validationLoss { line += ", validation loss \(fixed(v))" }
    line += String(format: " (%.2f s)", record.seconds)
    print(line)
    fflush(nil)
  }

  mutating func trainingDidFinish(_ result: TrainingResult) {
    let how = result.stoppedEarly ? "stopped early; best validation epoch \(result.final.epoch)" : "final epoch \(result.final.epoch)"
    var line = "\(prefix)done (\(how)): test loss \(fixed(result.final.testLoss))"
    if let a = result.final.testAccuracy { line += ", test accuracy \(String(format: "%.2f", 100 * a)) %" }
    if let r = result.final.testRMSE { line += ", test RMSE \(fixed(r))" }
    if result.skippedSteps > 0 { line += "; \(result.skippedSteps) steps skipped for a NaN or infinite gradient" }
    print(line)
    if let c = result.calibration {
      var calibration = "\(prefix)calibration: test NLL \(fixed(c.plugInNLL)) (plug-in)"
      if let e = c.plugInECE { calibration += ", ECE \(fixed(e))" }
      if let nll = c.predictiveNLL { calibration += "; with the \(c.posterior) posterior: NLL \(fixed(nll))" }
      if let e = c.predictiveECE { calibration += ", ECE \(fixed(e))" }
      print(calibration)
    }
  }

  private var prefix: String { label.isEmpty ? "" : "[\(label)] " }
  private func fixed(_ x: Double) -> String { String(format: "%.4f", x) }
}
