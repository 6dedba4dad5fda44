import Foundation
import Linalg
import Models
import TestSupport
import Testing

@Suite("MLP linearised likelihood (Gauss–Newton / Fisher)", .tags(.property))
struct LinearizationTests {
  @Test(arguments: ["mlp-relu-ce", "mlp-tanh-ce", "mlp-relu-bce", "mlp-sigmoid-mse", "softmax", "linear"])
  func gradientIsTheSummedLossGradientAndCurvatureIsJᵀΛJ(id: String) throws {
    let fixture = try MLPFixture.load(id)
    var net = try fixture.network(Double.self)
    let batch = 0..<fixture.batch, b = Double(fixture.batch)
    let noise = 0.7
    let lin = net.linearizedLikelihood(at: fixture.parameters, batch: batch, noiseVariance: noise)
    // [MODEL-FISHER] G = Σᵢ Jᵢᵀ∇ᵢ is the gradient of the summed NLL: B·∇(mean loss)
    // for cross-entropy, B·∇(mean (z − y)²)/(2s²) for the Gaussian likelihood.
    let scale = fixture.loss == "mse" ? b / (2 * noise) : b
    #expect(maximumAbsoluteDifference(lin.gradient, fixture.gradient.map { scale * $0 }) <= 1e-12 * scale * max(1, fixture.gradient.map(abs).max() ?? 1))

    // AᵀA against Σ JᵀΛJ with J from central differences of the outputs.
    let k = fixture.sizes.last ?? 1, n = net.parameterCount
    let examples = try Dataset<Double>(
      name: "one", featureCount: fixture.sizes[0], features: Array(fixture.features[0..<fixture.sizes[0]]),
      labels: fixture.labels.isEmpty ? [] : [fixture.labels[0]], targets: fixture.targets.isEmpty ? [] : [fixture.targets[0]],
      task: net.trainingData.task)
    var jacobian = Matrix(rows: k, columns: n)
    for c in 0..<n {
      let h = 1e-6 * max(1, abs(fixture.parameters[c]))
      var plus = fixture.parameters, minus = fixture.parameters
      plus[c] += h
      minus[c] -= h
      let up = net.outputs(at: plus, on: examples), down = net.outputs(at: minus, on: examples)
      for j in 0..<k { jacobian[j, c] = (up[j] - down[j]) / (2 * h) }
    }
    let z = net.outputs(at: fixture.parameters, on: examples)
    var lambda = Matrix(rows: k, columns: k)
    switch fixture.loss {
    case "softmax-cross-entropy":
      let e = z.map { exp($0 - (z.max() ?? 0)) }, p = e.map { $0 / e.reduce(0, +) }
      for i in 0..<k { for j in 0..<k { lambda[i, j] = (i == j ? p[i] : 0) - p[i] * p[j] } }
    case "binary-cross-entropy":
      let p = 1 / (1 + exp(-z[0]))
      lambda[0, 0] = p * (1 - p)
    default:
      lambda[0, 0] = 1 / noise
    }
    let expected = jacobian.transposed * lambda * jacobian
    let rows = lin.curvatureFactor.submatrix(rows: Array(0..<k), columns: Array(0..<n))
    // Central differences carry ~1e-9 relative error (h = 1e-6, ε/h ≈ 2e-10, h² terms ≈ 1e-12).
    #expect(maximumAbsoluteDifference(rows.gram(.transposed), expected) <= 1e-7 * max(1, expected.maximumAbsoluteEntry))
  }
}
