import RealModule

/// How an MLP's output layer is scored: the loss of one example and its
/// gradient with respect to the output pre-activations z.
///
/// ```
/// softmaxCrossEntropy:  ℓ = log Σₖ e^{zₖ} − z_y,           ∂ℓ/∂z = softmax(z) − e_y      [MODEL-CE]
/// binaryCrossEntropy:   ℓ = log(1 + e^{z}) − y·z,          ∂ℓ/∂z = σ(z) − y  (one output) [MODEL-BCE]
/// meanSquaredError:     ℓ = (1/K) Σₖ (zₖ − yₖ)²,           ∂ℓ/∂z = 2(z − y)/K             [MODEL-MSE]
/// ```
/// These are torch's `cross_entropy`, `binary_cross_entropy_with_logits` and
/// `mse_loss` with mean reduction; the batch mean is taken by the caller.
public enum OutputLoss: String, Sendable, Codable, CaseIterable {
  case softmaxCrossEntropy = "softmax-cross-entropy"
  case binaryCrossEntropy = "binary-cross-entropy"
  case meanSquaredError = "mse"

  /// The loss of one example with outputs `z` (K of them), writing ∂ℓ/∂z into `gradient`.
  ///
  /// `label` is the class (softmax: 0..<K; binary: 0 or 1); `target` the
  /// regression target (MSE, K = 1).
  @inlinable
  public func loss<Scalar: Real>(
    outputs z: UnsafeMutablePointer<Scalar>, count k: Int, label: Int, target: Scalar, gradient: UnsafeMutablePointer<Scalar>
  ) -> Scalar {
    switch self {
    case .softmaxCrossEntropy:
      // [MODEL-CE] log-sum-exp shifted by the maximum
      var largest = z[0]
      for j in 1..<k where z[j] > largest { largest = z[j] }
      var total: Scalar = 0
      for j in 0..<k {
        gradient[j] = Scalar.exp(z[j] - largest)
        total += gradient[j]
      }
      for j in 0..<k { gradient[j] /= total }
      gradient[label] -= 1
      return Scalar.log(total) + largest - z[label]
    case .binaryCrossEntropy:
      // [MODEL-BCE] softplus(z) − yz = max(z, 0) − yz + log(1 + e^{−|z|})
      let y: Scalar = label == 0 ? 0 : 1
      gradient[0] = logistic(z[0]) - y
      return Swift.max(z[0], 0) - y * z[0] + Scalar.log(onePlus: Scalar.exp(-abs(z[0])))
    case .meanSquaredError:
      // [MODEL-MSE] (z − y)², K = 1
      let r = z[0] - target
      gradient[0] = 2 * r
      return r * r
    }
  }
}
