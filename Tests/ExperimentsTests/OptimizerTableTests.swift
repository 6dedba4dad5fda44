import Experiments
import Models
import Optimizers
import TestSupport
import Testing
import Training

@Suite("OptimizerTable notebook", .tags(.endToEnd))
struct OptimizerTableTests {
  /// AdaBayes at η_SGD = 0.1 and 1.0, heavy-ball SGD and dampened SGD on digits
  /// (MLP 64-32-10, batch 100, 5 epochs = 75 steps), seeds 0–2; trained once
  /// for both tests.
  private static let shared = Result { try train() }

  private static func runs() throws -> [String: ArmResult] { try shared.get() }

  private static func train() throws -> [String: ArmResult] {
    let setup = TrainingSetup(model: .mlp([64, 32, 10]), data: DataSource("digits"), epochs: 5, batchSize: 100)
    let entries = try Table1Arms.paper().filter { $0.benchKey == "adabayes" || $0.benchKey == "sgd" } + Table1Arms.diagnostics()
    let results = try ArmRunner(setup: setup, dataDirectory: Repository.root + "/Data").run(entries.map(\.arm), seeds: [0, 1, 2])
    return Dictionary(uniqueKeysWithValues: zip(entries.map(\.benchKey), results))
  }

  private static func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(values.count) }

  @Test
  func adaBayesMatchedToHeavyBallSGDBeatsThePapersSGDRate() throws {
    // The notebook's headline (mnist5k: 5.43 % against 8.30 % min test error):
    // σ² = η_SGD/B presumes EMA momentum, so η_SGD = lr/(1 − μ) = 1.0, not the
    // paper's 0.1, matches heavy-ball SGD at lr 0.1, μ 0.9. On digits, for
    // every seed, the matched rate gives the lower minimum test error and loss.
    let runs = try Self.runs()
    let paper = try #require(runs["adabayes"]), matched = try #require(runs["adabayes:lr_sgd=1.0"])
    for seed in 0..<3 {
      #expect(matched.minimumTestErrors[seed].error < paper.minimumTestErrors[seed].error, "seed \(seed)")
      #expect(matched.minimumTestLosses[seed] < paper.minimumTestLosses[seed], "seed \(seed)")
    }
  }

  @Test
  func adaBayesAtThePapersRateMovesLikeDampenedSGDNotHeavyBall() throws {
    // In its low-data limit AdaBayes steps σ²·B·m̂ = η_SGD·m̂ (EMA momentum):
    // at η_SGD = 0.1 that is SGD with dampening 0.9, ten times slower than
    // heavy-ball SGD; at η_SGD = 1.0 it is heavy-ball SGD's rate. So each
    // AdaBayes run's mean min test loss is nearer its own SGD counterpart than
    // the other one (measured: 0.74 vs 0.55 dampened and 0.12 heavy ball;
    // 0.12 vs 0.12 heavy ball and 0.55 dampened).
    let runs = try Self.runs()
    func loss(_ key: String) throws -> Double { Self.mean(try #require(runs[key]).minimumTestLosses) }
    let paper = try loss("adabayes"), matched = try loss("adabayes:lr_sgd=1.0")
    let heavyBall = try loss("sgd"), dampened = try loss("sgd:dampening=0.9")
    #expect(abs(paper - dampened) < abs(paper - heavyBall))
    #expect(abs(matched - heavyBall) < abs(matched - dampened))
  }
}
