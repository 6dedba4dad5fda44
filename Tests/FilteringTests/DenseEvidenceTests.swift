import Filtering
import Linalg
import Models
import TestSupport
import Testing

@Suite("Dense quadratic evidence (Woodbury, symmetric downdate)", .tags(.property))
struct DenseEvidenceTests {
  @Test(arguments: [1, 2, 3])
  func aLinearGaussianObservationAsEvidenceEqualsTheKalmanUpdate(seed: UInt64) throws {
    // [KF-EV] y = Hx + v, R = LLᵀ: G = HᵀR⁻¹(Hμ − y), A = L⁻¹H gives the same posterior as [KF-U].
    var rng = SplitMix64(seed: seed)
    let prior = try Gaussian(mean: rng.gaussianVector(5), covariance: rng.positiveDefiniteMatrix(5, shift: 0.5))
    let h = rng.gaussianMatrix(rows: 3, columns: 5)
    let r = rng.positiveDefiniteMatrix(3, shift: 0.5)
    let y = rng.gaussianVector(3)
    let kalman = try prior.updated(by: try LinearObservation(matrix: h, noiseCovariance: r), observing: y).posterior
    let rChol = try Cholesky(r)
    let residual = zip(h * prior.mean, y).map { $0 - $1 }
    let gradient = h.applied(to: rChol.solve(residual), .transposed)
    let evidence = try DenseQuadraticEvidence(gradient: gradient, curvatureFactor: rChol.whiten(h))
    let posterior = try prior.updated(with: evidence)
    // Both are O(n²m) BLAS/LAPACK on κ ≲ 10² matrices: 1e-11 relative.
    #expect(relativeDifference(posterior.mean, kalman.mean) <= 1e-11)
    #expect(relativeDifference(posterior.covariance, kalman.covariance) <= 1e-11)
    #expect(posterior.covariance.maximumAsymmetry == 0)
    // Precisions add: P₊⁻¹ = P⁻¹ + AᵀA.
    let added = try GaussianInformation(prior).precision + evidence.curvatureFactor.gram(.transposed)
    #expect(relativeDifference(try GaussianInformation(posterior).precision, added) <= 1e-10)
  }

  @Test func diagonalEvidenceIsTheScalarFilterElementByElement() throws {
    let variances = [0.5, 2.0, 1e-3], curvatures = [4.0, 0.25, 1e3], g = [1.0, -2.0, 0.5], mean = [0.1, 0.2, 0.3]
    let evidence = try DenseQuadraticEvidence(gradient: g, curvatureFactor: .diagonal(curvatures.map { $0.squareRoot() }))
    let posterior = try Gaussian(mean: mean, covariance: .diagonal(variances)).updated(with: evidence)
    for i in 0..<3 {
      let scalar = ScalarGaussian(mean: mean[i], variance: variances[i]).updated(with: QuadraticEvidence(gradient: g[i], curvature: curvatures[i]))
      // Woodbury's P − PAᵀ(I + APAᵀ)⁻¹AP against 1/(1/P + λ): a few roundings each.
      #expect(abs(posterior.covariance[i, i] - scalar.variance) <= 16 * Double.ulpOfOne * scalar.variance)
      #expect(abs(posterior.mean[i] - scalar.mean) <= 16 * Double.ulpOfOne * max(1, abs(scalar.mean)))
    }
  }

  @Test func badEvidenceIsATypedError() {
    #expect(throws: LinalgError.self) { try DenseQuadraticEvidence(gradient: [1, 2], curvatureFactor: .identity(3)) }
    #expect(throws: LinalgError.self) { try DenseQuadraticEvidence(gradient: [1, .nan], curvatureFactor: .identity(2)) }
  }
}

@Suite("Full-matrix fixed point")
struct FullMatrixFixedPointTests {
  let eta = 1e-3, sigma2 = 0.1 / 128

  @Test(.tags(.property))
  func itSolvesTheMatrixFixedPointEquation() throws {
    // [FC-FP] P⁻² − P⁻¹/σ² − M/η² = 0: every term is a function of M, so they commute.
    var rng = SplitMix64(seed: 9)
    let g = rng.gaussianMatrix(rows: 20, columns: 6)
    let m = (1.0 / 20) * g.gram(.transposed)
    let (precision, covariance) = try SteadyState.fullMatrixFixedPoint(learningRate: eta, priorVariance: sigma2, secondMoment: m)
    let residual = precision * precision - (1 / sigma2) * precision - (1 / (eta * eta)) * m
    // Entries of P⁻² are ~(1/η²)·|M|; the residual is rounding of products of that size.
    #expect(residual.maximumAbsoluteEntry <= 1e-12 * (precision * precision).maximumAbsoluteEntry)
    #expect(maximumAbsoluteDifference(precision * covariance, .identity(6)) <= 1e-12)
  }

  @Test(.tags(.limit))
  func itsDiagonalRestrictionIsAdaBayesFPExactly() throws {
    let diagonal = [1e-4, 1.0, 25.0, 1e6]
    let (precision, _) = try SteadyState.fullMatrixFixedPoint(learningRate: eta, priorVariance: sigma2, secondMoment: .diagonal(diagonal))
    for (i, v) in diagonal.enumerated() {
      let scalar = SteadyState.fixedPointPrecision(learningRate: eta, priorVariance: sigma2, meanSquaredGradient: v)
      #expect(abs(precision[i, i] - scalar) <= 4 * Double.ulpOfOne * scalar)
    }
    #expect(precision.elements.enumerated().allSatisfy { $0.offset % 5 == 0 || $0.element == 0 })
  }

  @Test(.tags(.limit), arguments: [1e4, 1e6])
  func itsHighDataLimitIsFullMatrixAdam(scale: Double) throws {
    // [FC-FP-ADAM] P → η·M^{−1/2} with relative gap ≈ η/(2σ²√λ_min), derived per eigenvalue from [AB-LIM-ADAM].
    var rng = SplitMix64(seed: 10)
    let g = rng.gaussianMatrix(rows: 30, columns: 5)
    let m = (scale / 30) * g.gram(.transposed)
    let (_, covariance) = try SteadyState.fullMatrixFixedPoint(learningRate: eta, priorVariance: sigma2, secondMoment: m)
    let eigen = try SymmetricEigen(m)
    let adam = eigen.applying { eta / $0.squareRoot() }
    let gap = eta / (2 * sigma2 * eigen.values[0].squareRoot())
    #expect(relativeDifference(covariance, adam) <= gap * 1.01 + 1e-12)
    #expect(relativeDifference(covariance, adam) >= gap * 0.1 * eigen.values[0].squareRoot() / eigen.values[4].squareRoot())
  }
}
