import Filtering
import RealModule
import TestSupport
import Testing

@Suite("ScalarTransition: paper prior and exact OU", .tags(.property))
struct ScalarTransitionTests {
  @Test(arguments: [(1e-3, 0.1 / 128), (1e-2, 1.0), (0.3, 0.5)])
  func ornsteinUhlenbeckKeepsTheStationaryVarianceExactly(eta: Double, sigma2: Double) {
    let ou = ScalarTransition.ornsteinUhlenbeck(stepVariance: eta * eta, stationaryVariance: sigma2)
    // [AB-OU] a² = e^{−η²/σ²}, q = σ²(1 − a²) ⇒ q/(1 − a²) = σ². Representing a
    // rounds it by ε, which 1/(1 − a²) amplifies: tolerance 4ε/(1 − a²).
    let contraction = (1 - ou.scale) * (1 + ou.scale)
    let tolerance = 4 * Double.ulpOfOne / contraction
    #expect(relativeDifference(ou.stationaryVariance!, sigma2) <= tolerance)
    // A belief at σ² with no evidence stays at σ²: 10⁴ predictions drift by
    // at most the same amplified rounding.
    var belief = ScalarGaussian(mean: 0.0, variance: sigma2)
    for _ in 0..<10_000 { belief.predict(by: ou) }
    #expect(relativeDifference(belief.variance, sigma2) <= tolerance)
  }

  @Test func paperPriorHasItsOwnStationaryVariance() {
    // [AB-PRIOR] a = 1 − η²/(2σ²), q = η² ⇒ q/(1 − a²) = σ²/(1 − η²/(4σ²)).
    let (eta2, sigma2) = (1e-4, 0.01)
    let paper = ScalarTransition.paper(stepVariance: eta2, stationaryVariance: sigma2)
    let expected = sigma2 / (1 - eta2 / (4 * sigma2))
    #expect(relativeDifference(paper.stationaryVariance!, expected) <= 4 * Double.ulpOfOne / (eta2 / sigma2))
  }

  @Test(arguments: [1e-4, 1e-3, 1e-2])
  func ouAgreesWithThePaperToFirstOrder(ratio: Double) {
    // a_OU = e^{−r/2} = 1 − r/2 + r²/8 − …, a_paper = 1 − r/2: the gap is r²/8 (1 + O(r)).
    let ou = ScalarTransition.ornsteinUhlenbeck(stepVariance: ratio, stationaryVariance: 1)
    let paper = ScalarTransition.paper(stepVariance: ratio, stationaryVariance: 1)
    let gap = ou.scale - paper.scale
    #expect(abs(gap - ratio * ratio / 8) <= ratio * ratio * ratio / 8 + 4 * Double.ulpOfOne)
    // q: σ²(1 − e^{−r}) = r − r²/2 + …, against η² = r.
    #expect(abs((paper.noiseVariance - ou.noiseVariance) - ratio * ratio / 2) <= ratio * ratio * ratio / 2)
  }

  @Test func randomWalkHasNoStationaryVariance() {
    #expect(ScalarTransition(scale: 1.0, noiseVariance: 1).stationaryVariance == nil)
    #expect(ScalarTransition<Double>.identity.stationaryVariance == nil)
  }
}
