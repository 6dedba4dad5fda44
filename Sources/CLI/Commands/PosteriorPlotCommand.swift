import ArgumentParser
import FileOutput
import Foundation
import Models
import Optimizers
import Plotting
import Training

/// `kfopt plot posterior`: the paper's Fig. 3 from a real training run.
struct PosteriorPlotCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "posterior",
    abstract: "Train with AdaBayes and plot every parameter's σ²_post against η/√⟨g²⟩ with Eq. 20 and both limits.",
    discussion: """
      ⟨g²⟩ is the bias-corrected β₂ average of the squared summed-loss gradient. The summary gives \
      the fraction of points within 5 % and 10 % of Eq. 20, over all points and over the informative \
      ones (u = x/σ² ≤ 10), and how many fall in each regime.

      Examples:
        kfopt plot posterior --png out/fig3.png
        kfopt plot posterior --lr-sgd 0.1 --heavy-ball-momentum 0.9 --epochs 20 --out out/fig3-hb.svg
        kfopt plot posterior --curve-only --out out/eq20.svg
      """)

  @Option(help: "The model.") var model = "mlp:784-400-400-10"
  @Option(help: "The data.") var data = "mnist5k"
  @Option(help: "adabayes or adabayes-fp.") var optimizer = "adabayes"
  @Option(name: .customLong("lr"), help: "η, the Adam-like rate.") var learningRate = 1e-3
  @Option(name: .customLong("lr-sgd"), help: "η_SGD; σ² = η_SGD/B.") var sgdLearningRate = 0.1
  @Option(name: .customLong("heavy-ball-momentum"), help: "Read --lr-sgd as a heavy-ball SGD rate with this momentum.") var heavyBallMomentum = 0.0
  @Option(name: .customLong("weight-decay"), help: "λ (weight_drift).") var weightDecay = 5e-5
  @Option(help: "reference or paper.") var variant = "reference"
  @Option(name: .customLong("batch-size"), help: "B.") var batchSize = 100
  @Option(help: "Training epochs.") var epochs = 5
  @Option(help: "Seed.") var seed: UInt64 = 0
  @Option(help: "Plot a random sample of K parameters (all by default).") var sample: Int?
  @Option(help: "SVG output.") var out = "out/fig3.svg"
  @Option(help: "Also write a PNG (needs rsvg-convert from librsvg2-bin).") var png: String?
  @Option(help: "Write the points as CSV (eta_over_rms_g,sigma2_post,index,layer,kind).") var csv: String?
  @Flag(name: .customLong("curve-only"), help: "Draw the analytic curve and limits only, without training.") var curveOnly = false

  func validate() throws {
    guard ["adabayes", "adabayes-fp"].contains(optimizer) else { throw ValidationError("--optimizer must be adabayes or adabayes-fp, got '\(optimizer)'") }
    if let sample, sample < 1 { throw ValidationError("--sample must be ≥ 1") }
    for (flag, path) in [("--out", out), ("--csv", csv), ("--png", png)] {
      guard let path else { continue }
      // The last component names the file: not empty, not "." or "..", not a trailing "/".
      let last = path.split(separator: "/", omittingEmptySubsequences: false).last ?? ""
      if last.isEmpty || last == "." || last == ".." {
        throw ValidationError("\(flag) must name a file, got '\(path)'")
      }
    }
    let paths = [out, csv, png].compactMap { $0 }
    if Set(paths).count < paths.count {
      throw ValidationError("--out, --csv and --png must name different files, got \(paths.map { "'\($0)'" }.joined(separator: ", "))")
    }
    guard epochs >= 1, batchSize >= 1 else { throw ValidationError("--epochs and --batch-size must be ≥ 1") }
    do {
      _ = try ModelSpec(parsing: model)
    } catch {
      throw ValidationError("--model \(model): \(error.description)")
    }
  }

  func run() throws {
    try reportingErrors {
      // The hyperparameters checked as `train` checks them, before they are used.
      _ = try OptimizerKind(name: optimizer).resolve(try settings(batchSize: batchSize))
      let sgd = AdaBayesPrior.sgdLearningRate(matchingHeavyBall: sgdLearningRate, momentum: heavyBallMomentum)
      let sigma2 = AdaBayesPrior.variance(sgdLearningRate: sgd, batchSize: batchSize)
      var scatter = PosteriorScatter(learningRate: learningRate, priorVariance: sigma2, points: [], zeroGradientCount: 0)
      var title = "Eq. 20: σ²_post against η/√⟨g²⟩ (η = \(short(learningRate)), σ² = \(short(sigma2)))"
      if !curveOnly {
        scatter = try trained(sigma2: sigma2)
        title = "\(optimizer == "adabayes" ? "AdaBayes" : "AdaBayes-FP"): σ²_post against η/√⟨g²⟩ (\(data), \(epochs) epochs)"
        report(scatter)
      }
      let drawn = sample.map { scatter.sample($0, seed: seed) } ?? scatter
      let svg = Figures.posterior(drawn, title: title).svg()
      // Every output's folder first, so a bad one leaves no other file behind.
      for path in [out, csv, png].compactMap({ $0 }) { try createParent(of: path) }
      try SVGFile.write(svg, to: out)
      print("wrote \(out)")
      if let csv {
        try AtomicFile.write(scatter.csv, to: csv)
        print("wrote \(csv) (\(scatter.points.count) points)")
      }
      if let png {
        do {
          try PNGRenderer.render(svg: svg, to: png)
          print("wrote \(png)")
        } catch let error as PlotError where error == .rendererMissing {
          FileHandle.standardError.write(Data("kfopt: no PNG: \(error.description); the SVG is at \(out)\n".utf8))
        }
      }
    }
  }

  /// Trains the model and reads the scatter from the optimizer's state.
  /// The optimizer flags as settings; with `batchSize`, as a run resolves them.
  private func settings(batchSize: Int? = nil) throws -> OptimizerSettings {
    var settings = OptimizerSettings()
    try settings.set(.learningRate, .real(learningRate))
    try settings.set(.sgdLearningRate, .real(sgdLearningRate))
    try settings.set(.heavyBallMomentum, .real(heavyBallMomentum))
    try settings.set(.weightDecay, .real(weightDecay))
    try settings.set(.variant, parsing: variant)
    if let batchSize { try settings.set(.batchSize, .integer(batchSize)) }
    return settings
  }

  private func trained(sigma2: Double) throws -> PosteriorScatter {
    let settings = try settings()
    let kind = try OptimizerKind(name: optimizer)
    let plan = TrainingPlan(model: try ModelSpec(parsing: model), data: DataSource(data), optimizer: kind, settings: settings, epochs: epochs, batchSize: batchSize, seed: seed)
    let prepared = try PreparedData<Float>.load(plan.data, seed: seed)
    var trainer = try Trainer<Float>(plan: plan, data: prepared)
    var observer = TextObserver()
    _ = try trainer.run(observer: &observer)
    guard let scatter = PosteriorScatter(optimizer: trainer.optimizer, model: trainer.model, learningRate: learningRate, priorVariance: sigma2) else {
      throw ValidationError("\(optimizer) keeps no posterior variances")
    }
    return scatter
  }

  /// The agreement with Eq. 20 and the regime counts, per layer too.
  private func report(_ scatter: PosteriorScatter) {
    let all = scatter.agreement(informativeOnly: false), informative = scatter.agreement(informativeOnly: true)
    let regimes = scatter.regimeCounts
    print("σ² = \(short(scatter.priorVariance)), η = \(short(scatter.learningRate)); \(scatter.points.count + scatter.zeroGradientCount) parameters, \(scatter.zeroGradientCount) with a gradient that was zero at every step")
    print("regimes: Adam (u < 0.1) \(regimes.adam), transition (0.1 ≤ u ≤ 10) \(regimes.transition), SGD (u > 10) \(regimes.sgd); smallest u = \(short(scatter.smallestU))")
    print(String(format: "within 5 %% / 10 %% of Eq. 20: all %.2f %% / %.2f %% (n = %d); informative (u ≤ 10) %.2f %% / %.2f %% (n = %d)",
      100 * all.within5Percent, 100 * all.within10Percent, all.count, 100 * informative.within5Percent, 100 * informative.within10Percent, informative.count))
    let layers = scatter.layerAgreements.map { name, a in
      String(format: "%@ %.1f %%/%.1f %% (n=%d)", name, 100 * a.within5Percent, 100 * a.within10Percent, a.count)
    }
    print("per layer (≤5 %/≤10 %, g ≠ 0): " + layers.joined(separator: ", "))
  }

  private func createParent(of path: String) throws {
    let directory = (path as NSString).deletingLastPathComponent
    guard !directory.isEmpty else { return }
    try OutputDirectory.create(directory)
  }

  private func short(_ x: Double) -> String { String(format: "%.3g", x) }
}
