import RealModule

/// SplitMix64, a small, fast, seedable pseudo-random generator.
///
/// Every random choice in the package (shuffles, initialisations, test data)
/// draws from this generator, so a seed reproduces a run bit for bit on any
/// platform. Its whole state is one `UInt64`, which checkpoints store.
///
/// References: G. Steele, D. Lea, C. Flood, "Fast splittable pseudorandom
/// number generators", OOPSLA 2014 (the finaliser constants are theirs).
public struct SplitMix64: RandomNumberGenerator, Hashable, Sendable, Codable {
  /// The generator's entire state.
  public var state: UInt64

  /// A generator starting from `seed`.
  public init(seed: UInt64) {
    self.state = seed
  }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A uniform double in [0, 1) with 53 random bits.
  public mutating func nextUnit() -> Double {
    Double(next() >> 11) * 0x1p-53
  }

  /// A standard normal variate (Box–Muller; uses two uniforms per call).
  public mutating func nextGaussian() -> Double {
    // u1 ∈ (0, 1] so that log(u1) is finite.
    let u1 = 1 - nextUnit()
    let u2 = nextUnit()
    return (-2 * Double.log(u1)).squareRoot() * Double.cos(2 * Double.pi * u2)
  }
}
