/// The `Encoder` behind ``BinaryCoding/encode(_:)``: records what a value
/// encodes into a ``BinaryEncodingNode``.
///
/// It is also the single-value container. The fast-path arrays (`[Float]`,
/// `[Double]`, `[UInt8]`, `[Int]`) become one packed scalar wherever they
/// appear, without per-element container calls.
struct BinaryEncoder: Encoder {
  /// The node this encoder fills.
  let node: BinaryEncodingNode
  let codingPath: [any CodingKey]
  var userInfo: [CodingUserInfoKey: Any] { [:] }

  init(node: BinaryEncodingNode, codingPath: [any CodingKey]) {
    self.node = node
    self.codingPath = codingPath
  }

  /// The node for `value`: a packed array, or whatever its `encode(to:)` records.
  static func node<T: Encodable>(for value: T, codingPath: [any CodingKey]) throws -> BinaryEncodingNode {
    if let packed = BinaryScalar.packed(value) { return BinaryEncodingNode(.scalar(packed)) }
    let node = BinaryEncodingNode()
    try value.encode(to: BinaryEncoder(node: node, codingPath: codingPath))
    return node
  }

  func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
    KeyedEncodingContainer(BinaryKeyedEncodingContainer<Key>(storage: node.keyedStorage(), codingPath: codingPath))
  }

  func unkeyedContainer() -> any UnkeyedEncodingContainer {
    BinaryUnkeyedEncodingContainer(storage: node.unkeyedStorage(), codingPath: codingPath)
  }

  func singleValueContainer() -> any SingleValueEncodingContainer { self }
}

extension BinaryEncoder: SingleValueEncodingContainer {
  private func set(_ scalar: BinaryScalar) { node.content = .scalar(scalar) }

  mutating func encodeNil() throws { set(.null) }
  mutating func encode(_ value: Bool) throws { set(.bool(value)) }
  mutating func encode(_ value: String) throws { set(.string(value)) }
  mutating func encode(_ value: Double) throws { set(.double(value)) }
  mutating func encode(_ value: Float) throws { set(.float(value)) }
  mutating func encode(_ value: Int) throws { set(.signed(Int64(value), width: 8)) }
  mutating func encode(_ value: Int8) throws { set(.signed(Int64(value), width: 1)) }
  mutating func encode(_ value: Int16) throws { set(.signed(Int64(value), width: 2)) }
  mutating func encode(_ value: Int32) throws { set(.signed(Int64(value), width: 4)) }
  mutating func encode(_ value: Int64) throws { set(.signed(value, width: 8)) }
  mutating func encode(_ value: UInt) throws { set(.unsigned(UInt64(value), width: 8)) }
  mutating func encode(_ value: UInt8) throws { set(.unsigned(UInt64(value), width: 1)) }
  mutating func encode(_ value: UInt16) throws { set(.unsigned(UInt64(value), width: 2)) }
  mutating func encode(_ value: UInt32) throws { set(.unsigned(UInt64(value), width: 4)) }
  mutating func encode(_ value: UInt64) throws { set(.unsigned(value, width: 8)) }

  mutating func encode<T: Encodable>(_ value: T) throws {
    node.content = try Self.node(for: value, codingPath: codingPath).content
  }
}
