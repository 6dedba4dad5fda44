import Foundation
import Optimizers
import TestSupport
import Testing

/// `kfopt bench` as a script would run it: JSON lines with the documented keys.
@Suite("kfopt bench", .tags(.endToEnd))
struct BenchCommandTests {
  @Test("--json prints one object per optimizer with name, ns_per_param and roofline_fraction")
  func jsonRows() throws {
    let result = try KFOptProcess.run([
      "bench", "--suite", "optimizers", "--only", "sgd,adam,adabayes", "--params", "300000", "--repetitions", "2", "--json",
    ])
    #expect(result.status == 0, "\(result.standardError)")
    let rows = try result.standardOutput.split(separator: "\n").map { line in
      try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }
    #expect(rows.compactMap { $0["name"] as? String } == ["sgd/f32", "adam/f32", "adabayes/f32"])
    for row in rows {
      let nanoseconds = try #require(row["ns_per_param"] as? Double)
      let fraction = try #require(row["roofline_fraction"] as? Double)
      #expect(nanoseconds > 0 && nanoseconds.isFinite)
      #expect(fraction > 0 && fraction.isFinite)
    }
    #expect(rows.map { $0["bytes_per_param"] as? Int } == [12, 28, 36])
    // Every row names how the kernels were compiled: this package's own build, as kfopt is.
    #expect(rows.map { $0["build"] as? String } == Array(repeating: KernelBuild.current.rawValue, count: 3))
    // The default policy scans the gradient: each row is also measured against the roofline with that read.
    for row in rows {
      let scanFraction = try #require(row["scan_roofline_fraction"] as? Double)
      #expect(scanFraction > 0 && scanFraction.isFinite)
    }
  }

  @Test("the table opens with the build of the kernels, then the header and a row")
  func tableNamesTheBuild() throws {
    let result = try KFOptProcess.run(["bench", "--suite", "optimizers", "--only", "sgd", "--params", "300000", "--repetitions", "2"])
    #expect(result.status == 0, "\(result.standardError)")
    let lines = result.standardOutput.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    #expect(lines.first == KernelBuild.current.summary)
    #expect(lines.count == 4 && lines[1].hasPrefix("| benchmark |") && lines[3].hasPrefix("| sgd/f32 |"))
  }

  @Test("under --nonfinite-gradients propagate there is no scan, and scan_roofline_fraction is null")
  func propagateHasNoScanReference() throws {
    let result = try KFOptProcess.run([
      "bench", "--suite", "optimizers", "--only", "adam", "--params", "300000", "--repetitions", "2", "--json",
      "--nonfinite-gradients", "propagate",
    ])
    #expect(result.status == 0, "\(result.standardError)")
    let row = try #require(JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
    #expect(row["scan_roofline_fraction"] is NSNull)
    #expect((row["roofline_fraction"] as? Double).map { $0 > 0 } == true)
  }

  @Test("a bad option is a usage error naming it")
  func badOptions() throws {
    let unknown = try KFOptProcess.run(["bench", "--only", "adamm"])
    #expect(unknown.status == 64)
    #expect(unknown.standardError.contains("adamm"))
    let zero = try KFOptProcess.run(["bench", "--params", "0"])
    #expect(zero.status == 64)
    #expect(zero.standardError.contains("--params"))
  }
}
