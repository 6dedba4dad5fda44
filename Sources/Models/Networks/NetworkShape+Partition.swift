import Linalg

extension NetworkShape {
  /// Below this many multiply–adds per share a layer runs on one thread: a
  /// share of 2²⁰ takes ~10 µs at one core's sgemm rate, against ~1 µs to
  /// hand it to another core and back.
  static let minimumShareWork = 1 << 20

  /// How many shares layer l's passes are split into for `rows` rows at
  /// ``KernelThreads/count``: at most one per thread, per 8 units (of nₗ and
  /// nₗ₋₁), and per ``minimumShareWork`` multiply–adds.
  func shares(layer l: Int, rows: Int) -> Int {
    let units = Swift.min(layerSizes[l], layerSizes[l - 1])
    let work = rows * layerSizes[l] * layerSizes[l - 1]
    return Swift.max(1, Swift.min(KernelThreads.count, units / 8, work / Self.minimumShareWork))
  }

  /// Share t of n units cut into `shares`: [cₜ, cₜ₊₁), cₜ = ⌈t·n/shares⌉
  /// rounded up to a multiple of 8 (the last share takes the rest).
  static func units(_ t: Int, of n: Int, shares: Int) -> Range<Int> {
    func boundary(_ t: Int) -> Int { t == shares ? n : Swift.min(n, ((t * n + shares - 1) / shares + 7) & ~7) }
    return boundary(t)..<boundary(t + 1)
  }

  /// The parameters each thread's share of the passes for `rows` rows
  /// computes gradients for (``LayerJob``): share t holds the rows of Wₗ and
  /// entries of bₗ of its units of every split layer; layers run on one
  /// thread belong to share 0. `nil` when no layer is split.
  ///
  /// An optimizer step under this partition (``ParameterPartition/current``)
  /// reads each gradient on the core that wrote it and updates each weight
  /// on the core that reads it next. At two threads on a host whose two
  /// cores pass a cache line back and forth in 463 ns, this took the 784-400-400-10 MLP epoch with
  /// Adam from 31 300–36 700 to 42 400–43 900 samples/s (Documentation/Performance.md).
  public func parameterPartition(rows: Int) -> ParameterPartition? {
    var ranges: [[Range<Int>]] = []
    for l in 1...depth {
      let nIn = layerSizes[l - 1], nOut = layerSizes[l]
      let count = shares(layer: l, rows: rows)
      while ranges.count < count { ranges.append([]) }
      for t in 0..<count {
        let units = Self.units(t, of: nOut, shares: count)
        guard !units.isEmpty else { continue }
        let weights = weightOffsets[l - 1] + units.lowerBound * nIn..<weightOffsets[l - 1] + units.upperBound * nIn
        let biases = biasOffsets[l - 1] + units.lowerBound..<biasOffsets[l - 1] + units.upperBound
        for range in [weights, biases] {
          if let last = ranges[t].last, last.upperBound == range.lowerBound {
            ranges[t][ranges[t].count - 1] = last.lowerBound..<range.upperBound
          } else {
            ranges[t].append(range)
          }
        }
      }
    }
    guard ranges.count > 1 else { return nil }
    return ParameterPartition(count: parameterCount, shares: ranges)
  }
}
