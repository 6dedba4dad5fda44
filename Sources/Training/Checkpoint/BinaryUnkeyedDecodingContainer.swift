/// The unkeyed decoding container of ``BinaryDecoder``, over an unkeyed
/// container or, element by element, over a packed array.
struct BinaryUnkeyedDecodingContainer: UnkeyedDecodingContainer {
  /// The sequence being read.
  private let node: BinaryNode
  let codingPath: [any CodingKey]
  let count: Int?
  private(set) var currentIndex = 0

  /// A container over `node`; `nil` unless it is an unkeyed container or a packed array.
  init?(node: BinaryNode, codingPath: [any CodingKey]) {
    switch node.content {
    case .unkeyed(let elements): count = elements.count
    case .scalar(let scalar):
      guard let packedCount = scalar.packedCount else { return nil }
      count = packedCount
    case .keyed: return nil
    }
    self.node = node
    self.codingPath = codingPath
  }

  var isAtEnd: Bool { currentIndex >= (count ?? 0) }

  private var currentPath: [any CodingKey] { codingPath + [BinaryCodingKey(intValue: currentIndex)] }

  /// The current element, without advancing.
  private func current<T>(_ type: T.Type) throws -> BinaryNode {
    switch node.content {
    case .unkeyed(let elements) where elements.indices.contains(currentIndex):
      return elements[currentIndex]
    case .scalar(let scalar):
      if let element = scalar.packedElement(currentIndex) {
        return BinaryNode(offset: node.offset, content: .scalar(element))
      }
    default:
      break
    }
    throw DecodingError.valueNotFound(
      type,
      .init(
        codingPath: currentPath,
        debugDescription: "the sequence at byte offset \(node.offset) has no element \(currentIndex) (count \(count ?? 0))"))
  }

  /// Reads the current element with `read` and advances only if that succeeds.
  private mutating func next<T>(_ type: T.Type, _ read: (BinaryNode, [any CodingKey]) throws -> T) throws -> T {
    let value = try read(try current(type), currentPath)
    currentIndex += 1
    return value
  }

  mutating func decodeNil() throws -> Bool {
    guard try current(Never?.self).isNull else { return false }
    currentIndex += 1
    return true
  }

  mutating func decode(_ type: Bool.Type) throws -> Bool { try next(type) { try $0.bool($1) } }
  mutating func decode(_ type: String.Type) throws -> String { try next(type) { try $0.string($1) } }
  mutating func decode(_ type: Double.Type) throws -> Double { try next(type) { try $0.double($1) } }
  mutating func decode(_ type: Float.Type) throws -> Float { try next(type) { try $0.float($1) } }
  mutating func decode(_ type: Int.Type) throws -> Int { try next(type) { try $0.integer(type, $1) } }
  mutating func decode(_ type: Int8.Type) throws -> Int8 { try next(type) { try $0.integer(type, $1) } }
  mutating func decode(_ type: Int16.Type) throws -> Int16 { try next(type) { try $0.integer(type, $1) } }
  mutating func decode(_ type: Int32.Type) throws -> Int32 { try next(type) { try $0.integer(type, $1) } }
  mutating func decode(_ type: Int64.Type) throws -> Int64 { try next(type) { try $0.integer(type, $1) } }
  mutating func decode(_ type: UInt.Type) throws -> UInt { try next(type) { try $0.integer(type, $1) } }
  mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try next(type) { try $0.integer(type, $1) } }
  mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try next(type) { try $0.integer(type, $1) } }
  mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try next(type) { try $0.integer(type, $1) } }
  mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try next(type) { try $0.integer(type, $1) } }

  mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
    try next(type) { try $0.decode(type, codingPath: $1) }
  }

  mutating func nestedContainer<NestedKey: CodingKey>(
    keyedBy type: NestedKey.Type
  ) throws -> KeyedDecodingContainer<NestedKey> {
    try next(KeyedDecodingContainer<NestedKey>.self) { try BinaryDecoder(node: $0, codingPath: $1).container(keyedBy: type) }
  }

  mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
    try next((any UnkeyedDecodingContainer).self) { try BinaryDecoder(node: $0, codingPath: $1).unkeyedContainer() }
  }

  mutating func superDecoder() throws -> any Decoder {
    try next((any Decoder).self) { BinaryDecoder(node: $0, codingPath: $1) }
  }
}
