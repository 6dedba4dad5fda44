/// The unkeyed encoding container of ``BinaryEncoder``: elements in order.
struct BinaryUnkeyedEncodingContainer: UnkeyedEncodingContainer {
  let storage: BinaryEncodingNode.Unkeyed
  let codingPath: [any CodingKey]
  var count: Int { storage.elements.count }

  private var nextKey: BinaryCodingKey { BinaryCodingKey(intValue: count) }

  private func append(_ scalar: BinaryScalar) {
    storage.elements.append(BinaryEncodingNode(.scalar(scalar)))
  }

  /// Appends an empty node and returns it.
  private func appendChild() -> BinaryEncodingNode {
    let node = BinaryEncodingNode()
    storage.elements.append(node)
    return node
  }

  mutating func encodeNil() throws { append(.null) }
  mutating func encode(_ value: Bool) throws { append(.bool(value)) }
  mutating func encode(_ value: String) throws { append(.string(value)) }
  mutating func encode(_ value: Double) throws { append(.double(value)) }
  mutating func encode(_ value: Float) throws { append(.float(value)) }
  mutating func encode(_ value: Int) throws { append(.signed(Int64(value), width: 8)) }
  mutating func encode(_ value: Int8) throws { append(.signed(Int64(value), width: 1)) }
  mutating func encode(_ value: Int16) throws { append(.signed(Int64(value), width: 2)) }
  mutating func encode(_ value: Int32) throws { append(.signed(Int64(value), width: 4)) }
  mutating func encode(_ value: Int64) throws { append(.signed(value, width: 8)) }
  mutating func encode(_ value: UInt) throws { append(.unsigned(UInt64(value), width: 8)) }
  mutating func encode(_ value: UInt8) throws { append(.unsigned(UInt64(value), width: 1)) }
  mutating func encode(_ value: UInt16) throws { append(.unsigned(UInt64(value), width: 2)) }
  mutating func encode(_ value: UInt32) throws { append(.unsigned(UInt64(value), width: 4)) }
  mutating func encode(_ value: UInt64) throws { append(.unsigned(value, width: 8)) }

  mutating func encode<T: Encodable>(_ value: T) throws {
    let node = try BinaryEncoder.node(for: value, codingPath: codingPath + [nextKey])
    storage.elements.append(node)
  }

  mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
    let path = codingPath + [nextKey]
    return KeyedEncodingContainer(
      BinaryKeyedEncodingContainer<NestedKey>(storage: appendChild().keyedStorage(), codingPath: path))
  }

  mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
    let path = codingPath + [nextKey]
    return BinaryUnkeyedEncodingContainer(storage: appendChild().unkeyedStorage(), codingPath: path)
  }

  mutating func superEncoder() -> any Encoder {
    let path = codingPath + [nextKey]
    return BinaryEncoder(node: appendChild(), codingPath: path)
  }
}
