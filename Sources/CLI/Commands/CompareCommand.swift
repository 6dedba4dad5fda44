import ArgumentParser
import FileOutput
import Foundation
import Optimizers
import Plotting
import Training

/// `kfopt compare`: several optimizers on one task, a table and learning curves.
struct CompareCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "compare",
    abstract: "Train the same model on the same data with several optimizers; write a table and learning curves.",
    discussion: """
      Each optimizer may carry its hyperparameters, separated by colons, with the flag names of \
      `kfopt train` (see `kfopt optimizers`), and `epochs=N` to override --epochs for that run (e.g. \
      one Bayesian pass for kalman). Every run uses the same seed, so the same initial weights and \
      the same batches.

      Examples:
        kfopt compare --optimizers adam:lr=1e-3,adabayes:lr=1e-3:lr-sgd=0.1 --model mlp:784-400-400-10 --data mnist5k --epochs 5 --out out/demo
        kfopt compare --optimizers sgd:lr=0.1:momentum=0.9,adabayes:lr-sgd=0.1:heavy-ball-momentum=0.9 --model mlp:784-400-400-10 --data mnist5k --out out/hb

      Writes DIR/summary.md, DIR/summary.csv, DIR/curves/<optimizer>.csv and the learning curves \
      DIR/learning-curves.svg (and .png when rsvg-convert is installed), all atomically.
      """)

  @Option(help: "Comma-separated optimizers, each NAME[:flag=value…], e.g. sgd:lr=0.1:momentum=0.9,adam:lr=1e-3.")
  var optimizers: String
  @OptionGroup var runOptions: RunOptions
  @Option(help: "Directory for summary.md, summary.csv and curves/.") var out: String

  func validate() throws {
    // An empty name would put summary.md, summary.csv and curves/ at the root.
    guard !out.isEmpty else { throw ValidationError("--out must name a directory, got ''") }
  }
  @Flag(help: "JSON lines (with an \"optimizer\" key) instead of text.") var json = false
  @Flag(help: "Also report test NLL and expected calibration error, with and without each optimizer's weight posterior.")
  var calibration = false

  func run() throws {
    try reportingErrors {
      try runOptions.applyThreads()
      let specs = try Self.parse(optimizers)
      var entries: [ComparisonReport.Entry] = []
      // Validate every spec before the first run, so a typo does not cost a run.
      let plans = try specs.map { spec in
        var plan = try runOptions.plan(optimizer: spec.kind, settings: spec.settings)
        if let epochs = spec.epochs { plan.epochs = epochs }
        return (spec.label, plan)
      }
      for (_, plan) in plans { try plan.validate() }
      for (label, plan) in plans {
        let result: TrainingResult
        do {
          switch plan.precision {
          case .float32: result = try train(Float.self, plan, label: label)
          case .float64: result = try train(Double.self, plan, label: label)
          }
        } catch TrainingError.numerical(let message) {
          // Name the run that diverged, among several.
          throw TrainingError.numerical("\(label): \(message)")
        }
        entries.append(ComparisonReport.Entry(label: label, result: result))
      }
      let report = ComparisonReport(entries: entries)
      try write(report)
      if !json {
        print("")
        print(report.markdown, terminator: "")
        print("wrote \(out)/summary.md, \(out)/summary.csv, \(out)/curves/, \(out)/learning-curves.svg")
      }
    }
  }

  private func train<Scalar: OptimizerScalar>(_: Scalar.Type, _ initialPlan: TrainingPlan, label: String) throws -> TrainingResult {
    var plan = initialPlan
    let data = try PreparedData<Scalar>.load(plan.data, seed: plan.seed, holdOutValidation: plan.earlyStoppingPatience != nil)
    plan.schedule = try runOptions.learningRateSchedule(stepsPerEpoch: plan.batchesPerEpoch(count: data.train.count))
    var trainer = try Trainer<Scalar>(plan: plan, data: data)
    if json {
      var observer = JSONLinesObserver(context: ["optimizer": label])
      return try trainer.run(observer: &observer, calibrate: calibration)
    }
    var observer = TextObserver(label: label)
    return try trainer.run(observer: &observer, calibrate: calibration)
  }

  private func write(_ report: ComparisonReport) throws {
    let curves = out + "/curves"
    try OutputDirectory.create(curves)
    try AtomicFile.write(report.markdown, to: out + "/summary.md")
    try AtomicFile.write(report.csv, to: out + "/summary.csv")
    for entry in report.entries {
      try AtomicFile.write(ComparisonReport.curve(entry.result), to: curves + "/" + ComparisonReport.fileName(entry.label) + ".csv")
    }
    let figure = Figures.learningCurves(report, title: "\(runOptions.model) on \(runOptions.data)").svg()
    try SVGFile.write(figure, to: out + "/learning-curves.svg")
    if PNGRenderer.isAvailable {
      try PNGRenderer.render(svg: figure, to: out + "/learning-curves.png")
    } else if !json {
      print("no PNG: rsvg-convert is missing (apt-get install librsvg2-bin, or make deps); the SVG is at \(out)/learning-curves.svg")
    }
  }

  /// One `NAME[:flag=value…]` item.
  struct OptimizerSpec {
    var label: String
    var kind: OptimizerKind
    var settings: OptimizerSettings
    var epochs: Int?
  }

  /// Parses the `--optimizers` list.
  static func parse(_ text: String) throws -> [OptimizerSpec] {
    let items = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    guard !items.isEmpty else { throw ValidationError("--optimizers needs at least one optimizer") }
    var seen = Set<String>()
    return try items.map { item in
      guard seen.insert(item).inserted else { throw ValidationError("--optimizers lists '\(item)' twice") }
      let parts = item.split(separator: ":").map(String.init)
      let kind = try OptimizerKind(name: parts[0])
      var settings = OptimizerSettings()
      var epochs: Int?
      for assignment in parts.dropFirst() {
        let pair = assignment.split(separator: "=", maxSplits: 1).map(String.init)
        if pair.count == 2, pair[0] == "epochs" {
          guard let e = Int(pair[1]), e >= 1 else { throw ValidationError("--optimizers \(item): epochs must be a whole number ≥ 1") }
          epochs = e
          continue
        }
        guard pair.count == 2, let h = Hyperparameter(keyword: pair[0]) else {
          throw ValidationError("--optimizers \(item): '\(assignment)' is not flag=value with a hyperparameter flag (see kfopt optimizers)")
        }
        try settings.set(h, parsing: pair[1])
      }
      _ = try kind.resolve(settings)
      return OptimizerSpec(label: item, kind: kind, settings: settings, epochs: epochs)
    }
  }
}
