import Models
import TestSupport
import Testing

@Suite("Minibatch order", .tags(.property))
struct MinibatchesTests {
  @Test func shuffleIsADeterministicPermutation() {
    var rng = SplitMix64(seed: 11)
    let first = MinibatchOrder.shuffled(count: 1000, using: &rng)
    let afterFirst = rng
    #expect(first.sorted() == Array(0..<1000))
    #expect(first != Array(0..<1000))
    let second = MinibatchOrder.shuffled(count: 1000, using: &rng)
    #expect(second != first)  // the generator advanced
    var again = SplitMix64(seed: 11)
    #expect(MinibatchOrder.shuffled(count: 1000, using: &again) == first)
    #expect(again == afterFirst)
    var other = SplitMix64(seed: 12)
    #expect(MinibatchOrder.shuffled(count: 1000, using: &other) != first)
    #expect(MinibatchOrder.shuffled(count: 0, using: &rng).isEmpty)
    #expect(MinibatchOrder.shuffled(count: 1, using: &rng) == [0])
  }

  @Test func everyPermutationOfThreeIsEquallyLikely() {
    var rng = SplitMix64(seed: 5)
    let draws = 6000
    var counts: [[Int]: Int] = [:]
    for _ in 0..<draws { counts[MinibatchOrder.shuffled(count: 3, using: &rng), default: 0] += 1 }
    #expect(counts.count == 6)
    // Each count is Binomial(6000, 1/6): mean 1000, sd ≈ 28.9; allow 5 sd.
    for (permutation, count) in counts { #expect(abs(count - 1000) < 145, "\(permutation): \(count)") }
  }

  @Test func batchesKeepTheFinalPartialBatch() {
    let order = [9, 3, 7, 1, 0, 2, 8, 4, 6, 5]
    let batches = MinibatchOrder.batches(of: order, size: 4)
    #expect(batches.map(Array.init) == [[9, 3, 7, 1], [0, 2, 8, 4], [6, 5]])
    #expect(MinibatchOrder.batches(of: order, size: 5).map(\.count) == [5, 5])
    #expect(MinibatchOrder.batches(of: order, size: 64).map(Array.init) == [order])
    #expect(MinibatchOrder.batches(of: [], size: 3).isEmpty)
    #expect(MinibatchOrder.batches(of: order, size: 1).count == 10)
  }
}
