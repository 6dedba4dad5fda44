/// The order in which an epoch visits the training examples, and its minibatches.
///
/// Shuffles are Fisher–Yates driven by ``SplitMix64`` with an unbiased
/// bounded draw of our own (not the standard library's), so an order is
/// reproducible bit for bit from the generator's state on any platform.
public enum MinibatchOrder {
  /// A uniformly random permutation of `0..<count`, advancing `rng`.
  ///
  /// - Precondition: `count >= 0`.
  public static func shuffled(count: Int, using rng: inout SplitMix64) -> [Int] {
    precondition(count >= 0, "MinibatchOrder.shuffled: negative count \(count)")
    var order = Array(0..<count)
    shuffle(&order, using: &rng)
    return order
  }

  /// Consecutive batches of `size` indices from `order`; the last batch
  /// holds the remainder when `size` does not divide the count (it is kept,
  /// like PyTorch's `DataLoader` with `drop_last=False`).
  ///
  /// - Precondition: `size >= 1`.
  public static func batches(of order: [Int], size: Int) -> [ArraySlice<Int>] {
    precondition(size >= 1, "MinibatchOrder.batches: batch size must be at least 1, got \(size)")
    return stride(from: 0, to: order.count, by: size).map { order[$0..<min($0 + size, order.count)] }
  }

  /// Shuffles `elements` in place (Fisher–Yates, from the last position down).
  static func shuffle<T>(_ elements: inout [T], using rng: inout SplitMix64) {
    guard elements.count > 1 else { return }
    for i in stride(from: elements.count - 1, through: 1, by: -1) {
      let j = uniformIndex(below: i + 1, using: &rng)
      if i != j { elements.swapAt(i, j) }
    }
  }

  /// A uniform integer in `0..<bound` (Lemire's multiply-and-reject method).
  static func uniformIndex(below bound: Int, using rng: inout SplitMix64) -> Int {
    precondition(bound > 0, "uniformIndex: bound must be positive")
    let n = UInt64(bound)
    var product = rng.next().multipliedFullWidth(by: n)
    if product.low < n {
      let threshold = (0 &- n) % n
      while product.low < threshold { product = rng.next().multipliedFullWidth(by: n) }
    }
    return Int(product.high)
  }
}
