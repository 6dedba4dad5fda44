import Foundation
import TestSupport
import Testing

/// One bad invocation: what to run, the exit status, and words the message must contain.
struct BadInput: Sendable, CustomStringConvertible {
  let name: String
  let arguments: @Sendable (String) -> [String]
  let status: Int32
  let mentions: @Sendable (String) -> [String]
  var description: String { name }
}

/// Writes the files the bad inputs refer to into `directory`.
private func writeFixtures(in directory: String) throws {
  func write(_ name: String, _ text: String) throws { try Data(text.utf8).write(to: URL(fileURLWithPath: directory + "/" + name)) }
  try write("ragged.csv", "a,b,target\n1,2,0\n3,1\n")
  try write("nan.csv", "a,b,target\n1,2,0\n3,NaN,1\n")
  try write("negative-label.csv", "a,b,target\n1,2,0\n3,4,-1\n")
  try write("one-row.csv", "a,b,target\n1,2,0\n")
  try Data([0xFF, 0xFE, 0x00, 0x01, 0x80, 0x81]).write(to: URL(fileURLWithPath: directory + "/binary.csv"))
  // IDX directories: wrong magic, truncated images, a label out of range.
  func idx(_ magic: [UInt8], _ dims: [UInt32], _ payload: [UInt8]) -> Data {
    var bytes = magic
    for d in dims { bytes += [UInt8(d >> 24), UInt8((d >> 16) & 0xFF), UInt8((d >> 8) & 0xFF), UInt8(d & 0xFF)] }
    return Data(bytes + payload)
  }
  for (name, imageMagic, imagePayload, label) in [
    ("idx-magic", [0, 0, 0x09, 3] as [UInt8], 2 * 4, 1 as UInt8), ("idx-truncated", [0, 0, 0x08, 3], 2 * 4 - 3, 1),
    ("idx-label", [0, 0, 0x08, 3], 2 * 4, 12),
  ] {
    let path = directory + "/" + name
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    for part in ["train", "t10k"] {
      try idx(imageMagic, [2, 2, 2], [UInt8](repeating: 7, count: imagePayload)).write(to: URL(fileURLWithPath: "\(path)/\(part)-images-idx3-ubyte"))
      try idx([0, 0, 0x08, 1], [2], [0, label]).write(to: URL(fileURLWithPath: "\(path)/\(part)-labels-idx1-ubyte"))
    }
  }
}

private let train = ["train", "--optimizer", "adam", "--epochs", "1"]

@Suite("kfopt refuses bad input with a named problem and the right exit status", .tags(.endToEnd))
struct BadInputTests {
  static let cases: [BadInput] = [
    BadInput(name: "missing file", arguments: { train + ["--model", "softmax", "--data", $0 + "/missing.csv"] }, status: 74, mentions: { [$0 + "/missing.csv"] }),
    BadInput(name: "unknown data name", arguments: { _ in train + ["--model", "softmax", "--data", "mnist6k"] }, status: 64, mentions: { _ in ["mnist6k"] }),
    BadInput(name: "not text", arguments: { train + ["--model", "softmax", "--data", $0 + "/binary.csv"] }, status: 65, mentions: { [$0 + "/binary.csv"] }),
    BadInput(name: "ragged CSV", arguments: { train + ["--model", "softmax", "--data", $0 + "/ragged.csv"] }, status: 65, mentions: { [$0 + "/ragged.csv:3"] }),
    BadInput(name: "NaN value", arguments: { train + ["--model", "softmax", "--data", $0 + "/nan.csv"] }, status: 65, mentions: { [$0 + "/nan.csv:3", "'b'"] }),
    BadInput(
      name: "negative label", arguments: { train + ["--model", "softmax", "--data", $0 + "/negative-label.csv", "--task", "classification"] }, status: 65,
      mentions: { [$0 + "/negative-label.csv"] }),
    BadInput(name: "IDX wrong type byte", arguments: { train + ["--model", "mlp:4-3-2", "--data", $0 + "/idx-magic"] }, status: 65, mentions: { _ in ["idx-magic/"] }),
    BadInput(name: "IDX truncated", arguments: { train + ["--model", "mlp:4-3-2", "--data", $0 + "/idx-truncated"] }, status: 65, mentions: { _ in ["truncated"] }),
    BadInput(name: "IDX label out of range", arguments: { train + ["--model", "mlp:4-3-10", "--data", $0 + "/idx-label"] }, status: 65, mentions: { _ in ["12"] }),
    BadInput(name: "unknown model", arguments: { _ in train + ["--model", "resnet", "--data", "iris"] }, status: 64, mentions: { _ in ["resnet"] }),
    BadInput(name: "unknown optimizer", arguments: { _ in ["train", "--model", "softmax", "--data", "iris", "--optimizer", "adamm"] }, status: 64, mentions: { _ in ["adamm"] }),
    BadInput(name: "zero-width layer", arguments: { _ in train + ["--model", "mlp:4-0-3", "--data", "iris"] }, status: 64, mentions: { _ in ["'0'"] }),
    BadInput(
      name: "layer sizes that do not fit the data", arguments: { _ in train + ["--model", "mlp:784-400-10", "--data", "iris"] }, status: 64,
      mentions: { _ in ["mlp:4-400-3"] }),
    BadInput(name: "inapplicable flag", arguments: { _ in train + ["--model", "softmax", "--data", "iris", "--momentum", "0.9"] }, status: 64, mentions: { _ in ["--momentum"] }),
    BadInput(name: "bad schedule", arguments: { _ in train + ["--model", "softmax", "--data", "iris", "--schedule", "step:x:0.1"] }, status: 64, mentions: { _ in ["--schedule"] }),
    BadInput(name: "resume without checkpoint", arguments: { _ in train + ["--model", "softmax", "--data", "iris", "--resume"] }, status: 64, mentions: { _ in ["--checkpoint"] }),
    BadInput(
      name: "resume from an empty directory", arguments: { train + ["--model", "softmax", "--data", "iris", "--checkpoint", $0 + "/no-run", "--resume"] }, status: 74,
      mentions: { [$0 + "/no-run"] }),
    BadInput(
      name: "bad non-finite policy", arguments: { _ in train + ["--model", "softmax", "--data", "iris", "--nonfinite-gradients", "ignore"] },
      status: 64, mentions: { _ in ["--nonfinite-gradients", "ignore"] }),
    BadInput(name: "zero threads", arguments: { _ in train + ["--model", "softmax", "--data", "iris", "--threads", "0"] }, status: 64, mentions: { _ in ["--threads"] }),
    BadInput(
      name: "divergence", arguments: { _ in ["train", "--model", "linear", "--data", "diabetes", "--optimizer", "sgd", "--lr", "1e30", "--epochs", "1"] },
      status: 65, mentions: { _ in ["step 2", "--lr"] }),
    BadInput(name: "bench: unknown benchmark", arguments: { _ in ["bench", "--only", "adamm"] }, status: 64, mentions: { _ in ["adamm"] }),
    // Numbers that used to reach a trap, an overflow or an allocation too big for the machine.
    BadInput(name: "zero batch size", arguments: { _ in train + ["--model", "softmax", "--data", "iris", "--batch-size", "0"] }, status: 64, mentions: { _ in ["--batch-size"] }),
    BadInput(
      name: "threads beyond 32 bits", arguments: { _ in train + ["--model", "softmax", "--data", "iris", "--threads", "3000000000"] }, status: 64,
      mentions: { _ in ["--threads", "3000000000"] }),
    BadInput(name: "bench: threads beyond 32 bits", arguments: { _ in ["bench", "--threads", "3000000000"] }, status: 64, mentions: { _ in ["--threads"] }),
    BadInput(
      name: "AdaBayes with an infinite prior variance",
      arguments: { _ in ["train", "--model", "mlp:4-8-3", "--data", "iris", "--epochs", "1", "--optimizer", "adabayes", "--lr-sgd", "inf"] }, status: 64,
      mentions: { _ in ["--lr-sgd", "adabayes-fp"] }),
    BadInput(
      name: "plot posterior: heavy-ball momentum 1",
      arguments: { ["plot", "posterior", "--curve-only", "--heavy-ball-momentum", "1", "--out", $0 + "/p.svg"] }, status: 64,
      mentions: { _ in ["--heavy-ball-momentum"] }),
    BadInput(
      name: "plot posterior: a CSV path under a file leaves no SVG",
      arguments: { ["plot", "posterior", "--curve-only", "--out", $0 + "/p.svg", "--csv", $0 + "/binary.csv/p.csv"] }, status: 74,
      mentions: { [$0 + "/binary.csv"] }),
    BadInput(
      name: "early stop with no validation set",
      arguments: { _ in train + ["--model", "softmax", "--data", "iris", "--early-stop", "1", "--validation-fraction", "0"] }, status: 64,
      mentions: { _ in ["--validation-fraction"] }),
    BadInput(
      name: "schedule milestone beyond any step count",
      arguments: { _ in train + ["--model", "softmax", "--data", "iris", "--schedule", "step:9223372036854775807:0.1"] }, status: 64,
      mentions: { _ in ["--schedule"] }),
    BadInput(name: "negative warm-up", arguments: { _ in train + ["--model", "softmax", "--data", "iris", "--warmup=-1"] }, status: 64, mentions: { _ in ["--warmup"] }),
    BadInput(
      name: "a layer wider than BLAS takes", arguments: { _ in train + ["--model", "mlp:4-3000000000-3", "--data", "iris"] }, status: 64,
      mentions: { _ in ["3000000000"] }),
    BadInput(
      name: "parameters beyond the machine's memory", arguments: { _ in train + ["--model", "mlp:4-2000000000-3", "--data", "iris"] }, status: 64,
      mentions: { _ in ["GB"] }),
    BadInput(
      name: "a full covariance beyond the machine's memory",
      arguments: { _ in ["train", "--model", "mlp:4-400000-3", "--data", "iris", "--epochs", "1", "--optimizer", "kalman"] }, status: 64,
      mentions: { _ in ["covariance", "GB"] }),
    BadInput(name: "bench: parameters beyond the machine's memory", arguments: { _ in ["bench", "--params", "9223372036854775807"] }, status: 64, mentions: { _ in ["--params"] }),
    BadInput(
      name: "trace: a trajectory beyond the machine's memory",
      arguments: { _ in ["trace", "--objective", "rosenbrock", "--start", "1,2", "--steps", "9223372036854775807"] }, status: 64,
      mentions: { _ in ["--steps"] }),
    BadInput(name: "compare: empty output directory", arguments: { _ in ["compare", "--model", "softmax", "--data", "iris", "--optimizers", "adam", "--out", ""] }, status: 64, mentions: { _ in ["--out"] }),
    BadInput(
      name: "compare: output directory is a file",
      arguments: { ["compare", "--model", "softmax", "--data", "iris", "--epochs", "1", "--optimizers", "adam", "--out", $0 + "/binary.csv"] }, status: 74,
      mentions: { [$0 + "/binary.csv exists and is not a directory"] }),
    BadInput(name: "plot posterior: empty PNG name", arguments: { ["plot", "posterior", "--curve-only", "--out", $0 + "/p.svg", "--png", ""] }, status: 64, mentions: { _ in ["--png"] }),
    BadInput(name: "bench: no benchmark named", arguments: { _ in ["bench", "--only", ","] }, status: 64, mentions: { _ in ["--only"] }),
    BadInput(
      name: "exponential schedule with a negative factor",
      arguments: { _ in train + ["--model", "softmax", "--data", "iris", "--schedule", "exponential:-1"] }, status: 64, mentions: { _ in ["--schedule", "γ"] }),
    BadInput(name: "plot posterior: malformed model", arguments: { _ in ["plot", "posterior", "--curve-only", "--model", "mlp:"] }, status: 64, mentions: { _ in ["--model"] }),
    BadInput(
      name: "compare: the diverging run is named",
      arguments: { ["compare", "--model", "linear", "--data", "diabetes", "--epochs", "1", "--optimizers", "adam,sgd:lr=1e30", "--out", $0 + "/cmp"] }, status: 65,
      mentions: { _ in ["sgd:lr=1e30: epoch 1"] }),
    BadInput(
      name: "too few rows for a test part", arguments: { train + ["--model", "softmax", "--data", $0 + "/one-row.csv", "--task", "classification"] }, status: 65,
      mentions: { [$0 + "/one-row.csv", "too few"] }),
    BadInput(name: "built-in data set with a target", arguments: { _ in train + ["--model", "softmax", "--data", "iris", "--target", "0"] }, status: 64, mentions: { _ in ["--target"] }),
    BadInput(name: "built-in data set with a task", arguments: { _ in train + ["--model", "softmax", "--data", "iris", "--task", "regression"] }, status: 64, mentions: { _ in ["--task"] }),
    BadInput(name: "plot posterior: '.' as the SVG", arguments: { _ in ["plot", "posterior", "--curve-only", "--out", "."] }, status: 64, mentions: { _ in ["--out", "'.'"] }),
    BadInput(
      name: "plot posterior: one path for two outputs", arguments: { ["plot", "posterior", "--curve-only", "--out", $0 + "/p.svg", "--csv", $0 + "/p.svg"] }, status: 64,
      mentions: { _ in ["different files"] }),
    BadInput(name: "empty checkpoint directory", arguments: { _ in train + ["--model", "softmax", "--data", "iris", "--checkpoint", ""] }, status: 64, mentions: { _ in ["--checkpoint"] }),
    BadInput(name: "logistic on three classes", arguments: { _ in train + ["--model", "logistic", "--data", "iris"] }, status: 64, mentions: { _ in ["two-class"] }),
  ]

  @Test(arguments: cases)
  func badInputGivesTheRightStatusAndNamesTheProblem(_ bad: BadInput) throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kfopt-bad-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try writeFixtures(in: directory)
    let before = Set(try FileManager.default.subpathsOfDirectory(atPath: directory))
    let run = try KFOptProcess.run(bad.arguments(directory))
    #expect(run.status == bad.status, "\(bad.name): status \(run.status), stderr: \(run.standardError)")
    for word in bad.mentions(directory) { #expect(run.standardError.contains(word), "\(bad.name): '\(word)' not in: \(run.standardError)") }
    #expect(!run.standardError.contains("Fatal error") && !run.standardError.contains("Stack dump"))
    // Nothing was written: no checkpoint directory, no temporary files.
    #expect(Set(try FileManager.default.subpathsOfDirectory(atPath: directory)) == before)
  }

  @Test func divergenceUnderTheSkipPolicyFinishesAndCountsTheSkippedSteps() throws {
    let run = try KFOptProcess.run([
      "train", "--model", "linear", "--data", "diabetes", "--optimizer", "sgd", "--lr", "1e30", "--epochs", "2",
      "--nonfinite-gradients", "skip", "--json",
    ])
    #expect(run.status == 0, "\(run.standardError)")
    let last = try #require(run.standardOutput.split(separator: "\n").last)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Any])
    #expect(object["final"] as? Bool == true)
    // 8 steps (4 batches of the 353 training patients, 2 epochs). Step 1 sends the weights to
    // ~1e30; step 2's loss overflows float32 but its gradient (~1e30) does not, so it is taken;
    // from then on the weights are infinite and every gradient is NaN: 6 skipped.
    #expect(object["skipped_steps"] as? Int == 6)
    #expect(object["steps"] as? Int == 2)
    #expect(object["test_loss"] is NSNull)
  }

  @Test func compareWritesNothingWhenARunFails() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kfopt-bad-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let run = try KFOptProcess.run([
      "compare", "--optimizers", "adam,sgd:lr=-1", "--model", "softmax", "--data", "iris", "--epochs", "1", "--out", directory,
    ])
    #expect(run.status == 64 && run.standardError.contains("--lr"))
    #expect(!FileManager.default.fileExists(atPath: directory))
  }
}
