/// The `Decoder` behind ``BinaryCoding/decode(_:from:)``: reads a parsed
/// ``BinaryNode`` tree. It is also the single-value container.
///
/// Errors are `DecodingError`s whose descriptions give the byte offset;
/// ``BinaryCoding`` turns them into ``CheckpointError/malformed(path:message:)``.
struct BinaryDecoder: Decoder {
  /// The value being decoded.
  let node: BinaryNode
  let codingPath: [any CodingKey]
  var userInfo: [CodingUserInfoKey: Any] { [:] }

  func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
    guard case .keyed(let entries) = node.content else { throw node.mismatch([String: Any].self, codingPath) }
    return KeyedDecodingContainer(
      BinaryKeyedDecodingContainer<Key>(entries: entries, offset: node.offset, codingPath: codingPath))
  }

  func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
    guard let container = BinaryUnkeyedDecodingContainer(node: node, codingPath: codingPath) else {
      throw node.mismatch([Any].self, codingPath)
    }
    return container
  }

  func singleValueContainer() throws -> any SingleValueDecodingContainer { self }
}

extension BinaryDecoder: SingleValueDecodingContainer {
  func decodeNil() -> Bool { node.isNull }
  func decode(_ type: Bool.Type) throws -> Bool { try node.bool(codingPath) }
  func decode(_ type: String.Type) throws -> String { try node.string(codingPath) }
  func decode(_ type: Double.Type) throws -> Double { try node.double(codingPath) }
  func decode(_ type: Float.Type) throws -> Float { try node.float(codingPath) }
  func decode(_ type: Int.Type) throws -> Int { try node.integer(type, codingPath) }
  func decode(_ type: Int8.Type) throws -> Int8 { try node.integer(type, codingPath) }
  func decode(_ type: Int16.Type) throws -> Int16 { try node.integer(type, codingPath) }
  func decode(_ type: Int32.Type) throws -> Int32 { try node.integer(type, codingPath) }
  func decode(_ type: Int64.Type) throws -> Int64 { try node.integer(type, codingPath) }
  func decode(_ type: UInt.Type) throws -> UInt { try node.integer(type, codingPath) }
  func decode(_ type: UInt8.Type) throws -> UInt8 { try node.integer(type, codingPath) }
  func decode(_ type: UInt16.Type) throws -> UInt16 { try node.integer(type, codingPath) }
  func decode(_ type: UInt32.Type) throws -> UInt32 { try node.integer(type, codingPath) }
  func decode(_ type: UInt64.Type) throws -> UInt64 { try node.integer(type, codingPath) }
  func decode<T: Decodable>(_ type: T.Type) throws -> T { try node.decode(type, codingPath: codingPath) }
}
