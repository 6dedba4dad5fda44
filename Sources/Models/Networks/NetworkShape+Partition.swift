import Linalg

extension NetworkShape {
  /// The parameters each thread's share of the passes for `rows` rows
  /// computes gradients for (``LayerJob``): share t holds the rows of Wₗ and
  /// entries of bₗ of its units of every split layer; layers run on one
  /// thread belong to share 0. `nil` when no layer is split.
  ///
  /// An optimizer step under this partition (``ParameterPartition/current``)
  /// reads each gradient on the core that wrote it and updates each weight
  /// on the core that reads it next. At two threads on a host whose two
  /// cores are 230 ns apart, this took the 784-400-400-10 MLP epoch with
  /// Adam from 31 300–36 700 to 42 400–43 900 samples/s (Documentation/Performance.md).
  public func parameterPartition(rows: Int) -> ParameterPartition? {
    var shares: [[Range<Int>]] = []
    for l in 1...depth {
      let nIn = layerSizes[l - 1], nOut = layerSizes[l]
      let count = LayerJob<Float>.shares(shape: self, layer: l, rows: rows)
      while shares.count < count { shares.append([]) }
      for t in 0..<count {
        let units = LayerJob<Float>.range(t, of: nOut, shares: count)
        guard !units.isEmpty else { continue }
        let weights = weightOffsets[l - 1] + units.lowerBound * nIn..<weightOffsets[l - 1] + units.upperBound * nIn
        let biases = biasOffsets[l - 1] + units.lowerBound..<biasOffsets[l - 1] + units.upperBound
        for range in [weights, biases] {
          if let last = shares[t].last, last.upperBound == range.lowerBound {
            shares[t][shares[t].count - 1] = last.lowerBound..<range.upperBound
          } else {
            shares[t].append(range)
          }
        }
      }
    }
    guard shares.count > 1 else { return nil }
    return ParameterPartition(count: parameterCount, shares: shares)
  }
}
