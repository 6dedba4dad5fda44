import Filtering
import Models
import TestSupport
import Testing

@Suite("DiagonalGaussian maps the scalar rules", .tags(.property))
struct DiagonalGaussianTests {
  @Test func everyElementIsBitIdenticalToTheScalarFilter() {
    var rng = SplitMix64(seed: 7)
    let n = 50
    let means = rng.gaussianVector(n)
    let variances = (0..<n).map { _ in 0.01 + rng.nextUnit() }
    let gradients = rng.gaussianVector(n)
    let curvatures = gradients.map { $0 * $0 }
    let transition = ScalarTransition.ornsteinUhlenbeck(stepVariance: 1e-4, stationaryVariance: 0.05)
    var diagonal = DiagonalGaussian(means: means, variances: variances)
    diagonal.predict(by: transition)
    diagonal.update(gradients: gradients, curvatures: curvatures)
    for i in 0..<n {
      let scalar = ScalarGaussian(mean: means[i], variance: variances[i])
        .predicted(by: transition)
        .updated(with: QuadraticEvidence(gradient: gradients[i], curvature: curvatures[i]))
      #expect(diagonal[i] == scalar)
    }
  }

  @Test func perElementTransitionsAndNonMutatingForms() {
    let start = DiagonalGaussian(means: [1.0, 2.0], variances: [1, 4])
    var stepped = start
    stepped.predict(by: [ScalarTransition(scale: 0.5, noiseVariance: 0), ScalarTransition(scale: 1, noiseVariance: 1)])
    #expect(stepped.means == [0.5, 2] && stepped.variances == [0.25, 5])
    #expect(start.predicted(by: .identity) == start)
    #expect(start.updated(gradients: [0, 0], curvatures: [0, 0]).means == start.means)
  }

  @Test func floatStorageWorksAlike() {
    var d = DiagonalGaussian<Float>(count: 3, variance: 2)
    d.update(gradients: [1, 1, 1], curvatures: [0.5, 0.5, 0.5])
    #expect(d.variances == [1, 1, 1] && d.means == [-1, -1, -1])
  }
}
