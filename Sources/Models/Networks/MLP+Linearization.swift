import Linalg
import RealModule

/// The likelihood of a batch linearised around the current parameters, for
/// Kalman (extended/Gauss–Newton) updates.
public struct LinearizedLikelihood: Sendable {
  /// The mean loss over the batch (as ``MLP/loss(at:batch:gradient:)`` reports it).
  public var meanLoss: Double
  /// G (n): the gradient of the batch's summed negative log-likelihood.
  public var gradient: [Double]
  /// A (m × n) with AᵀA = Σᵢ Jᵢᵀ Λᵢ Jᵢ, the Gauss–Newton (Fisher) curvature.
  public var curvatureFactor: Matrix
}

extension MLP {
  /// The batch's summed negative log-likelihood, linearised in the outputs.
  ///
  /// With Jᵢ = ∂zᵢ/∂θ (K × n, by backpropagation of each output unit) and
  /// the likelihood's curvature Λᵢ in z:
  /// ```
  /// softmax:  Λ = diag(p) − ppᵀ = LLᵀ with L = diag(√p) − p√pᵀ;  ∇ = p − e_y      [MODEL-FISHER]
  /// binary:   Λ = p(1 − p);                                        ∇ = p − y
  /// Gaussian: NLL = (z − y)²/(2s²): Λ = 1/s²;                       ∇ = (z − y)/s²
  /// G = Σᵢ Jᵢᵀ∇ᵢ,  A = [L₁ᵀJ₁; L₂ᵀJ₂; …]  (m = B·K rows, B rows for one output)
  /// ```
  /// Dropout is not applied (the linearisation is of the deterministic network).
  ///
  /// - Parameter noiseVariance: s² of the Gaussian likelihood (regression only).
  /// - Complexity: B·K backward passes of one example.
  public mutating func linearizedLikelihood(at parameters: [Scalar], batch: some Collection<Int>, noiseVariance: Double = 1) -> LinearizedLikelihood {
    precondition(parameters.count == parameterCount, "MLP.linearizedLikelihood: \(parameters.count) parameters for \(parameterCount)")
    let n = parameterCount, k = layerSizes[depth]
    let examples = Array(batch)
    let rowsPerExample = k
    var factor = Matrix(rows: examples.count * rowsPerExample, columns: n)
    var gradient = [Double](repeating: 0, count: n)
    var jacobian = [Scalar](repeating: 0, count: k * n)
    var lossSum = 0.0
    reserve(rows: 1)
    let data = trainingData
    var generator = dropoutGenerator
    for (r, example) in examples.enumerated() {
      var outputs = [Double](repeating: 0, count: k)
      withBuffers { shape, buffers in
        parameters.withUnsafeBufferPointer { theta in
          jacobian.withUnsafeMutableBufferPointer { jac in
            guard let theta = theta.baseAddress, let jac = jac.baseAddress else { return }
            shape.gather(data, [example], into: buffers.x)
            shape.forward(theta, rows: 1, buffers, training: false, generator: &generator)
            lossSum += Double(shape.scoreOutputs(data, [example], rows: 1, buffers))
            let z = buffers.z[shape.depth - 1], delta = buffers.delta[shape.depth - 1]
            for j in 0..<k { outputs[j] = Double(z[j]) }
            // Row j of J: backpropagate δ_L = e_j.
            for j in 0..<k {
              for i in 0..<k { delta[i] = i == j ? 1 : 0 }
              shape.backward(theta, jac + j * n, rows: 1, buffers)
            }
          }
        }
      }
      // [MODEL-FISHER] ∇ in z and the factor L (Λ = LLᵀ), then A rows = LᵀJ, G += Jᵀ∇.
      let (derivative, l) = likelihoodCurvature(outputs: outputs, example: example, noiseVariance: noiseVariance)
      for j in 0..<k where derivative[j] != 0 {
        for c in 0..<n { gradient[c] += derivative[j] * Double(jacobian[j * n + c]) }
      }
      for row in 0..<k {
        for j in 0..<k where l[j * k + row] != 0 {
          let weight = l[j * k + row]
          for c in 0..<n { factor[r * rowsPerExample + row, c] += weight * Double(jacobian[j * n + c]) }
        }
      }
    }
    return LinearizedLikelihood(meanLoss: lossSum / Double(Swift.max(1, examples.count)), gradient: gradient, curvatureFactor: factor)
  }

  /// ∂NLL/∂z and a factor L (row-major K × K) of its curvature Λ = LLᵀ, for one example.
  func likelihoodCurvature(outputs z: [Double], example: Int, noiseVariance: Double) -> (derivative: [Double], factor: [Double]) {
    let k = z.count
    switch outputLoss {
    case .softmaxCrossEntropy:
      let largest = z.max() ?? 0
      let e = z.map { Double.exp($0 - largest) }
      let total = e.reduce(0, +)
      let p = e.map { $0 / total }
      var derivative = p
      derivative[trainingData.labels[example]] -= 1
      var factor = [Double](repeating: 0, count: k * k)
      for i in 0..<k {
        factor[i * k + i] = p[i].squareRoot()
        for j in 0..<k { factor[i * k + j] -= p[i] * p[j].squareRoot() }
      }
      return (derivative, factor)
    case .binaryCrossEntropy:
      let p = logistic(z[0])
      return ([p - Double(trainingData.labels[example])], [(p * (1 - p)).squareRoot()])
    case .meanSquaredError:
      let residual = z[0] - Double(trainingData.targets[example])
      return ([residual / noiseVariance], [1 / noiseVariance.squareRoot()])
    }
  }
}
