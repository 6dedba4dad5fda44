import ArgumentParser
import Foundation
import Models
import Optimizers
import Training

/// `kfopt trace`: one optimizer on an analytic objective, the whole trajectory in float64.
struct TraceCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "trace",
    abstract: "Run one optimizer on an analytic objective and print its trajectory (float64).",
    discussion: """
      The answer to "does it match torch?": the same optimizer, hyperparameters and start give \
      the trajectory PyTorch (or the reference code) prints, to round-off.

      Examples:
        kfopt trace --objective rosenbrock --start -1.2,1 --optimizer adam --lr 0.05 --steps 200
        kfopt trace --objective quadratic --quadratic-file q.json --start 0,0 --optimizer adabayes --lr 0.02 --lr-sgd 0.002
      """)

  enum ObjectiveName: String, ExpressibleByArgument, CaseIterable { case rosenbrock, quadratic }
  enum Format: String, ExpressibleByArgument, CaseIterable { case csv, json }

  @Option(help: "The objective: rosenbrock (n-dimensional, chained) or quadratic (½xᵀAx − bᵀx from --quadratic-file).")
  var objective: ObjectiveName
  @Option(parsing: .unconditional, help: "Start point, comma-separated (its length sets the dimension).") var start: String
  @Option(name: .customLong("quadratic-file"), help: "JSON file {\"A\": [[…]], \"b\": […]} for --objective quadratic.")
  var quadraticFile: String?
  @OptionGroup var optimizerOptions: OptimizerOptions
  @Option(name: .customLong("batch-size"), help: "B for AdaBayes' summed-loss scale (1: the objective is one item's loss).")
  var batchSize: Int = 1
  @Option(help: "Number of steps T.") var steps: Int = 100
  @Option(help: "csv (header step,x0,x1,…; rows 0…T at %.17g) or json (with the losses).") var format: Format = .csv

  func validate() throws {
    guard steps >= 0 else { throw ValidationError("--steps must be ≥ 0, got \(steps)") }
    guard batchSize >= 1 else { throw ValidationError("--batch-size must be ≥ 1, got \(batchSize)") }
    if objective == .quadratic, quadraticFile == nil { throw ValidationError("--objective quadratic needs --quadratic-file") }
    if objective == .rosenbrock, quadraticFile != nil { throw ValidationError("--quadratic-file applies to --objective quadratic only") }
  }

  func run() throws {
    try reportingErrors {
      let x0 = try parseStart()
      let kind = try optimizerOptions.kind()
      try checkMemory(dimension: x0.count, fullCovariance: kind == .kalman || kind == .rls)
      let settings = try optimizerOptions.settings(batchSize: batchSize)
      switch objective {
      case .rosenbrock:
        guard x0.count >= 2 else { throw ValidationError("--start needs at least 2 coordinates for rosenbrock") }
        try trace(Rosenbrock<Double>(dimension: x0.count), x0, kind, settings)
      case .quadratic:
        let quadratic = try Quadratic<Double>.load(path: quadraticFile ?? "")
        guard quadratic.parameterCount == x0.count else {
          throw ValidationError("--start has \(x0.count) coordinates, the quadratic in \(quadraticFile ?? "") has \(quadratic.parameterCount)")
        }
        try trace(quadratic, x0, kind, settings)
      }
    }
  }

  /// The trajectory is kept until the run ends (so a failed run prints
  /// nothing): refuses one that would not fit in half this machine's memory,
  /// at 8 bytes a coordinate and a loss, plus an array header, per step; and
  /// a full-covariance filter whose n × n covariance would not.
  private func checkMemory(dimension: Int, fullCovariance: Bool) throws {
    let machine = "more than half of this machine's \(MemoryBudget.machine)"
    // (steps + 1) rows of 8·d + 72 bytes, as a sum of products that cannot overflow unseen.
    let trajectory = MemoryBudget.bytes([[steps, dimension, 8], [steps, 72], [dimension, 8], [72]])
    if !MemoryBudget.fits(trajectory, share: 0.5) {
      throw ValidationError(
        "--steps \(steps): the trajectory of \(dimension) coordinates is kept in memory until the run ends, \(MemoryBudget.describe(trajectory)), \(machine)")
    }
    let covariance = MemoryBudget.bytes([[dimension, dimension, 8]])
    if fullCovariance && !MemoryBudget.fits(covariance, share: 0.5) {
      throw ValidationError(
        "--start: the \(dimension) × \(dimension) covariance of --optimizer \(optimizerOptions.optimizer) needs \(MemoryBudget.describe(covariance)), \(machine)")
    }
  }

  private func parseStart() throws -> [Double] {
    let parts = start.split(separator: ",", omittingEmptySubsequences: false)
    return try parts.enumerated().map { index, text in
      guard let x = Double(text.trimmingCharacters(in: .whitespaces)), x.isFinite else {
        throw ValidationError("--start: coordinate \(index) ('\(text)') is not a finite number")
      }
      return x
    }
  }

  private func trace<O: Objective>(_ objective: O, _ x0: [Double], _ kind: OptimizerKind, _ settings: OptimizerSettings) throws
  where O.Scalar == Double {
    var objective = objective
    var optimizer = try kind.make(settings, parameters: x0)
    var gradient = [Double](repeating: 0, count: x0.count)
    var path: [[Double]] = [x0]
    var losses: [Double] = []
    for _ in 0..<steps {
      losses.append(objective.loss(at: optimizer.parameters, batch: 0..<1, gradient: &gradient))
      try optimizer.step(gradient: gradient)
      path.append(optimizer.parameters)
    }
    losses.append(objective.loss(at: optimizer.parameters, batch: 0..<1, gradient: &gradient))
    switch format {
    case .csv:
      print((["step"] + x0.indices.map { "x\($0)" }).joined(separator: ","))
      for (t, x) in path.enumerated() {
        print(([String(t)] + x.map(Self.full)).joined(separator: ","))
      }
    case .json:
      let object: [String: Any] = [
        "optimizer": kind.rawValue, "objective": self.objective.rawValue, "steps": steps,
        "trajectory": path, "losses": losses,
      ]
      let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
      print(String(decoding: data, as: UTF8.self))
    }
  }

  /// %.17g: enough digits to read back the same float64.
  static func full(_ x: Double) -> String { String(format: "%.17g", x) }
}
