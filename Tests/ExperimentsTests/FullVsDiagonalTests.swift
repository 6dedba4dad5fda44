import Experiments
import Linalg
import Models
import TestSupport
import Testing
import Training

/// The candidates of the notebook on one small task, seed 0 (one kalman pass only).
private func candidates(_ task: CalibrationTask) throws -> (candidates: [ClassifierCandidate], data: PreparedData<Double>) {
  var experiment = FullVsDiagonalExperiment()
  experiment.kalmanPasses = [1]
  let data = try PreparedData<Double>.load(task.data, seed: 0, dataDirectory: Repository.root + "/Data")
  return (try experiment.candidates(task: task, data: data, seed: 0), data)
}

private func score(_ candidates: [ClassifierCandidate], _ suffix: String, _ method: String, on test: Dataset<Double>) throws -> ClassifierScore {
  let candidate = try #require(candidates.first { $0.label.hasSuffix(suffix) })
  return try #require(PredictiveEvaluation.evaluate(candidate, on: test, samples: 2_000, seed: 9).score(method))
}

@Suite("Full covariance against diagonal posteriors")
struct FullVsDiagonalTests {
  @Test("one kalman pass does not reach the NLL of 20 Adam epochs on breast-cancer", .tags(.reference))
  func oneKalmanPassLosesToAdam() throws {
    // Documentation/FullCovariance.md and the notebook (seeds 0–2): plug-in NLL
    // 0.138–0.161 for one EKF pass against 0.062–0.100 for Adam; with kalman's own
    // P the NLL does not come down to Adam's either (0.148–0.159).
    let (all, data) = try candidates(.breastCancer)
    let kalman = try score(all, "full (its own P)", "plug-in", on: data.test)
    let kalmanMC = try score(all, "full (its own P)", "MC", on: data.test)
    let adam = try score(all, "BADAM σ²", "plug-in", on: data.test)
    #expect(kalman.negativeLogLikelihood > adam.negativeLogLikelihood + 0.03)
    #expect(kalmanMC.negativeLogLikelihood > adam.negativeLogLikelihood + 0.03)
    #expect(kalman.accuracy > 0.9)
  }

  @Test("at the same mean and curvature the full Laplace predictive beats the diagonal one on small problems", .tags(.reference))
  func fullCovarianceHelpsAtAFixedMean() throws {
    // The notebook (MC predictive, seeds 0–2): full − diagonal NLL −0.007 on
    // breast-cancer (31 parameters) and −0.010 to −0.026 on wine (42), but
    // +0.006 to +0.013 on digits (650; too slow for a debug build).
    for task in [CalibrationTask.breastCancer, .wine] {
      let (all, data) = try candidates(task)
      let full = try score(all, "Laplace full", "MC", on: data.test)
      let diagonal = try score(all, "Laplace diagonal", "MC", on: data.test)
      #expect(full.negativeLogLikelihood < diagonal.negativeLogLikelihood - 0.003, "\(task.name)")
    }
  }

  @Test("the probit approximation flattens a softmax under a common logit shift; Monte Carlo does not", .tags(.property))
  func probitIgnoresTheSoftmaxInvariance() throws {
    // Why full covariances fare worse under probit than under MC on softmax:
    // a posterior that moves every bias together (Σ = c·bbᵀ over the biases)
    // shifts all logits by the same amount, which softmax ignores. MC sees
    // that exactly (its probabilities equal the plug-in ones); the probit
    // approximation divides each logit by √(1 + πc/8) and flattens them. [MODEL-PRED]
    let data = try PreparedData<Double>.load(DataSource("wine"), seed: 0, dataDirectory: Repository.root + "/Data")
    var model = try MLP<Double>.softmaxRegression(trainingData: data.train)
    var generator = SplitMix64(seed: 4)
    let theta = (0..<model.parameterCount).map { _ in generator.nextGaussian() }
    let n = model.parameterCount, classes = 3, biases = (n - classes)..<n
    var covariance = Matrix(rows: n, columns: n)
    for i in biases { for j in biases { covariance[i, j] = 4 } }
    let plugIn = model.predictiveProbabilities(at: theta, posterior: nil, on: data.test, method: .plugIn)
    let mc = model.predictiveProbabilities(at: theta, posterior: .full(covariance), on: data.test, method: .monteCarlo(samples: 50, seed: 1))
    let probit = model.predictiveProbabilities(at: theta, posterior: .full(covariance), on: data.test, method: .probit)
    #expect(maximumAbsoluteDifference(plugIn.flatMap { $0 }, mc.flatMap { $0 }) <= 1e-12)
    let confidence = { (p: [[Double]]) in p.map { $0.max() ?? 0 }.reduce(0, +) / Double(p.count) }
    #expect(confidence(probit) < confidence(plugIn) - 0.02)
  }
}
