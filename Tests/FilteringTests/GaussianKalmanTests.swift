import Filtering
import Linalg
import Models
import TestSupport
import Testing

/// A random well-conditioned dense model piece: P (n×n SPD), H (m×n), R (m×m SPD).
private func randomPieces(n: Int, m: Int, seed: UInt64) throws -> (Gaussian, LinearObservation, [Double]) {
  var rng = SplitMix64(seed: seed)
  let prior = try Gaussian(mean: rng.gaussianVector(n), covariance: rng.positiveDefiniteMatrix(n, shift: 0.5))
  let observation = try LinearObservation(
    matrix: rng.gaussianMatrix(rows: m, columns: n), noiseCovariance: rng.positiveDefiniteMatrix(m, shift: 0.5))
  return (prior, observation, rng.gaussianVector(m))
}

// The dense and sequential forms reach the same numbers through different
// products and solves of matrices with condition numbers below ~10³; each
// path carries O(n·κ·ε) relative rounding, so 1e-11 bounds the difference
// with margin for n ≤ 8.
private let denseRoundoff = 1e-11

@Suite("Dense Kalman update (Joseph form, Cholesky solves)", .tags(.property))
struct GaussianKalmanTests {
  @Test func denseWithDiagonalMatricesEqualsDiagonalEqualsScalar() throws {
    let a = [0.9, 1.0, 0.5, -0.7, 1.1]
    let q = [0.1, 0.0, 0.3, 0.2, 0.05]
    let h = [1.0, 2.0, -0.5, 0.3, 1.0]
    let r = [0.5, 1.0, 0.2, 2.0, 4.0]
    let mean = [0.3, -1.0, 2.0, 0.0, 5.0]
    let variances = [1.0, 0.5, 2.0, 3.0, 0.1]
    let y = [1.0, 0.0, -2.0, 0.5, 4.0]
    let transition = try LinearTransition(matrix: .diagonal(a), noiseCovariance: .diagonal(q))
    let observation = try LinearObservation(matrix: .diagonal(h), noiseCovariance: .diagonal(r))
    let dense = try Gaussian(mean: mean, covariance: .diagonal(variances))
      .predicted(by: transition).updated(by: observation, observing: y).posterior

    var diagonal = DiagonalGaussian(means: mean, variances: variances)
    diagonal.predict(by: (0..<5).map { ScalarTransition(scale: a[$0], noiseVariance: q[$0]) })
    for i in 0..<5 {
      let scalar = ScalarGaussian(mean: mean[i], variance: variances[i])
        .predicted(by: ScalarTransition(scale: a[i], noiseVariance: q[i]))
        .updated(with: .observation(y[i], coefficient: h[i], noiseVariance: r[i], priorMean: a[i] * mean[i]))
      diagonal[i] = diagonal[i].updated(
        with: .observation(y[i], coefficient: h[i], noiseVariance: r[i], priorMean: diagonal[i].mean))
      #expect(diagonal[i] == scalar)
      // Joseph's (1 − kh)²P + k²r against 1/(1/P + h²/r): ~10 roundings each.
      #expect(abs(dense.mean[i] - scalar.mean) <= 32 * Double.ulpOfOne * max(1, abs(scalar.mean)))
      #expect(abs(dense.covariance[i, i] - scalar.variance) <= 32 * Double.ulpOfOne * scalar.variance)
    }
    for i in 0..<5 { for j in 0..<5 where i != j { #expect(dense.covariance[i, j] == 0) } }
  }

  @Test(arguments: [1, 2, 3])
  func sequentialScalarUpdatesEqualOneVectorUpdate(seed: UInt64) throws {
    var rng = SplitMix64(seed: seed)
    let (prior, _, _) = try randomPieces(n: 4, m: 3, seed: seed)
    let h = rng.gaussianMatrix(rows: 3, columns: 4)
    let r = [0.5, 1.5, 0.25]
    let y = rng.gaussianVector(3)
    let joint = try prior.updated(by: try LinearObservation(matrix: h, noiseCovariance: .diagonal(r)), observing: y)
    var sequential = prior
    var logLikelihood = 0.0
    for k in 0..<3 {
      let row = try LinearObservation(matrix: .row(h.row(k)), noiseCovariance: .diagonal([r[k]]))
      let step = try sequential.updated(by: row, observing: [y[k]])
      sequential = step.posterior
      logLikelihood += step.innovation!.logLikelihood
    }
    #expect(relativeDifference(sequential.mean, joint.posterior.mean) <= denseRoundoff)
    #expect(relativeDifference(sequential.covariance, joint.posterior.covariance) <= denseRoundoff)
    // The chain rule: log p(y) = Σ log p(y_k | y_<k).
    #expect(abs(logLikelihood - joint.innovation!.logLikelihood) <= denseRoundoff * abs(logLikelihood))
  }

  @Test(arguments: [4, 5, 6])
  func josephEqualsSimpleFormAtTheOptimalGain(seed: UInt64) throws {
    // [KF-JOSEPH] (I − KH)P(I − KH)ᵀ + KRKᵀ = P − KSKᵀ when K is the optimal gain.
    let (prior, observation, y) = try randomPieces(n: 6, m: 3, seed: seed)
    let joseph = try prior.updated(by: observation, observing: y, form: .joseph)
    let simple = try prior.updated(by: observation, observing: y, form: .simple)
    #expect(joseph.posterior.mean == simple.posterior.mean)
    #expect(relativeDifference(joseph.posterior.covariance, simple.posterior.covariance) <= denseRoundoff)
    // Posterior variance never exceeds prior variance.
    for i in 0..<6 { #expect(joseph.posterior.covariance[i, i] <= prior.covariance[i, i]) }
  }

  @Test(arguments: [7, 8])
  func informationFormEqualsCovarianceForm(seed: UInt64) throws {
    // [KF-INFO] Λ₊ = Λ + HᵀR⁻¹H, ξ₊ = ξ + HᵀR⁻¹y, converted back, equals [KF-U].
    let (prior, observation, y) = try randomPieces(n: 5, m: 2, seed: seed)
    let covarianceForm = try prior.updated(by: observation, observing: y).posterior
    let informationForm = try GaussianInformation(prior).updated(by: observation, observing: y).gaussian()
    #expect(relativeDifference(informationForm.mean, covarianceForm.mean) <= denseRoundoff)
    #expect(relativeDifference(informationForm.covariance, covarianceForm.covariance) <= denseRoundoff)
  }

  @Test func logLikelihoodAndNISMatchADirectEvaluation() throws {
    let (prior, observation, y) = try randomPieces(n: 4, m: 3, seed: 9)
    let update = try prior.updated(by: observation, observing: y)
    // [KF-LL] y ~ N(Hμ, HPHᵀ + R), evaluated directly.
    let h = observation.matrix
    let s = h * prior.covariance * h.transposed + observation.noiseCovariance
    let predictive = try Gaussian(mean: h * prior.mean, covariance: s.symmetrized())
    let direct = try predictive.logDensity(y)
    #expect(abs(update.innovation!.logLikelihood - direct) <= denseRoundoff * max(1, abs(direct)))
    let residual = zip(y, h * prior.mean).map { $0 - $1 }
    let nis = residual.dot(try Cholesky(s.symmetrized()).solve(residual))
    #expect(abs(update.innovation!.normalizedSquaredInnovation - nis) <= denseRoundoff * nis)
  }

  @Test func missingComponentsAreSkipped() throws {
    let (prior, observation, y) = try randomPieces(n: 4, m: 3, seed: 10)
    let masked = try prior.updated(by: observation, observing: [y[0], nil, y[2]])
    let restricted = try prior.updated(by: observation.restricted(to: [true, false, true]), observing: [y[0], y[2]])
    #expect(masked.posterior == restricted.posterior)
    #expect(masked.innovation?.observedComponents == [0, 2])
    let none = try prior.updated(by: observation, observing: [nil, nil, nil])
    #expect(none.posterior == prior && none.innovation == nil)
  }

  @Test func controlInputShiftsThePredictedMean() throws {
    let transition = try LinearTransition(
      matrix: .identity(2), noiseCovariance: .diagonal([0.1, 0.1]), controlMatrix: try Matrix([[1], [0.5]]))
    let prior = try Gaussian(mean: [1, 1], covariance: .identity(2))
    let predicted = try prior.predicted(by: transition, control: [2])
    #expect(predicted.mean == [3, 2])
    #expect(predicted.covariance == .diagonal([1.1, 1.1]))
  }

  @Test func badInputsAreTypedErrors() throws {
    let prior = try Gaussian(mean: [0, 0], covariance: .identity(2))
    let observation = try LinearObservation(matrix: .identity(2), noiseCovariance: .identity(2))
    #expect(throws: LinalgError.self) { try prior.updated(by: observation, observing: [1.0]) }
    #expect(throws: LinalgError.nonFinite(operation: "observation", index: 1)) {
      try prior.updated(by: observation, observing: [1.0, .nan])
    }
    #expect(throws: LinalgError.self) { try prior.predicted(by: .identity(3)) }
    #expect(throws: LinalgError.self) { try prior.predicted(by: .identity(2), control: [1]) }
    // S = P + R with R = −4I is negative definite.
    let negative = try LinearObservation(matrix: .identity(2), noiseCovariance: -4 * .identity(2))
    #expect(throws: LinalgError.notPositiveDefinite(leadingMinor: 1, size: 2)) {
      try prior.updated(by: negative, observing: [0.0, 0.0])
    }
    #expect(throws: LinalgError.self) { try Gaussian(mean: [0, 0], covariance: try Matrix([[1, 2], [0, 1]])) }
    #expect(throws: LinalgError.self) { try LinearObservation(matrix: .identity(2), noiseCovariance: .identity(3)) }
    #expect(throws: LinalgError.self) { try LinearTransition(matrix: Matrix(rows: 2, columns: 3), noiseCovariance: .identity(2)) }
  }
}
