// AdaBayesFixedPoint — the AdaBayes paper's Fig. 3 on a real MLP.
//
// Question: does each parameter's AdaBayes learning rate σ²_post sit on the
// fixed point of Eq. 20, between the SGD plateau σ² and the Adam line
// η/√⟨g²⟩, and how long does it take to get there?
//
// Claims (measured, full mode, seed 0; see the summary for every number):
// 1. At the paper's σ² = η_SGD/B = 1e-3, after 20 epochs 99.26 % of all
//    478 410 parameters lie within 5 % of Eq. 20 (99.85 % within 10 %;
//    PyTorch: 99.33 % / 99.89 %), and 97.5 % of the 142 158 informative ones
//    (u ≤ 10; 87.7 % after 5 epochs). None reaches the Adam regime: the
//    smallest u is 0.33.
// 2. At σ² = 1e-2 (η_SGD = 1.0) only 58.8 % are within 5 % after 20 epochs
//    (PyTorch: 56.5 %); near the knee σ²_post sits up to 1.57× (95th
//    percentile) above Eq. 20. This is a transient: every σ²_post starts at
//    σ² and relaxes over τ = 1/(η²(2/s* − 1/σ²)) steps, thousands here, and
//    the band medians fall like a constant-gradient filter at the same u.
// 3. The optimizer fed synthetic constant-|g| gradients converges to the
//    exact fixed point of its own recursion (SteadyState.exactPosteriorVariance
//    with the optimizer's OU transition) from above, inside the concavity
//    bound ρᵗ(σ² − s*)/s*: y/s* = 1.0000 at 5000 steps for u = 0.01…100
//    (largest gap 2.5e-4, at u = 2–3, where τ ≈ 700–830 steps). Eq. 20 is the
//    small-step approximation, high by 5.10 %, 1.66 %, 0.48 % at u = 0.01,
//    0.03, 0.1 (the bench: 1.0510, 1.0166, 1.0048); at σ² = 1e-3 the MLP
//    never gets below u = 0.3, where the gap is 0.14 %.
//
// Run:  swift run -c release AdaBayesFixedPoint [--quick] [--seed N] [--out DIR]
// Time (release build, 2 cores): full ≈ 20 s; --quick ≈ 4 s.
import Experiments
import Filtering
import Foundation
import Optimizers
import Plotting
import Training

NotebookRunner.run("AdaBayesFixedPoint") { notebook in
  // MARK: - 1. Setup

  let quick = notebook.isQuick
  let seed = notebook.options.seed
  let epochs = quick ? 3 : 20
  let snapshots = quick ? [1, 3] : [1, 5, 10, 20]
  let setup = TrainingSetup.mnist5k(epochs: epochs)
  let paper = FixedPointExperiment(setup: setup, sgdLearningRate: 0.1, snapshotEpochs: snapshots)
  let heavyBall = FixedPointExperiment(setup: setup, sgdLearningRate: 1.0, snapshotEpochs: snapshots)

  notebook.heading("AdaBayesFixedPoint: σ²_post against Eq. 20 on the mnist5k MLP", level: 1)
  notebook.paragraph(
    """
    AdaBayes (LaurenceA/adabayes semantics) trains \(setup.description) with η = 1e-3 and seed \(seed). \
    Every parameter's learning rate is its posterior variance σ²_post; the paper's Fig. 3 plots it against \
    the Adam rate x = η/√⟨g²⟩ (⟨g²⟩: the bias-corrected β₂ average of the squared summed-loss gradient) \
    and Eq. 20 predicts y = σ²·f(u), f(u) = 2u/(u + √(u² + 4)), u = x/σ². "Informative" points have \
    u ≤ 10: there Eq. 20 is more than 1 % below σ², so agreement is not automatic.\(quick ? " **Quick mode**: \(epochs) epochs, fewer synthetic steps." : "")
    """)

  // MARK: - 2. Fig. 3 with the paper's σ² = η_SGD/B = 1e-3

  func snapshotTable(_ run: FixedPointRun) -> MarkdownTable {
    var table = MarkdownTable([
      "epoch (steps)", "all ≤5 %", "all ≤10 %", "g≠0 ≤5 %", "g≠0 ≤10 %", "zero-g", "Adam u<0.1", "0.1≤u≤10", "SGD u>10",
      "u≤10: ≤5 %, ≤10 %", "y/Eq.20 median [p05, p95]", "min x (min u)",
    ])
    for snapshot in run.snapshots {
      let s = snapshot.summary
      table.append([
        "\(snapshot.epoch) (\(snapshot.steps))", Formatting.percent(s.all.within5Percent), Formatting.percent(s.all.within10Percent),
        Formatting.percent(s.nonzero.within5Percent), Formatting.percent(s.nonzero.within10Percent), "\(s.zeroGradientCount)",
        "\(s.regimes.adam)", "\(s.regimes.transition)", "\(s.regimes.sgd)",
        "\(Formatting.percent(s.informative.within5Percent, 1)) %, \(Formatting.percent(s.informative.within10Percent, 1)) %",
        "\(Formatting.fixed(s.ratioMedian, 4)) [\(Formatting.fixed(s.ratioLow, 4)), \(Formatting.fixed(s.ratioHigh, 4))]",
        "\(Formatting.scientific(s.smallestX)) (\(Formatting.fixed(s.smallestU, 3)))",
      ])
    }
    return table
  }

  func layerTable(_ snapshot: PosteriorSnapshot) -> MarkdownTable {
    let layers = snapshot.summary.layers
    var table = MarkdownTable(["", ] + layers.map(\.name))
    table.append(["≤5 % / ≤10 %"] + layers.map { "\(Formatting.percent($0.agreement.within5Percent, 1)) / \(Formatting.percent($0.agreement.within10Percent, 1))" })
    table.append(["n (g ≠ 0)"] + layers.map { "\($0.agreement.count)" })
    return table
  }

  func benchText(_ bench: [Int: (within5: Double, within10: Double)], epochs: [Int]) -> String {
    epochs.compactMap { e in bench[e].map { "epoch \(e): \(Formatting.percent($0.within5, 1)) % / \(Formatting.percent($0.within10, 1)) %" } }
      .joined(separator: "; ")
  }

  func scatterFigure(_ run: FixedPointRun, name: String) throws {
    guard let last = run.snapshots.last else { return }
    // All of layer 3 and 8 000 random points each with u ≤ 10 and u > 10 from layers 1–2
    // keep the SVG small; the tables count all 478 410 parameters.
    let drawn = ScatterDisplay.sample(last.scatter, outputLayer: 3, perGroup: 8000, seed: seed)
    let title = "AdaBayes on the mnist5k MLP: epoch \(last.epoch), σ² = \(FixedPointFigures.shortNumber(run.priorVariance)), η = 1e-3"
    try notebook.figure(
      Figures.posterior(drawn, title: title).svg(), named: name,
      caption: "Fig. 3 on the MLP, σ² = \(FixedPointFigures.shortNumber(run.priorVariance)) (drawn: all of layer 3, 8 000 random points each with u ≤ 10 and u > 10 from layers 1–2; legend counts are drawn points)")
  }

  let paperRun = try paper.run(seed: seed)
  notebook.heading("1. Fig. 3 at the paper's settings: η_SGD = 0.1, σ² = 1e-3")
  notebook.table(snapshotTable(paperRun))
  notebook.paragraph("PyTorch bench (reference class, seed 0), all parameters ≤5 % / ≤10 %: \(benchText(ScienceBench.fig3, epochs: [1, 5, 10, 20])).")
  if let last = paperRun.snapshots.last {
    notebook.paragraph("Per layer at epoch \(last.epoch) (g ≠ 0):")
    notebook.table(layerTable(last))
  }
  try scatterFigure(paperRun, name: "fig3-sigma2-1e-3")

  // MARK: - 3. The same with η_SGD = 1.0 (σ² = 1e-2, matched to heavy-ball SGD)

  let heavyRun = try heavyBall.run(seed: seed)
  notebook.heading("2. η_SGD = 1.0: σ² = 1e-2, the rate that matches heavy-ball SGD (lr 0.1, momentum 0.9)")
  notebook.table(snapshotTable(heavyRun))
  notebook.paragraph("PyTorch bench (seed 0), all parameters ≤5 % / ≤10 %: \(benchText(ScienceBench.fig3HeavyBall, epochs: [1, 10, 20])).")
  if let last = heavyRun.snapshots.last {
    notebook.table(layerTable(last))
  }
  try scatterFigure(heavyRun, name: "fig3-sigma2-1e-2")

  // MARK: - 4. The transient: σ²_post relaxes from σ² to the fixed point

  notebook.heading("3. The transient on the MLP")
  notebook.paragraph(
    """
    Every σ²_post starts at σ², above its fixed point s*, and falls towards it with the linearised time constant \
    τ = 1/(η²(2/s* − 1/σ²)) steps (σ²/η² in the SGD regime). s* is the exact fixed point of the optimizer's own \
    recursion at curvature λ = ⟨g²⟩ (SteadyState.exactPosteriorVariance with the optimizer's OU transition). \
    The time constant at a few values of u:
    """)
  var tauTable = MarkdownTable(["u", "s*/σ² (Eq. 20)", "τ at σ² = 1e-3 (steps)", "τ at σ² = 1e-2 (steps)"])
  for u: Double in [0.1, 0.3, 1, 3, 10, 100] {
    tauTable.append([
      Formatting.fixed(u, 1), Formatting.fixed(Relaxation.eq20Ratio(u), 3),
      Formatting.fixed(Relaxation.time(learningRate: 1e-3, priorVariance: 1e-3, ratio: u), 0),
      Formatting.fixed(Relaxation.time(learningRate: 1e-3, priorVariance: 1e-2, ratio: u), 0),
    ])
  }
  func transientTable(_ run: FixedPointRun) -> MarkdownTable {
    var table = MarkdownTable(
      ["steps", "n (u ≤ 10)", "≤5 %", "≤10 %", "median y/Eq.20", "median y/s*"]
        + TransientRecord.bands.map { "y/s*, \(Formatting.fixed($0.lowerBound, 1))–\(Formatting.fixed($0.upperBound, 1))" })
    for record in run.transient where record.steps % (quick ? 40 : 200) == 0 || record.steps == 40 {
      table.append(
        [
          "\(record.steps)", "\(record.count)", Formatting.percent(record.within5Percent, 1), Formatting.percent(record.within10Percent, 1),
          Formatting.fixed(record.medianOverEq20, 3), Formatting.fixed(record.medianOverExact, 3),
        ] + record.bandMedians.map { Formatting.fixed($0, 3) })
    }
    return table
  }
  notebook.table(tauTable)
  notebook.paragraph("Medians of y/s* over the informative points, overall and per band of u, as training goes on. σ² = 1e-3:")
  notebook.table(transientTable(paperRun))
  notebook.paragraph("σ² = 1e-2:")
  notebook.table(transientTable(heavyRun))

  let lastStep = paperRun.transient.last?.steps ?? 1
  let centres = TransientRecord.bands.indices.map(TransientRecord.bandCentre)
  for (run, name) in [(paperRun, "transient-sigma2-1e-3"), (heavyRun, "transient-sigma2-1e-2")] {
    let driver = SyntheticFilterDriver(ratios: centres, sgdLearningRate: run.priorVariance * Double(setup.batchSize))
    let relaxation = try driver.run(steps: lastStep, recordAt: Array(1...lastStep), seed: seed)
    let plot = FixedPointFigures.transient(
      run, relaxation: relaxation.overExact,
      title: "σ²_post / s* on the MLP (σ² = \(Formatting.scientific(run.priorVariance, 0))): band medians vs constant-|g| relaxation")
    try notebook.figure(plot.svg(), named: name, caption: "transient, σ² = \(Formatting.scientific(run.priorVariance, 0))")
  }

  // MARK: - 5. The synthetic driver reaches the Adam regime

  let ratios: [Double] = [0.01, 0.03, 0.1, 0.3, 0.5, 1, 2, 3, 10, 100]
  let steps = quick ? 2000 : 5000
  let tableSteps = ScienceBench.fixedPointSteps.filter { $0 <= steps }
  let constantDriver = SyntheticFilterDriver(ratios: ratios)
  let constant = try constantDriver.run(steps: steps, recordAt: Array(1...steps), seed: seed)
  let gaussian = try SyntheticFilterDriver(ratios: ratios, replicates: quick ? 200 : 2000, noise: .gaussian)
    .run(steps: steps, recordAt: tableSteps, seed: seed)
  notebook.heading("4. Synthetic gradients: the optimizer fed |G| = η/(uσ²), σ² = 1e-3")
  notebook.paragraph(
    """
    The AdaBayes optimizer itself, fed mean-loss gradients z·G/B (z = ±1, "constant"; or z ~ N(0, 1), \
    \(quick ? 200 : 2000) replicates, "Gaussian"), from σ²_post = σ². \
    s* = SteadyState.exactPosteriorVariance(transition: optimizer.transition, curvature: G²) is the exact fixed point \
    of the optimizer's recursion; Eq. 20 is its small-step approximation. Cells: mean y/Eq. 20(η/√⟨g²⟩); bench = PyTorch with the reference class.
    """)
  var synthetic = MarkdownTable(
    ["u", "Eq.20/s*", "bench"] + tableSteps.map { "const t=\($0)" } + ["bench t=\(tableSteps.last ?? 0)", "const y/s* t=\(tableSteps.last ?? 0)"]
      + tableSteps.map { "gauss t=\($0)" })
  for (k, u) in ratios.enumerated() {
    let bench = ScienceBench.fixedPoint[u]
    let last = tableSteps.last ?? steps
    var row = [FixedPointFigures.shortNumber(u), Formatting.fixed(constant.eq20OverExact[k], 4), bench.map { Formatting.fixed($0.eq20OverExact, 4) } ?? "–"]
    row += tableSteps.map { t in constant.value(constant.overEq20, row: k, step: t).map { Formatting.fixed($0, 3) } ?? "–" }
    let benchIndex = ScienceBench.fixedPointSteps.firstIndex(of: last)
    row.append(bench.flatMap { b in benchIndex.map { Formatting.fixed(b.constant[$0], 3) } } ?? "–")
    row.append(constant.value(constant.overExact, row: k, step: last).map { Formatting.fixed($0, 4) } ?? "–")
    row += tableSteps.map { t in gaussian.value(gaussian.overEq20, row: k, step: t).map { Formatting.fixed($0, 3) } ?? "–" }
    synthetic.append(row)
  }
  notebook.table(synthetic)
  try notebook.figure(
    FixedPointFigures.synthetic(constant, driver: constantDriver, shown: [0.01, 0.1, 0.3, 1, 3, 10, 100], title: "AdaBayes fed constant |g| (σ² = 1e-3, η = 1e-3)").svg(),
    named: "synthetic-relaxation", caption: "synthetic relaxation")

  // MARK: - 6. What this shows

  let finalPaper = paperRun.snapshots.last?.summary
  let finalHeavy = heavyRun.snapshots.last?.summary
  let worstLast = constant.overExact.compactMap { $0.last }.map { abs($0 - 1) }.max() ?? .nan
  var findings: [String] = []
  if let s = finalPaper, let first = paperRun.snapshots.first?.summary {
    findings.append(
      "σ² = 1e-3, epoch \(epochs): \(Formatting.percent(s.all.within5Percent)) % of all parameters within 5 % of Eq. 20 (\(Formatting.percent(s.all.within10Percent)) % within 10 %); of the \(s.informative.count) informative ones (u ≤ 10) \(Formatting.percent(s.informative.within5Percent, 1)) % (\(Formatting.percent(first.informative.within5Percent, 1)) % after epoch \(paperRun.snapshots.first?.epoch ?? 1)). No parameter reaches the Adam regime: the smallest u is \(Formatting.fixed(s.smallestU, 2)).")
  }
  if let s = finalHeavy {
    findings.append(
      "σ² = 1e-2, epoch \(epochs): \(Formatting.percent(s.all.within5Percent, 1)) % within 5 %, smallest u = \(Formatting.fixed(s.smallestU, 3)) (\(s.regimes.adam) parameters in the Adam regime); near the knee the points sit up to \(Formatting.fixed(s.ratioHigh, 2))× (95th percentile) above Eq. 20, because the relaxation time there is thousands of steps (σ²/η² = 10⁴ on the plateau) and only \(epochs * 40) were trained.")
  }
  findings.append(
    "The deviation is a transient, not scatter: every σ²_post starts at σ² and the MLP's band medians fall on the same time scale as a parameter with a constant gradient at the band's u. The synthetic driver, which does reach u = 0.01, converges to the exact fixed point of the optimizer's recursion (max |y/s* − 1| = \(Formatting.scientific(worstLast, 1)) after \(steps) steps, within the concavity bound ρᵗ(σ² − s*)/s*), while Eq. 20 is high by ≈ λs*/2 (\(Formatting.percent(constant.eq20OverExact[0] - 1, 1)) % at u = 0.01).")
  notebook.heading("5. Findings")
  notebook.bullets(findings)
}
