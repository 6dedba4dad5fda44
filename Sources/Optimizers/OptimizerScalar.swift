import Filtering
import Linalg

/// The element types optimizers work in: `Float` and `Double`.
///
/// Element-wise optimizer code is generic over this protocol. Per-step
/// constants (bias corrections, schedule factors) are computed in `Double`,
/// as PyTorch computes them in Python floats, and converted once per step.
/// It refines Linalg's `BLASScalar`, so training code generic over it can
/// also run the models' BLAS products, and Filtering's `FilterScalar`, whose
/// `kernelSquareRoot` the loops use.
public protocol OptimizerScalar: BLASScalar, FilterScalar {
  /// Whether any of `values[range]` is NaN or infinite: one vectorised pass
  /// with no early exit inside a block of 4096.
  static func containsNonFinite(_ values: UnsafePointer<Self>, _ range: Range<Int>) -> Bool
  /// The index of the first NaN or infinity in `values`, or `nil`; the
  /// common all-finite case is split over threads and allocates nothing.
  static func firstNonFinite(_ values: UnsafeBufferPointer<Self>) -> Int?
}

extension Float: OptimizerScalar {
  public static func containsNonFinite(_ values: UnsafePointer<Float>, _ range: Range<Int>) -> Bool {
    // An all-ones exponent (NaN or ±∞) plus one exponent step carries into the sign bit.
    scanForNonFinite(values, range, UInt32.self, exponent: 0x7F80_0000, carry: 0x0080_0000)
  }
  public static func firstNonFinite(_ values: UnsafeBufferPointer<Float>) -> Int? { scanFirstNonFinite(values) }
}

extension Double: OptimizerScalar {
  public static func containsNonFinite(_ values: UnsafePointer<Double>, _ range: Range<Int>) -> Bool {
    scanForNonFinite(values, range, UInt64.self, exponent: 0x7FF0_0000_0000_0000, carry: 0x0010_0000_0000_0000)
  }
  public static func firstNonFinite(_ values: UnsafeBufferPointer<Double>) -> Int? { scanFirstNonFinite(values) }
}

/// The scan behind ``OptimizerScalar/containsNonFinite(_:_:)``, on the bit
/// patterns: (bits & exponent) + carry sets the top bit exactly for NaN and
/// ±∞, and OR-ing those words over a block of 4096 has no branch, so the block
/// vectorises; the scan stops after the first block that has one.
@inline(__always)
func scanForNonFinite<Scalar, Word: FixedWidthInteger & UnsignedInteger>(
  _ values: UnsafePointer<Scalar>, _ range: Range<Int>, _: Word.Type, exponent: Word, carry: Word
) -> Bool {
  precondition(MemoryLayout<Scalar>.size == MemoryLayout<Word>.size)
  let words = UnsafeRawPointer(values).assumingMemoryBound(to: Word.self)
  let top = Word(1) << (Word.bitWidth - 1)
  var start = range.lowerBound
  while start < range.upperBound {
    let end = Swift.min(start + 4096, range.upperBound)
    var flags: Word = 0
    for i in start..<end { flags |= (words[i] & exponent) &+ carry }
    if flags & top != 0 { return true }
    start = end
  }
  return false
}
