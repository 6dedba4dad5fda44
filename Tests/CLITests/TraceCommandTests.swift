import Foundation
import Optimizers
import TestSupport
import Testing

/// The `kfopt trace` command line that reproduces a fixture's run.
private func traceArguments(_ fixture: OptimizerFixture, quadraticFile: String?) throws -> [String] {
  var args = [
    "trace", "--objective", fixture.objective.name == "quad10" ? "quadratic" : "rosenbrock",
    "--start=" + fixture.x0.map { "\($0)" }.joined(separator: ","), "--steps", "\(fixture.T)",
    "--optimizer", try fixture.registryEntry().0.rawValue,
  ]
  if let quadraticFile { args += ["--quadratic-file", quadraticFile] }
  for (keyword, value) in fixture.optimizer.kwargs.sorted(by: { $0.key < $1.key }) {
    if keyword == "foreach" || (fixture.optimizer.name == "AdaBayes" && keyword == "eps") { continue }
    if keyword == "betas", let b = value.numbers {
      args += ["--beta1", "\(b[0])", "--beta2", "\(b[1])"]
      continue
    }
    let h = try #require(Hyperparameter(keyword: keyword), "no flag for \(keyword)")
    switch value {
    case .bool(let flag): args.append(flag ? "--\(h.rawValue)" : "--no-\(h.rawValue)")
    case .number(let x): args += ["--\(h.rawValue)", h.valueKind == .integer ? "\(Int(x))" : "\(x)"]
    default: Issue.record("unexpected keyword value \(value)")
    }
  }
  return args
}

@Suite("kfopt trace reproduces the reference trajectories", .tags(.endToEnd))
struct TraceCommandTests {
  static let cases = OptimizerFixture.all.filter { !$0.hasSuffix("diabetes_ls") }

  @Test(arguments: cases)
  func closedLoopTrajectoryMatchesTheFixture(id: String) throws {
    let fixture = try OptimizerFixture.load(id)
    var quadraticFile: String?
    if let a = fixture.objective.A, let b = fixture.objective.b {
      let path = FileManager.default.temporaryDirectory.appendingPathComponent("kfopt-\(id)-\(UUID().uuidString).json").path
      let data = try JSONSerialization.data(withJSONObject: ["A": a, "b": b])
      try data.write(to: URL(fileURLWithPath: path))
      quadraticFile = path
    }
    defer { if let quadraticFile { try? FileManager.default.removeItem(atPath: quadraticFile) } }
    let result = try KFOptProcess.run(try traceArguments(fixture, quadraticFile: quadraticFile))
    #expect(result.status == 0, "\(result.standardError)")
    let lines = result.standardOutput.split(separator: "\n")
    #expect(lines.first == Substring((["step"] + fixture.x0.indices.map { "x\($0)" }).joined(separator: ",")))
    #expect(lines.count == fixture.T + 2)
    // Closed loop (our own gradient): the fixtures' README measured ≤ 4.8e-14
    // between independent implementations, so 1e-12 relative.
    var worst = 0.0
    for (t, line) in lines.dropFirst().enumerated() {
      let fields = line.split(separator: ",").map { Double($0) ?? .nan }
      for (i, reference) in fixture.trajectory[t].enumerated() {
        worst = max(worst, abs(fields[i + 1] - reference) / max(1, abs(reference)))
      }
    }
    #expect(worst <= 1e-12, "\(id): \(worst)")
  }

  @Test func badFlagsAreUsageErrorsNamingTheFlag() throws {
    let wrong = try KFOptProcess.run(["trace", "--objective", "rosenbrock", "--start=-1.2,1", "--optimizer", "adam", "--momentum", "0.9"])
    #expect(wrong.status == 64 && wrong.standardError.contains("--momentum does not apply to adam"))
    let unknown = try KFOptProcess.run(["trace", "--objective", "rosenbrock", "--start=0,0", "--optimizer", "adamm"])
    #expect(unknown.status == 64 && unknown.standardError.contains("unknown optimizer 'adamm'"))
    let start = try KFOptProcess.run(["trace", "--objective", "rosenbrock", "--start=0,x"])
    #expect(start.status == 64 && start.standardError.contains("coordinate 1"))
    let missing = try KFOptProcess.run(["trace", "--objective", "quadratic", "--start=0,0", "--quadratic-file", "/nonexistent/q.json"])
    #expect(missing.status == 74 && missing.standardError.contains("/nonexistent/q.json"))
  }

  @Test func versionAndHelp() throws {
    let version = try KFOptProcess.run(["--version"])
    #expect(version.status == 0 && !version.standardOutput.isEmpty)
    let help = try KFOptProcess.run(["--help"])
    #expect(help.status == 0 && help.standardOutput.contains("trace") && help.standardOutput.contains("optimizers"))
    let list = try KFOptProcess.run(["optimizers", "--json"])
    #expect(list.status == 0 && list.standardOutput.split(separator: "\n").count == OptimizerKind.allCases.count)
  }
}
