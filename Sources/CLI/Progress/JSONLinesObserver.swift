import Foundation
import Training

/// `--json`: one JSON object per epoch on standard output, then a final
/// object with `"final": true` and the same keys.
struct JSONLinesObserver: TrainingObserver {
  /// Extra keys added to every line (e.g. the optimizer in `compare`).
  var context: [String: Any] = [:]

  mutating func epochDidFinish(_ record: EpochRecord) {
    emit(record.jsonObject)
  }

  mutating func trainingDidFinish(_ result: TrainingResult) {
    var object = result.final.jsonObject
    object["final"] = true
    object["stopped_early"] = result.stoppedEarly
    object["parameters"] = result.parameterCount
    object["skipped_steps"] = result.skippedSteps
    if let calibration = result.calibration { object.merge(calibration.jsonObject) { current, _ in current } }
    emit(object)
  }

  private func emit(_ object: [String: Any]) {
    // JSON has no NaN or infinity: a diverged metric is written as null.
    let merged = object.merging(context) { current, _ in current }.mapValues { value -> Any in
      if let x = value as? Double, !x.isFinite { return NSNull() }
      return value
    }
    if let data = try? JSONSerialization.data(withJSONObject: merged, options: [.sortedKeys]) {
      print(String(decoding: data, as: UTF8.self))
      fflush(nil)
    }
  }
}
