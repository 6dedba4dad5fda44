import Experiments
import Models
import TestSupport
import Testing
import Training

@Suite("BADAM pruning")
struct BADAMPruningTests {
  @Test("SNR pruning keeps more accuracy than magnitude pruning at 90 % pruned", .tags(.reference))
  func signalToNoiseBeatsMagnitudeAtNinetyPercent() throws {
    // The notebook's claim on a network small enough for a debug build:
    // 784-200-10 sigmoid on mnist5k, Adam lr 1e-3, 8 epochs (PyTorch's bench,
    // 784-400-400-10 sigmoid, 20 epochs: 76.5 % against 18.7 %). In release
    // runs of this configuration over seeds 0–3 the SNR ranking kept 82–83 %
    // and the magnitude ranking 63–75 %; the test asks for a 5-point lead.
    var experiment = PruningExperiment()
    experiment.layerSizes = [784, 200, 10]
    experiment.activation = .sigmoid
    experiment.epochs = 8
    experiment.fractions = [0, 0.9]
    experiment.criteria = [.magnitude, .signalToNoise]
    let data = try PreparedData<Float>.load(experiment.data, seed: 0, dataDirectory: Repository.root + "/Data")
    let run = try experiment.run(seed: 0, data: data)
    let snr = try #require(run.accuracy(.signalToNoise, at: 0.9))
    let magnitude = try #require(run.accuracy(.magnitude, at: 0.9))
    #expect(run.unprunedAccuracy > 0.85)
    #expect(snr > magnitude + 0.05, "SNR \(snr), magnitude \(magnitude) at 90 % pruned")
    #expect(run.accuracy(.magnitude, at: 0) == run.unprunedAccuracy)
  }

  @Test("SNR ranks by |θ|·v̂^¼ and prunes parameters with v̂ = 0 first; ties keep index order", .tags(.property))
  func signalToNoiseOrder() {
    // [BADAM-PRUNE] σ² = 1/(N√v̂ + ε): with N√v̂ ≫ ε the score is |θ|·(N√v̂)^½.
    let theta: [Double] = [0.5, -0.1, 2.0, 0.3, -0.3, 1e-3]
    let meanSquares: [Double] = [1e-4, 1.0, 1e-8, 0, 1e-4, 1e-4]
    let order = PruningCriterion.signalToNoise.order(parameters: theta, meanSquaredGradients: meanSquares, trainingSetSize: 100)
    // scores: 0.5·1 = 0.5, 0.1·10 = 1, 2·0.1 = 0.2, 0.3·1e-4 (v̂ = 0), 0.3, 1e-3
    #expect(order == [3, 5, 2, 4, 0, 1])
    #expect(PruningCriterion.magnitude.order(parameters: [0.2, -0.2, 0.1], meanSquaredGradients: [0, 0, 0], trainingSetSize: 1) == [2, 0, 1])
    let random = PruningCriterion.random.order(parameters: theta, meanSquaredGradients: meanSquares, trainingSetSize: 1, seed: 3)
    #expect(random.sorted() == Array(0..<6))
    #expect(Pruning.pruned(theta, order: order, fraction: 0.5) == [0.5, -0.1, 0, 0, -0.3, 0])
    #expect(Pruning.prunedCount(fraction: 0.97, of: 478_410) == 464_058)
  }
}
