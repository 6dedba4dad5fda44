// AdamStepBounds — how large is one Adam step, really?
//
// Question: Kingma & Ba (§2.1) say Adam's effective step Δ = α·m̂/(√v̂ + ε) is
// approximately bounded, |Δ| ≤ α(1 − β₁)/√(1 − β₂) when (1 − β₁) > √(1 − β₂)
// (3.162α at β = (0.9, 0.999)) and |Δ| ≤ α otherwise, and (§7.1) that
// AdaMax's step obeys |Δ| ≤ α. How large are the steps of real training, and
// which gradient sequences make the bounds tight — or break them?
//
// Claims, as measured (full mode, seed 0):
// 1. The paper's bound is tight in its own case: one gradient after 3 999
//    zeros gives |Δ| = 3.133α (0.991 of 3.162α; → 1 as the silence grows).
// 2. It is not a bound for every sequence: one-signed gradients growing like
//    (β₂/β₁)ᵏ reach 7.246α, the Cauchy–Schwarz limit (1 − β₁)/√((1 − β₂)(1 − β₁²/β₂))
//    = 7.270α, 2.3× the paper's value. AdaMax's |Δ| ≤ α fails by 0.91 % for
//    gradients decaying like β₂ᵏ (1.0091α = (1 − β₁)/(1 − β₁/β₂)).
// 3. Real training (MLP 784-400-400-10, mnist5k, 10 epochs, 1.9e8
//    parameter-steps): median |Δ| = 0.06α, 99.9 % of steps ≤ α, but the
//    largest is 3.32α — 3 parameter-steps above the paper's bound. AdaMax
//    (α = 2e-3): largest 1.0005α.
// 4. Every step of every sequence stays within the bound that holds with
//    ε = 1e-8 accounted for exactly (tests: AdamStepBoundsTests).
//
// Run: swift run -c release AdamStepBounds [--quick] [--seed N] [--out DIR]
// Full: sequences of 5 000 steps and 10 training epochs per optimizer (≈ 17 s);
// --quick: 2 epochs (≈ 4 s).
import Experiments
import Foundation
import Optimizers
import Plotting

NotebookRunner.run("AdamStepBounds") { notebook in
  // MARK: - 1. Setup

  let quick = notebook.isQuick
  let seed = notebook.options.seed
  let bound = StepBound()
  let alphaAdam = 1e-3, alphaAdamax = 2e-3
  let steps = 5_000

  notebook.heading("Adam and AdaMax: the step |Δ| against α and the bounds", level: 1)
  notebook.paragraph(
    "Kingma & Ba §2.1: |Δ| ≤ α(1 − β₁)/√(1 − β₂) = \(Formatting.fixed(bound.paperAdam, 3))α when (1 − β₁) > √(1 − β₂) (true at β = (0.9, 0.999)), "
      + "else α; §7.1: AdaMax |Δ| ≤ α. The bounds that hold for every gradient sequence: Adam "
      + "\(Formatting.fixed(bound.adamSupremum, 3))α (Cauchy–Schwarz, attained by gradients growing like (β₂/β₁)ᵏ), "
      + "AdaMax \(Formatting.fixed(bound.adamaxSupremum, 4))α (attained by gradients decaying like β₂ᵏ). "
      + "ε = 1e-8 as in torch; every step is checked against its bound with ε included.")

  // MARK: - 2. Adversarial and ordinary gradient sequences

  let sequences = GradientSequence.catalogue(steps: steps, seed: seed)
  var adamTraces: [(label: String, trace: StepTrace)] = [], adamaxTraces: [(label: String, trace: StepTrace)] = []
  var table = MarkdownTable([
    "sequence (\(steps) steps)", "Adam max |Δ|/α (step)", "÷ paper bound", "÷ its bound (ε incl.)", "AdaMax max |Δ|/α (step)",
    "÷ its bound (ε incl.)",
  ])
  for sequence in sequences {
    let adam = StepTrace.adam(sequence, learningRate: alphaAdam)
    let adamax = StepTrace.adamax(sequence, learningRate: alphaAdamax)
    adamTraces.append((sequence.name, adam))
    adamaxTraces.append((sequence.name, adamax))
    table.append([
      sequence.name, Formatting.fixed(adam.largest.ratio, 4) + " (\(adam.largest.step))", Formatting.fixed(adam.largest.ratio / bound.paperAdam, 3),
      Formatting.fixed(adam.largestFractionOfBound, 6), Formatting.fixed(adamax.largest.ratio, 4) + " (\(adamax.largest.step))",
      Formatting.fixed(adamax.largestFractionOfBound, 6),
    ])
  }
  notebook.heading("Gradient sequences on one parameter")
  notebook.table(table)
  func trace(_ traces: [(label: String, trace: StepTrace)], _ prefix: String) throws -> (label: String, trace: StepTrace) {
    guard let found = traces.first(where: { $0.label.hasPrefix(prefix) }) else { throw NotebookError.failed("no sequence named \(prefix)…") }
    return found
  }
  let spikeStep = steps * 4 / 5
  let paper = (value: bound.paperAdam, label: "paper: α(1−β₁)/√(1−β₂)")
  let supremum = (value: bound.adamSupremum, label: "Cauchy–Schwarz sup")
  try notebook.figure(
    Figure(
      title: "|Δₜ|/α where the bounds are tight",
      panels: [
        StepBoundFigures.window(
          [try trace(adamTraces, "one spike"), try trace(adamTraces, "spike every"), try trace(adamTraces, "constant g = -")],
          steps: (spikeStep - 10)...(spikeStep + 90),
          lines: [(1, "α"), paper], yAxis: Axis("|Δₜ| / α", scale: .log10, range: 1e-2...20), title: "Adam, sparse gradients: a spike after silence"),
        StepBoundFigures.window(
          [try trace(adamTraces, "growing")], steps: (steps - 250)...steps, lines: [(1, "α"), paper, supremum],
          yAxis: Axis("|Δₜ| / α", scale: .log10, range: 1e-2...20), title: "Adam, one-signed g growing like (β₂/β₁)ᵏ"),
        StepBoundFigures.window(
          [try trace(adamaxTraces, "decaying"), try trace(adamaxTraces, "constant g = -")], steps: 1...400,
          lines: [(1, "α"), (bound.adamaxSupremum, "(1−β₁)/(1−β₁/β₂)")], yAxis: Axis("|Δₜ| / α", range: 0.99...1.012),
          title: "AdaMax, gradients decaying like β₂ᵏ"),
        StepBoundFigures.window(
          [("Adam", try trace(adamTraces, "heavy").trace), ("AdaMax", try trace(adamaxTraces, "heavy").trace)], steps: 1...steps,
          lines: [(1, "α"), paper], yAxis: Axis("|Δₜ| / α", scale: .log10, range: 1e-3...20), title: "Heavy-tailed noise g = ξ·exp(2ζ), ξ, ζ ~ N(0, 1)",
          legendPosition: .topLeft),
      ], columns: 2
    ).svg(), named: "sequences", caption: "step sizes where the bounds are tight")

  // MARK: - 3. Real training: every parameter, every step

  var training = TrainingStepSizes()
  training.epochs = quick ? 2 : 10
  let data = try training.loadData(seed: seed)
  let adamRun = try training.measure(
    Adam<Float>(learningRate: alphaAdam), learningRate: alphaAdam, thresholds: [1, bound.paperAdam], seed: seed, data: data)
  let adamaxRun = try training.measure(
    Adamax<Float>(learningRate: alphaAdamax), learningRate: alphaAdamax, thresholds: [1, bound.adamaxSupremum], seed: seed, data: data)
  notebook.heading(
    "Real training: MLP \(training.layerSizes.map(String.init).joined(separator: "-")) on \(training.data.name), "
      + "\(training.epochs) epochs, batch \(training.batchSize)")
  var real = MarkdownTable(["optimizer", "steps × parameters", "median", "90 %", "99 %", "99.9 %", "max", "steps > α", "steps > bound", "test acc. %"])
  for (name, run, boundName) in [("Adam, α = 1e-3", adamRun, "> paper's 3.162"), ("AdaMax, α = 2e-3", adamaxRun, "> 1.0091")] {
    let h = run.histogram
    real.append([
      name, "\(h.total)", Formatting.scientific(h.quantile(0.5)), Formatting.scientific(h.quantile(0.9)), Formatting.fixed(h.quantile(0.99), 3),
      Formatting.fixed(h.quantile(0.999), 3), Formatting.fixed(h.largest, 4), "\(h.countsAbove[0]) (\(Formatting.scientific(h.fractionAbove(0))))",
      "\(h.countsAbove[1]) (\(boundName))", Formatting.percent(run.testAccuracy, 1),
    ])
  }
  notebook.table(real)
  notebook.paragraph(
    "Quantiles are upper edges of 0.05-decade bins; counts above thresholds and the maximum are exact. "
      + "Steps with Δ = 0 exactly (weights whose gradient has been 0 at every step so far, e.g. from always-blank pixels): "
      + "Adam \(Formatting.percent(Double(adamRun.histogram.zeroCount) / Double(max(1, adamRun.histogram.total)), 1)) %, "
      + "AdaMax \(Formatting.percent(Double(adamaxRun.histogram.zeroCount) / Double(max(1, adamaxRun.histogram.total)), 1)) %; "
      + "they are left out of the plot.")
  try notebook.figure(
    StepBoundFigures.distribution(
      [("Adam, α = 1e-3", adamRun.histogram), ("AdaMax, α = 2e-3", adamaxRun.histogram)], bound: bound,
      title: "|Δ|/α over all parameters and steps (\(training.data.name) MLP)"
    ).svg(), named: "distribution", caption: "distribution of step sizes in real training")

  // MARK: - 4. Findings

  notebook.heading("Findings")
  let spike = try trace(adamTraces, "one spike").trace.largest, growing = try trace(adamTraces, "growing").trace.largest
  let decaying = try trace(adamaxTraces, "decaying").trace.largest
  let worst = (adamTraces + adamaxTraces).map(\.trace.largestFractionOfBound).max() ?? .nan
  notebook.bullets([
    "Sparse case: one gradient at step \(spike.step) after zeros moves Adam by \(Formatting.fixed(spike.ratio, 3))α, "
      + "\(Formatting.fixed(spike.ratio / bound.paperAdam, 3)) of the paper's bound: tight where the paper derives it.",
    "Growing one-signed gradients: \(Formatting.fixed(growing.ratio, 3))α = \(Formatting.fixed(growing.ratio / bound.paperAdam, 2))× the paper's bound "
      + "(Cauchy–Schwarz limit \(Formatting.fixed(bound.adamSupremum, 3))α). AdaMax on decaying gradients: \(Formatting.fixed(decaying.ratio, 4))α > α.",
    "Real training: Adam's largest step \(Formatting.fixed(adamRun.histogram.largest, 3))α "
      + "(\(adamRun.histogram.countsAbove[1]) of \(adamRun.histogram.total) parameter-steps above the paper's bound, "
      + "\(Formatting.percent(1 - adamRun.histogram.fractionAbove(0), 3)) % at most α); AdaMax's \(Formatting.fixed(adamaxRun.histogram.largest, 4))α.",
    "Largest step over its ε-inclusive bound, all sequences and both optimizers: \(Formatting.fixed(worst, 12)) (1 up to rounding).",
  ])
}
