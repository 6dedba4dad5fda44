/// Zeroing a fraction of a network's parameters, in a given order, without retraining.
public enum Pruning {
  /// The number of parameters a fraction f of n prunes: round(f·n).
  public static func prunedCount(fraction: Double, of n: Int) -> Int {
    precondition(fraction >= 0 && fraction <= 1, "Pruning: fraction must be in [0, 1], got \(fraction)")
    return Swift.min(n, Int((fraction * Double(n)).rounded()))
  }

  /// θ with its first round(f·n) parameters in `order` set to zero.
  public static func pruned<Scalar: BinaryFloatingPoint>(_ parameters: [Scalar], order: [Int], fraction: Double) -> [Scalar] {
    precondition(order.count == parameters.count, "Pruning: an order of \(order.count) for \(parameters.count) parameters")
    var theta = parameters
    for i in order.prefix(prunedCount(fraction: fraction, of: parameters.count)) { theta[i] = 0 }
    return theta
  }
}
