// SGDvsAdamMNIST — the MNIST MLP of the Adam study notes, trained from scratch with SGD and Adam.
//
// Question: with the notes' network and settings (784-256-256-10 ReLU, He
// initialisation, one example per step, lr 1e-3 for both, L2 1e-4), how much
// faster does Adam train than plain SGD, and where do they end up?
//
// Claims (measured, full mode, seeds 0–2; see the summary for every number):
// 1. Adam trains faster: the mean training loss of the first 1000 examples
//    is 0.86 against SGD's 1.86, of the last 1000 (of 20 000) 0.140 against
//    0.233.
// 2. Its test-set lead does not last at batch 1: Adam's test loss is
//    lowest after the third pass (0.312) and rises to 0.413 ± 0.107, while
//    SGD's falls steadily to 0.295 ± 0.008; final test error 8.17 ± 1.68 %
//    (Adam) against 8.93 ± 0.40 % (SGD).
// The notes themselves give no numbers (their Adam run never finished), so
// there is nothing to compare against beyond the direction of the curves.
//
// Run:  swift run -c release SGDvsAdamMNIST [--quick] [--seed N] [--out DIR]
// Time (release build, 2 cores): full ≈ 2.5 min; --quick ≈ 17 s.
import Experiments
import Foundation
import Plotting
import Training

NotebookRunner.run("SGDvsAdamMNIST") { notebook in
  // MARK: - 1. Setup: the notes' experiment on mnist5k

  let quick = notebook.isQuick
  let first = notebook.options.seed
  let seeds: [UInt64] = quick ? [first] : [first, first + 1, first + 2]
  let replication = NotesReplication(epochs: quick ? 2 : 5)
  let arms = try NotesReplication.arms()

  notebook.heading("SGDvsAdamMNIST: the notes' MLP with SGD and Adam", level: 1)
  notebook.paragraph(
    """
    The notes train a 784-256-256-10 ReLU network on MNIST one example at a time for 20 000 examples, with plain SGD and \
    with Adam, both at lr 1e-3, and plot the mean training loss of every 1000 examples (their Adam run never printed its \
    result). Here the same network and optimizers train on the 4000 mnist5k images for \(replication.epochs) pass\
    \(replication.epochs == 1 ? "" : "es") (\(replication.epochs * 4000) steps of batch 1), seed\(seeds.count == 1 ? "" : "s") \(seeds.map(String.init).joined(separator: ", ")).
    """)
  notebook.bullets([
    "Same as the notes: layer sizes, ReLU, He-normal weights N(0, 2/fan_in), batch 1, SGD without momentum at lr 1e-3, Adam at lr 1e-3 with β = (0.9, 0.999), ε = 1e-8, the curve of the data loss (without the L2 term) per 1000 examples.",
    "Different: the 4000 mnist5k training images, each seen \(replication.epochs)× (the notes see 20 000 distinct MNIST images once); the notes' L2 term λ‖W‖² (λ = 1e-4) as weight decay 2λ = \(NotesReplication.weightDecay) on the gradient, which here also decays the biases; biases start at 0 (the notes draw them from N(0, 1)); test error on the 1000 mnist5k test images after each pass (the notes report none).",
  ])

  // MARK: - 2. Training

  let runs = try replication.run(arms, seeds: seeds, progressLabel: "SGDvsAdamMNIST")

  // MARK: - 3. Results

  var table = MarkdownTable([
    "optimizer", "train loss, first 1000", "train loss, last 1000", "final train loss (all 4000)", "final test loss", "final test error %",
    "best test error % (pass)", "s per run",
  ])
  func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(Swift.max(1, values.count)) }
  var summary: [String: (first: Double, last: Double, testLoss: Double, testError: Double, best: [Double])] = [:]
  for arm in arms {
    let chosen = runs.filter { $0.arm.label == arm.label }
    let errors = chosen.map { ArmResult.testError($0.result.final) }
    let best = chosen.map { run in run.result.history.min { ArmResult.testError($0) < ArmResult.testError($1) } }
    summary[arm.label] = (
      mean(chosen.compactMap(\.blockLosses.first)), mean(chosen.compactMap(\.blockLosses.last)), mean(chosen.map(\.result.final.testLoss)),
      mean(errors), best.compactMap { $0.map(ArmResult.testError) }
    )
    table.append([
      arm.label,
      Formatting.meanAndDeviation(chosen.compactMap(\.blockLosses.first), 3),
      Formatting.meanAndDeviation(chosen.compactMap(\.blockLosses.last), 3),
      Formatting.meanAndDeviation(chosen.map(\.result.final.trainLoss), 3),
      Formatting.meanAndDeviation(chosen.map(\.result.final.testLoss), 3),
      Formatting.meanAndDeviation(errors),
      best.compactMap { $0.map { "\(Formatting.fixed(ArmResult.testError($0), 1)) (\($0.epoch))" } }.joined(separator: ", "),
      Formatting.fixed(mean(chosen.map(\.seconds)), 1),
    ])
  }
  notebook.heading("1. After \(replication.epochs * 4000) steps")
  notebook.table(table)
  var passes = MarkdownTable(["after pass (examples)"] + arms.flatMap { ["\($0.label): test loss", "test error %"] })
  for pass in 0..<replication.epochs {
    var row = ["\(pass + 1) (\((pass + 1) * 4000))"]
    for arm in arms {
      let records = runs.filter { $0.arm.label == arm.label }.compactMap { $0.result.history.indices.contains(pass) ? $0.result.history[pass] : nil }
      row += [Formatting.meanAndDeviation(records.map(\.testLoss), 3), Formatting.meanAndDeviation(records.map(ArmResult.testError))]
    }
    passes.append(row)
  }
  notebook.paragraph("After each pass over the 4000 images (mean ± sd over seeds):")
  notebook.table(passes)
  try notebook.figure(
    NotesFigures.curves(runs, blockSize: replication.blockSize, title: "The notes' MLP on mnist5k: SGD vs Adam, lr 1e-3, batch 1").svg(),
    named: "sgd-vs-adam", caption: "training loss per 1000 examples and test error")

  // MARK: - 4. What this shows

  guard let sgd = summary[arms[0].label], let adam = summary[arms[1].label] else { throw NotebookError.failed("missing runs") }
  let bestRange = { (values: [Double]) in
    "\(Formatting.fixed(values.min() ?? .nan, 1))–\(Formatting.fixed(values.max() ?? .nan, 1)) %"
  }
  notebook.heading("2. Findings")
  notebook.bullets([
    "Adam trains faster at the same lr 1e-3: mean training loss \(Formatting.fixed(adam.first, 2)) against SGD's \(Formatting.fixed(sgd.first, 2)) over the first 1000 examples, \(Formatting.fixed(adam.last, 3)) against \(Formatting.fixed(sgd.last, 3)) over the last 1000.",
    "On the test set: final test loss \(Formatting.fixed(adam.testLoss, 3)) against SGD's \(Formatting.fixed(sgd.testLoss, 3)), final test error \(Formatting.fixed(adam.testError)) % against \(Formatting.fixed(sgd.testError)) % (best pass per seed: Adam \(bestRange(adam.best)), SGD \(bestRange(sgd.best))). With one example per step Adam's test loss rises again after its early lead and its test error moves up and down between passes; SGD's falls steadily.",
    "lr 1e-3 is Adam's usual rate but small for plain SGD with one example per step: this is the notes' comparison (one lr for both), not a tuned one. OptimizerTable compares tuned settings at batch 100.",
  ])
}
