/// The keyed decoding container of ``BinaryDecoder``: values looked up by key string.
struct BinaryKeyedDecodingContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
  let entries: BinaryNode.Entries
  /// The byte offset of the container's tag, for messages.
  let offset: Int
  let codingPath: [any CodingKey]

  var allKeys: [Key] { entries.keys.compactMap { Key(stringValue: $0) } }

  func contains(_ key: Key) -> Bool { entries.values[key.stringValue] != nil }

  /// The value under `key`, or `DecodingError.keyNotFound`.
  private func node(_ key: any CodingKey) throws -> BinaryNode {
    guard let node = entries.values[key.stringValue] else {
      throw DecodingError.keyNotFound(
        key,
        .init(
          codingPath: codingPath,
          debugDescription: "no key \"\(key.stringValue)\" in the keyed container at byte offset \(offset)"))
    }
    return node
  }

  func decodeNil(forKey key: Key) throws -> Bool { try node(key).isNull }
  func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try node(key).bool(codingPath + [key]) }
  func decode(_ type: String.Type, forKey key: Key) throws -> String { try node(key).string(codingPath + [key]) }
  func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try node(key).double(codingPath + [key]) }
  func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try node(key).float(codingPath + [key]) }
  func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try node(key).integer(type, codingPath + [key]) }
  func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try node(key).integer(type, codingPath + [key]) }
  func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try node(key).integer(type, codingPath + [key]) }
  func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try node(key).integer(type, codingPath + [key]) }
  func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try node(key).integer(type, codingPath + [key]) }
  func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try node(key).integer(type, codingPath + [key]) }
  func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try node(key).integer(type, codingPath + [key]) }
  func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try node(key).integer(type, codingPath + [key]) }
  func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try node(key).integer(type, codingPath + [key]) }
  func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try node(key).integer(type, codingPath + [key]) }

  func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
    try node(key).decode(type, codingPath: codingPath + [key])
  }

  func nestedContainer<NestedKey: CodingKey>(
    keyedBy type: NestedKey.Type, forKey key: Key
  ) throws -> KeyedDecodingContainer<NestedKey> {
    try BinaryDecoder(node: try node(key), codingPath: codingPath + [key]).container(keyedBy: type)
  }

  func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
    try BinaryDecoder(node: try node(key), codingPath: codingPath + [key]).unkeyedContainer()
  }

  func superDecoder() throws -> any Decoder { superDecoder(BinaryCodingKey.superKey) }

  func superDecoder(forKey key: Key) throws -> any Decoder { superDecoder(key) }

  /// A decoder for the value under `key`; `nil` if absent (as `JSONDecoder` does).
  private func superDecoder(_ key: any CodingKey) -> any Decoder {
    let node = entries.values[key.stringValue] ?? BinaryNode(offset: offset, content: .scalar(.null))
    return BinaryDecoder(node: node, codingPath: codingPath + [key])
  }
}
