import Filtering
import Linalg
import Testing

/// The README's library example, kept compiling and checked.
@Suite("README example", .tags(.conformance))
struct ReadmeExampleTests {
  @Test func scalarAndDenseExamplesRun() throws {
    let ou = ScalarTransition.ornsteinUhlenbeck(stepVariance: 1e-6, stationaryVariance: 0.1 / 128)
    var belief = ScalarGaussian(mean: 0.0, variance: 0.1 / 128)
    belief = belief.predicted(by: ou).updated(with: QuadraticEvidence(gradient: 0.3, curvature: 0.09))
    #expect(belief.variance < 0.1 / 128 && belief.mean < 0)

    let model = try StateSpaceModel(
      initial: try Gaussian(mean: [0, 0], covariance: .diagonal([10, 10])),
      transition: try LinearTransition(matrix: try Matrix([[1, 0.1], [0, 1]]), noiseCovariance: .diagonal([1e-4, 1e-2])),
      observation: try LinearObservation(matrix: .row([1, 0]), noiseCovariance: .diagonal([0.25])))
    let run = try model.filter([[0.1], [nil], [0.35], [0.41]])
    let smoothed = try model.smooth(run)
    #expect(run.logLikelihood.isFinite && run.innovations[1] == nil)
    #expect(smoothed.count == 4 && smoothed[1].covariance[0, 0] < run.filtered[1].covariance[0, 0])
  }
}
