import Foundation
import Linalg
import Models
import TestSupport
import Testing

/// A PyTorch loss-and-gradient fixture (Tests/Fixtures/Models, generate_mlp.py).
struct MLPFixture: Decodable {
  let id: String
  let sizes: [Int]
  let activation: String
  let loss: String
  let batch: Int
  let features: [Double]
  let labels: [Int]
  let targets: [Double]
  let parameters: [Double]
  let value: Double
  let gradient: [Double]

  static let ids = ["mlp-relu-ce", "mlp-tanh-ce", "mlp-sigmoid-mse", "mlp-relu-bce", "logistic", "linear", "softmax", "mlp-mnist"]

  static func load(_ id: String) throws -> MLPFixture {
    let url = URL(fileURLWithPath: Repository.root + "/Tests/Fixtures/Models/" + id + ".json")
    return try JSONDecoder().decode(MLPFixture.self, from: Data(contentsOf: url))
  }

  func network<Scalar: BLASScalar>(_: Scalar.Type) throws -> MLP<Scalar> {
    let regression = loss == "mse"
    let task: LearningTask = regression ? .regression : .classification(classes: max(2, sizes.last ?? 2))
    let data = try Dataset<Scalar>(
      name: id, featureCount: sizes[0], features: features.map { Scalar($0) }, labels: labels,
      targets: targets.map { Scalar($0) }, task: task)
    return try MLP(
      layerSizes: sizes, activation: Activation(rawValue: activation) ?? .relu, outputLoss: OutputLoss(rawValue: loss),
      trainingData: data)
  }
}

/// Central differences with a fixed dropout mask (the generator is reset before each evaluation).
private func numericGradient(_ net: MLP<Double>, at theta: [Double], batch: Range<Int>) -> [Double] {
  var scratch = [Double](repeating: 0, count: theta.count)
  return theta.indices.map { i in
    // h = ε^(1/3)·max(1, |θ|): truncation O(h²) and rounding O(ε/h) both ≈ 4e-11 relative.
    let h = 6e-6 * max(1, abs(theta[i]))
    var plus = theta, minus = theta
    plus[i] += h
    minus[i] -= h
    var a = net, b = net
    return (a.loss(at: plus, batch: batch, gradient: &scratch) - b.loss(at: minus, batch: batch, gradient: &scratch)) / (2 * h)
  }
}

@Suite("MLP: hand-written backprop on BLAS")
struct MLPTests {
  @Test(.tags(.reference), arguments: MLPFixture.ids)
  func lossAndGradientMatchPyTorchInDouble(id: String) throws {
    // [MODEL-MLP] [MODEL-CE] [MODEL-BCE] [MODEL-MSE] [MODEL-ACT] against torch
    // autograd in float64. The sums run in different orders (BLAS blocking vs
    // torch's), ~n·ε for n ≤ 784 terms: 1e-12 relative to max(1, |value|).
    let fixture = try MLPFixture.load(id)
    var net = try fixture.network(Double.self)
    var gradient = [Double](repeating: 0, count: net.parameterCount)
    #expect(net.parameterCount == fixture.parameters.count)
    let loss = net.loss(at: fixture.parameters, batch: 0..<fixture.batch, gradient: &gradient)
    #expect(abs(loss - fixture.value) <= 1e-12 * max(1, abs(fixture.value)))
    let scale = max(1, fixture.gradient.map(abs).max() ?? 1)
    #expect(maximumAbsoluteDifference(gradient, fixture.gradient) <= 1e-12 * scale, "\(id)")
  }

  @Test(.tags(.reference), arguments: MLPFixture.ids)
  func floatAgreesWithPyTorchToFloatPrecision(id: String) throws {
    // Float: inputs rounded to 2⁻²⁴ relative, sums of ≤ 784 terms: ~1e-4 relative is the budget.
    let fixture = try MLPFixture.load(id)
    var net = try fixture.network(Float.self)
    var gradient = [Float](repeating: 0, count: net.parameterCount)
    let loss = net.loss(at: fixture.parameters.map { Float($0) }, batch: 0..<fixture.batch, gradient: &gradient)
    #expect(abs(Double(loss) - fixture.value) <= 1e-4 * max(1, abs(fixture.value)))
    let scale = max(1, fixture.gradient.map(abs).max() ?? 1)
    #expect(maximumAbsoluteDifference(gradient.map { Double($0) }, fixture.gradient) <= 1e-4 * scale)
  }

  @Test(.tags(.property), arguments: ["mlp-relu-ce", "mlp-tanh-ce", "mlp-sigmoid-mse", "mlp-relu-bce", "softmax"])
  func gradientMatchesCentralDifferences(id: String) throws {
    let fixture = try MLPFixture.load(id)
    let net = try fixture.network(Double.self)
    var copy = net
    var gradient = [Double](repeating: 0, count: net.parameterCount)
    _ = copy.loss(at: fixture.parameters, batch: 0..<fixture.batch, gradient: &gradient)
    let numeric = numericGradient(net, at: fixture.parameters, batch: 0..<fixture.batch)
    // ReLU kinks can sit within h of a pre-activation; these seeded batches keep clear of them.
    #expect(maximumAbsoluteDifference(gradient, numeric) <= 1e-7 * max(1, gradient.map(abs).max() ?? 1))
  }

  @Test(.tags(.property))
  func dropoutGradientMatchesCentralDifferencesUnderAFixedMask() throws {
    let fixture = try MLPFixture.load("mlp-relu-ce")
    let plain = try fixture.network(Double.self)
    let net = try MLP(layerSizes: plain.layerSizes, activation: .tanh, dropout: 0.3, trainingData: plain.trainingData, dropoutSeed: 11)
    var copy = net
    var gradient = [Double](repeating: 0, count: net.parameterCount)
    _ = copy.loss(at: fixture.parameters, batch: 0..<fixture.batch, gradient: &gradient)
    #expect(copy.dropoutGenerator != net.dropoutGenerator)  // the mask consumed random numbers
    let numeric = numericGradient(net, at: fixture.parameters, batch: 0..<fixture.batch)
    #expect(maximumAbsoluteDifference(gradient, numeric) <= 1e-7 * max(1, gradient.map(abs).max() ?? 1))
    // Evaluation never drops: the dropout network evaluates like the plain one.
    var a = net, b = try MLP(layerSizes: plain.layerSizes, activation: .tanh, trainingData: plain.trainingData)
    #expect(a.evaluate(at: fixture.parameters, on: plain.trainingData) == b.evaluate(at: fixture.parameters, on: plain.trainingData))
  }

  @Test(.tags(.property))
  func buffersAreReusedAcrossBatchSizesWithoutChangingResults() throws {
    let fixture = try MLPFixture.load("mlp-relu-ce")
    var reused = try fixture.network(Double.self)
    var g1 = [Double](repeating: 0, count: reused.parameterCount), g2 = g1
    _ = reused.loss(at: fixture.parameters, batch: 0..<8, gradient: &g1)
    let small = reused.loss(at: fixture.parameters, batch: 2..<5, gradient: &g1)
    var fresh = try fixture.network(Double.self)
    let expected = fresh.loss(at: fixture.parameters, batch: 2..<5, gradient: &g2)
    #expect(small == expected && g1 == g2)
  }

  @Test(.tags(.property))
  func initialisationFollowsTorchBounds() throws {
    let fixture = try MLPFixture.load("mlp-mnist")
    let net = try fixture.network(Float.self)
    var rng = SplitMix64(seed: 3)
    let theta = net.initialParameters(.torchDefault, using: &rng)
    // Layer 1: U(±1/√784), layer 2: U(±1/√16).
    let first = theta[0..<(16 * 784 + 16)], second = theta[(16 * 784 + 16)...]
    #expect(first.allSatisfy { abs($0) <= 1 / 28 } && second.allSatisfy { abs($0) <= 0.25 })
    #expect(net.parameterRole(16 * 784) == (1, true) && net.parameterRole(16 * 784 + 16) == (2, false))
    var he = SplitMix64(seed: 3)
    let heTheta = net.initialParameters(.he, using: &he)
    #expect(heTheta[16 * 784..<(16 * 784 + 16)].allSatisfy { $0 == 0 })
  }
}
