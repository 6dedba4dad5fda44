import Filtering
import Optimizers
import TestSupport
import Testing

@Suite("BADAM posterior read-out")
struct BADAMPosteriorTests {
  @Test(.tags(.property))
  func constantGradientGivesTheClosedForm() throws {
    // [BADAM-POST] Adam on a constant gradient g has v̂ = g² exactly, so
    // σ² = 1/(N|g| + τ) and μ = N|g|/(N|g| + τ)·θ.
    var adam = Optimizer(Adam<Double>(learningRate: 1e-3), parameters: [0.5, -2.0])
    for _ in 0..<50 { try adam.step(gradient: [0.2, -0.05]) }
    let reading = BADAMPosterior(trainingSetSize: 1000, priorPrecision: 4, epsilon: 0)
    let posterior = reading.posterior(parameters: adam.parameters, meanSquaredGradients: try #require(adam.meanSquaredGradients))
    for (i, g) in [0.2, -0.05].enumerated() {
      let data = 1000 * abs(g)
      #expect(relativeDifference(posterior.variances[i], 1 / (data + 4)) <= 1e-14)
      #expect(relativeDifference(posterior.means[i], data / (data + 4) * adam.parameters[i]) <= 1e-14)
    }
    let snr = BADAMPosterior.signalToNoise(posterior)
    #expect(abs(snr[0] - abs(posterior.means[0]) / posterior.variances[0].squareRoot()) <= 1e-15)
  }

  @Test(.tags(.property))
  func posteriorLaplaceKeepsTheMeanAndIgnoresThePrior() {
    let reading = BADAMPosterior(trainingSetSize: 10, priorPrecision: 100, epsilon: 0, approximation: .posterior)
    let p = reading.posterior(parameters: [1.0, -3.0], meanSquaredGradients: [4.0, 0.25])
    #expect(p.means == [1, -3] && p.variances == [1.0 / 20, 1.0 / 5])
  }
}
