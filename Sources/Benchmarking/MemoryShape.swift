import Optimizers

/// The memory traffic of an element-wise step: arrays read once, and arrays
/// read and written in place once, per element.
///
/// An optimizer step reads the gradient and updates the parameters and each
/// state array in place: Adam is 1 read-only + 3 read-write arrays,
/// 4 reads + 3 writes = 28 B per float32 parameter.
public struct MemoryShape: Sendable, Equatable, CustomStringConvertible {
  /// Arrays only read (the gradient).
  public var readOnly: Int
  /// Arrays read and written in place (parameters and state).
  public var readWrite: Int
  /// Bytes per element (4 for Float, 8 for Double).
  public var scalarBytes: Int

  public init(readOnly: Int, readWrite: Int, scalarBytes: Int) {
    self.readOnly = readOnly
    self.readWrite = readWrite
    self.scalarBytes = scalarBytes
  }

  /// Bytes moved per element: every array read once, the read-write ones also written once.
  public var bytesPerElement: Int { (readOnly + 2 * readWrite) * scalarBytes }

  /// Optimizer state bytes per parameter (the read-write arrays other than the parameters).
  public var stateBytesPerParameter: Int { (readWrite - 1) * scalarBytes }

  public var description: String {
    "\(readOnly + readWrite) reads + \(readWrite) writes of \(scalarBytes) B = \(bytesPerElement) B/param"
  }

  /// The shape of `optimizer`'s step: the gradient read, the parameters and
  /// every state array with one entry per parameter updated in place.
  public static func of<Scalar: OptimizerScalar>(_ optimizer: any OptimizerProtocol<Scalar>) -> MemoryShape {
    let n = optimizer.parameters.count
    return MemoryShape(
      readOnly: 1, readWrite: 1 + perParameterArrays(in: optimizer.stateSnapshot, count: n, of: Scalar.self),
      scalarBytes: MemoryLayout<Scalar>.size)
  }

  /// Counts the `[Scalar]` arrays of length `count` anywhere inside `value`.
  static func perParameterArrays<Scalar>(in value: Any, count: Int, of _: Scalar.Type) -> Int {
    if let array = value as? [Scalar] { return array.count == count ? 1 : 0 }
    return Mirror(reflecting: value).children.reduce(0) { $0 + perParameterArrays(in: $1.value, count: count, of: Scalar.self) }
  }
}
