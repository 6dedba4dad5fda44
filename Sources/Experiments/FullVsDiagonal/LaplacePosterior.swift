import Foundation
import Linalg
import Models

/// The Gauss–Newton Laplace posterior of a classifier at fixed parameters:
/// the full precision matrix and its diagonal, from the same curvature.
///
/// ```
/// Λ = I/σ₀² + Σᵢ Jᵢᵀ Λᵢ Jᵢ   (Λᵢ the likelihood's curvature in the outputs, [MODEL-FISHER])
/// full:      Σ = Λ⁻¹                         (Cholesky)
/// diagonal:  σⱼ² = 1/Λⱼⱼ                     (the same curvature, correlations dropped)
/// ```
/// Both are centred at the given parameters, so comparing their predictives
/// isolates what the off-diagonal covariance is worth: the mean and the
/// curvature are the same. One pass of the full-covariance Kalman filter
/// (`kalman`) computes the same Λ, but along its own moving mean.
public struct LaplacePosterior: Sendable {
  /// Σ = Λ⁻¹.
  public var covariance: Matrix
  /// 1/Λⱼⱼ.
  public var diagonalVariances: [Double]
  /// Wall time of the curvature and the inverse.
  public var seconds: Double

  /// Accumulates the curvature over all of `model`'s training examples at `parameters`.
  ///
  /// - Parameters:
  ///   - priorVariance: σ₀² of the prior N(0, σ₀²I).
  ///   - chunk: examples linearised at a time (bounds the memory of the factor A).
  /// - Throws: ``NotebookError/failed(_:)`` when Λ is not positive definite.
  public init(model: MLP<Double>, at parameters: [Double], priorVariance: Double, chunk: Int = 64) throws(NotebookError) {
    precondition(priorVariance > 0 && chunk >= 1, "LaplacePosterior: priorVariance > 0, chunk ≥ 1")
    let start = DispatchTime.now().uptimeNanoseconds
    var network = model
    let n = parameters.count
    var precision = (1 / priorVariance) * Matrix.identity(n)
    var begin = 0
    while begin < network.exampleCount {
      let end = Swift.min(network.exampleCount, begin + chunk)
      // [MODEL-FISHER] AᵀA = Σ JᵢᵀΛᵢJᵢ over the chunk
      let linearized = network.linearizedLikelihood(at: parameters, batch: begin..<end)
      precision.addGram(of: linearized.curvatureFactor, .transposed, scale: 1, mirror: false)
      begin = end
    }
    precision.mirrorLowerTriangle()
    do {
      covariance = try Cholesky(precision).solve(Matrix.identity(n))
    } catch {
      throw .failed("the Laplace precision is not positive definite: \(error)")
    }
    covariance.symmetrize()
    diagonalVariances = precision.diagonalElements.map { 1 / $0 }
    seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
  }
}
