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
    var factor = Matrix(rows: examples.count * k, columns: n)
    var gradient = [Double](repeating: 0, count: n)
    var jacobian = [Scalar](repeating: 0, count: k * n)
    var jacobianDouble = [Double](repeating: 0, count: k * n)
    var lossSum = 0.0
    let data = trainingData
    for (r, example) in examples.enumerated() {
      let (outputs, loss) = outputJacobian(at: parameters, example: example, in: data, into: &jacobian)
      lossSum += loss
      for i in 0..<(k * n) { jacobianDouble[i] = Double(jacobian[i]) }
      // [MODEL-FISHER] ∇ in z and the factor L (Λ = LLᵀ): G += Jᵀ∇ (dgemv), rows r·K… of A = LᵀJ (dgemm).
      let (derivative, l) = likelihoodCurvature(outputs: outputs, example: example, noiseVariance: noiseVariance)
      jacobianDouble.withUnsafeBufferPointer { j in
        derivative.withUnsafeBufferPointer { d in
          gradient.withUnsafeMutableBufferPointer { g in
            guard let j = j.baseAddress, let d = d.baseAddress, let g = g.baseAddress else { return }
            Double.gemv(.transposed, rows: k, columns: n, alpha: 1, a: j, lda: n, x: d, beta: 1, y: g)
          }
        }
        l.withUnsafeBufferPointer { lp in
          factor.withUnsafeMutableBufferPointer { a in
            guard let j = j.baseAddress, let lp = lp.baseAddress, let a = a.baseAddress else { return }
            Double.gemm(.transposed, .none, m: k, n: n, k: k, alpha: 1, a: lp, lda: k, b: j, ldb: n, beta: 0, c: a + r * k * n, ldc: n)
          }
        }
      }
    }
    return LinearizedLikelihood(meanLoss: lossSum / Double(Swift.max(1, examples.count)), gradient: gradient, curvatureFactor: factor)
  }

  /// The outputs z of one example, its loss, and J = ∂z/∂θ (K × n, row-major)
  /// written into `jacobian`, by backpropagating each output unit.   [MODEL-MLP]
  public mutating func outputJacobian(
    at parameters: [Scalar], example: Int, in data: Dataset<Scalar>, into jacobian: inout [Scalar]
  ) -> (outputs: [Double], loss: Double) {
    let n = parameterCount, k = layerSizes[depth]
    precondition(jacobian.count == k * n, "MLP.outputJacobian: the Jacobian needs \(k)·\(n) entries")
    reserve(rows: 1)
    var generator = dropoutGenerator
    var outputs = [Double](repeating: 0, count: k)
    var loss = 0.0
    withBuffers { shape, buffers in
      parameters.withUnsafeBufferPointer { theta in
        jacobian.withUnsafeMutableBufferPointer { jac in
          guard let theta = theta.baseAddress, let jac = jac.baseAddress else { return }
          shape.gather(data, [example], into: buffers.x)
          shape.forward(theta, rows: 1, buffers, training: false, generator: &generator)
          loss = Double(shape.scoreOutputs(data, [example], rows: 1, buffers))
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
    return (outputs, loss)
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
