import Models
import TestSupport
import Testing

/// Central differences: (f(x + h eᵢ) − f(x − h eᵢ))/2h with h = ε^(1/3)·max(1, |xᵢ|),
/// whose error is O(h²f‴) + O(ε|f|/h), both ~ε^(2/3) ≈ 4e-11 relative.
private func centralDifferences<O: Objective>(_ objective: inout O, at x: [Double]) -> [Double] where O.Scalar == Double {
  var scratch = [Double](repeating: 0, count: x.count)
  return x.indices.map { i in
    let h = Double.ulpOfOne.squareRoot().squareRoot() * 0.1 * max(1, abs(x[i]))
    var plus = x, minus = x
    plus[i] += h
    minus[i] -= h
    return (objective.loss(at: plus, batch: 0..<1, gradient: &scratch) - objective.loss(at: minus, batch: 0..<1, gradient: &scratch)) / (2 * h)
  }
}

@Suite("Analytic objectives")
struct AnalyticObjectiveTests {
  @Test(.tags(.reference), arguments: ["adam-rosenbrock2", "sgd-rosenbrock2", "adam-quad10", "adagrad-quad10"])
  func lossAndGradientMatchTorchAutogradAlongTheFixture(id: String) throws {
    // [MODEL-ROSENBROCK] [MODEL-QUADRATIC] against torch autograd: the fixtures'
    // README measured ≤ 5.7e-14 absolute on gradients up to 2e2; 1e-12 × max(1, |value|).
    let fixture = try OptimizerFixture.load(id)
    var gradient = [Double](repeating: 0, count: fixture.x0.count)
    if let a = fixture.objective.A, let b = fixture.objective.b {
      let quadratic = try Quadratic<Double>(matrix: a, linear: b)
      for t in stride(from: 0, to: fixture.T, by: 7) {
        let loss = quadratic.loss(at: fixture.trajectory[t], batch: 0..<1, gradient: &gradient)
        #expect(abs(loss - fixture.losses[t]) <= 1e-12 * max(1, abs(fixture.losses[t])))
        for (g, r) in zip(gradient, fixture.gradients[t]) { #expect(abs(g - r) <= 1e-12 * max(1, abs(r))) }
      }
    } else {
      let rosenbrock = Rosenbrock<Double>(dimension: 2)
      for t in stride(from: 0, to: fixture.T, by: 7) {
        let loss = rosenbrock.loss(at: fixture.trajectory[t], batch: 0..<1, gradient: &gradient)
        #expect(abs(loss - fixture.losses[t]) <= 1e-12 * max(1, abs(fixture.losses[t])))
        for (g, r) in zip(gradient, fixture.gradients[t]) { #expect(abs(g - r) <= 1e-12 * max(1, abs(r))) }
      }
    }
  }

  @Test(.tags(.property), arguments: [2, 5])
  func rosenbrockGradientMatchesCentralDifferences(dimension: Int) {
    var f = Rosenbrock<Double>(dimension: dimension)
    let x = (0..<dimension).map { 0.3 * Double($0) - 0.7 }
    let (_, gradient) = f.valueAndGradient(at: x)
    let numeric = centralDifferences(&f, at: x)
    for (g, n) in zip(gradient, numeric) { #expect(abs(g - n) <= 1e-6 * max(1, abs(g))) }
    var atMinimum = [Double](repeating: 0, count: dimension)
    #expect(f.loss(at: f.minimizer, batch: 0..<1, gradient: &atMinimum) == 0 && atMinimum.allSatisfy { $0 == 0 })
  }

  @Test(.tags(.property))
  func quadraticValidatesItsInput() throws {
    #expect(throws: DataError.self) { try Quadratic<Double>(matrix: [[1, 2], [3, 4]], linear: [0, 0]) }
    #expect(throws: DataError.self) { try Quadratic<Double>(matrix: [[1]], linear: [0, 0]) }
    #expect(throws: DataError.self) { try Quadratic<Double>.load(path: Repository.data("iris.csv")) }
    var q = try Quadratic<Float>(matrix: [[2, 0], [0, 4]], linear: [2, 4])
    let (value, gradient) = q.valueAndGradient(at: [1, 1])
    #expect(value == -3 && gradient == [0, 0])
  }
}
