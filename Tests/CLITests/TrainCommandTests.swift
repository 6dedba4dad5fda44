import Foundation
import TestSupport
import Testing

private func scratch() -> String {
  let path = FileManager.default.temporaryDirectory.appendingPathComponent("kfopt-cli-\(UUID().uuidString)").path
  try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  return path
}

private func jsonLines(_ text: String) -> [[String: Any]] {
  text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
}

@Suite("kfopt train and compare", .tags(.endToEnd))
struct TrainCommandTests {
  @Test func jsonLinesCarryTheDocumentedKeys() throws {
    let run = try KFOptProcess.run(["train", "--model", "softmax", "--data", "iris", "--optimizer", "adam", "--lr", "0.05", "--epochs", "3", "--json"])
    #expect(run.status == 0, "\(run.standardError)")
    let lines = jsonLines(run.standardOutput)
    #expect(lines.count == 4)
    for (i, line) in lines.enumerated() {
      for key in ["epoch", "train_loss", "test_loss", "test_accuracy"] { #expect(line[key] != nil, "line \(i) lacks \(key)") }
    }
    #expect(lines.last?["final"] as? Bool == true && lines.last?["epoch"] as? Int == 3)

    let regression = try KFOptProcess.run(["train", "--model", "linear", "--data", "diabetes", "--optimizer", "sgd", "--lr", "0.05", "--epochs", "2", "--json"])
    #expect(regression.status == 0, "\(regression.standardError)")
    let final = try #require(jsonLines(regression.standardOutput).last)
    #expect(final["test_rmse"] != nil && final["test_nll"] != nil && final["final"] as? Bool == true)
  }

  @Test func checkpointAndResumeFromTheCommandLine() throws {
    let directory = scratch()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let common = ["train", "--model", "mlp:4-8-3", "--data", "iris", "--optimizer", "adabayes", "--lr", "0.01", "--json", "--checkpoint", directory]
    let full = try KFOptProcess.run(common.filter { $0 != "--checkpoint" && $0 != directory } + ["--epochs", "4"])
    _ = try KFOptProcess.run(common + ["--epochs", "2"])
    let resumed = try KFOptProcess.run(common + ["--epochs", "4", "--resume"])
    #expect(resumed.status == 0, "\(resumed.standardError)")
    // The resumed run's epochs 3–4 and final line equal the uninterrupted run's.
    let a = jsonLines(full.standardOutput), b = jsonLines(resumed.standardOutput)
    #expect(b.count == 3)
    #expect(a.suffix(3).map { $0["test_loss"] as? Double } == b.map { $0["test_loss"] as? Double })
  }

  @Test func compareWritesTheTableAndCurves() throws {
    let directory = scratch()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let out = directory + "/out"
    let run = try KFOptProcess.run([
      "compare", "--optimizers", "sgd:lr=0.1:momentum=0.9,adam:lr=0.01,adabayes-fp:lr=0.01", "--model", "softmax", "--data", "wine",
      "--epochs", "3", "--out", out,
    ])
    #expect(run.status == 0, "\(run.standardError)")
    let summary = try String(contentsOfFile: out + "/summary.md", encoding: .utf8)
    for label in ["sgd:lr=0.1:momentum=0.9", "adam:lr=0.01", "adabayes-fp:lr=0.01"] { #expect(summary.contains(label)) }
    let csv = try String(contentsOfFile: out + "/summary.csv", encoding: .utf8)
    #expect(csv.split(separator: "\n").count == 4)
    let svg = try String(contentsOfFile: out + "/learning-curves.svg", encoding: .utf8)
    #expect(svg.hasPrefix("<?xml") || svg.hasPrefix("<svg"))
    for label in ["sgd:lr=0.1:momentum=0.9", "adam:lr=0.01"] { #expect(svg.contains(label)) }
    let curves = try FileManager.default.contentsOfDirectory(atPath: out + "/curves").sorted()
    #expect(curves == ["adabayes-fp_lr_0.01.csv", "adam_lr_0.01.csv", "sgd_lr_0.1_momentum_0.9.csv"])
    let curve = try String(contentsOfFile: out + "/curves/adam_lr_0.01.csv", encoding: .utf8)
    #expect(curve.hasPrefix("epoch,steps,lr,train_loss,train_accuracy,test_loss,test_accuracy") && curve.split(separator: "\n").count == 4)
  }
}
