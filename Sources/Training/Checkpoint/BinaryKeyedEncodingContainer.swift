/// The keyed encoding container of ``BinaryEncoder``: entries by key string.
struct BinaryKeyedEncodingContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
  let storage: BinaryEncodingNode.Keyed
  let codingPath: [any CodingKey]

  private func set(_ scalar: BinaryScalar, _ key: Key) {
    storage.entries[key.stringValue] = BinaryEncodingNode(.scalar(scalar))
  }

  mutating func encodeNil(forKey key: Key) throws { set(.null, key) }
  mutating func encode(_ value: Bool, forKey key: Key) throws { set(.bool(value), key) }
  mutating func encode(_ value: String, forKey key: Key) throws { set(.string(value), key) }
  mutating func encode(_ value: Double, forKey key: Key) throws { set(.double(value), key) }
  mutating func encode(_ value: Float, forKey key: Key) throws { set(.float(value), key) }
  mutating func encode(_ value: Int, forKey key: Key) throws { set(.signed(Int64(value), width: 8), key) }
  mutating func encode(_ value: Int8, forKey key: Key) throws { set(.signed(Int64(value), width: 1), key) }
  mutating func encode(_ value: Int16, forKey key: Key) throws { set(.signed(Int64(value), width: 2), key) }
  mutating func encode(_ value: Int32, forKey key: Key) throws { set(.signed(Int64(value), width: 4), key) }
  mutating func encode(_ value: Int64, forKey key: Key) throws { set(.signed(value, width: 8), key) }
  mutating func encode(_ value: UInt, forKey key: Key) throws { set(.unsigned(UInt64(value), width: 8), key) }
  mutating func encode(_ value: UInt8, forKey key: Key) throws { set(.unsigned(UInt64(value), width: 1), key) }
  mutating func encode(_ value: UInt16, forKey key: Key) throws { set(.unsigned(UInt64(value), width: 2), key) }
  mutating func encode(_ value: UInt32, forKey key: Key) throws { set(.unsigned(UInt64(value), width: 4), key) }
  mutating func encode(_ value: UInt64, forKey key: Key) throws { set(.unsigned(value, width: 8), key) }

  mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
    storage.entries[key.stringValue] = try BinaryEncoder.node(for: value, codingPath: codingPath + [key])
  }

  /// The child node under `key`, made empty if absent (a repeated request reuses it).
  private func child(_ key: any CodingKey) -> BinaryEncodingNode {
    if let existing = storage.entries[key.stringValue] { return existing }
    let node = BinaryEncodingNode()
    storage.entries[key.stringValue] = node
    return node
  }

  mutating func nestedContainer<NestedKey: CodingKey>(
    keyedBy keyType: NestedKey.Type, forKey key: Key
  ) -> KeyedEncodingContainer<NestedKey> {
    KeyedEncodingContainer(
      BinaryKeyedEncodingContainer<NestedKey>(storage: child(key).keyedStorage(), codingPath: codingPath + [key]))
  }

  mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
    BinaryUnkeyedEncodingContainer(storage: child(key).unkeyedStorage(), codingPath: codingPath + [key])
  }

  mutating func superEncoder() -> any Encoder {
    BinaryEncoder(node: child(BinaryCodingKey.superKey), codingPath: codingPath + [BinaryCodingKey.superKey])
  }

  mutating func superEncoder(forKey key: Key) -> any Encoder {
    BinaryEncoder(node: child(key), codingPath: codingPath + [key])
  }
}
