/// A compact, self-describing binary encoding of any `Codable` value.
///
/// Every value starts with a one-byte tag (see ``BinaryTag``); keyed
/// containers store their keys, so decoding looks values up by key and the
/// order of fields does not matter, and `contains`, `decodeNil` and
/// `decodeIfPresent` behave as with JSON. Floating-point values are stored
/// as their bit patterns and round-trip bit for bit (NaN payloads, −0,
/// subnormals). `[Float]`, `[Double]`, `[UInt8]` and `[Int]` are stored as
/// one record of raw little-endian bytes, so a 10⁷-element optimizer state
/// encodes and decodes with one copy each way.
///
/// ```swift
/// let bytes = try BinaryCoding.encode(optimizer.state)
/// let state = try BinaryCoding.decode(Adam<Float>.State.self, from: bytes)
/// ```
public enum BinaryCoding {
  /// The bytes of `value`.
  ///
  /// Keyed entries are written in sorted key order, so equal values encode
  /// to equal bytes.
  ///
  /// - Throws: whatever `value`'s `encode(to:)` throws, or an
  ///   `EncodingError` when containers nest deeper than 512 levels.
  public static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
    let root = try BinaryEncoder.node(for: value, codingPath: [])
    var writer = BinaryWriter()
    try writer.append(root)
    return writer.bytes
  }

  /// The `T` that `bytes` encode.
  ///
  /// - Throws: ``CheckpointError/malformed(path:message:)`` when the bytes
  ///   are truncated, have an unknown tag, a length larger than what
  ///   remains, invalid UTF-8 or trailing bytes, or do not match `T` (a
  ///   wrong type or a missing key); the message says what and at which byte offset.
  public static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws(CheckpointError) -> T {
    try decode(type, from: bytes, range: bytes.indices)
  }

  /// The `T` that `bytes[range]` encode (offsets in messages count from the range's start).
  static func decode<T: Decodable>(
    _ type: T.Type, from bytes: [UInt8], range: Range<Int>
  ) throws(CheckpointError) -> T {
    let root = try BinaryReader.parse(bytes, range: range)
    do {
      return try root.decode(type, codingPath: [])
    } catch let error as CheckpointError {
      throw error
    } catch let error as DecodingError {
      throw .malformed(path: nil, message: describe(error))
    } catch {
      throw .malformed(path: nil, message: "decoding \(T.self) failed: \(error)")
    }
  }

  /// A `DecodingError`'s description and coding path, on one line.
  static func describe(_ error: DecodingError) -> String {
    let context: DecodingError.Context
    switch error {
    case .typeMismatch(_, let c), .valueNotFound(_, let c), .keyNotFound(_, let c), .dataCorrupted(let c):
      context = c
    @unknown default:
      return "\(error)"
    }
    let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
    return path.isEmpty ? context.debugDescription : "\(context.debugDescription) (at \(path.drop { $0 == "." }))"
  }

  /// The message of an error thrown while encoding.
  static func describe(encoding error: any Error) -> String {
    guard let error = error as? EncodingError else { return "\(error)" }
    switch error {
    case .invalidValue(_, let context):
      return context.debugDescription
    @unknown default:
      return "\(error)"
    }
  }
}
