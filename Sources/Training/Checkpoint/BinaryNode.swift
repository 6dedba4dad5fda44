/// A parsed value of the binary format, with the byte offset of its tag.
///
/// ``BinaryReader`` builds the whole tree (checking every length and tag)
/// before any `Decodable` initialiser runs; ``BinaryDecoder`` then reads it.
/// Keyed entries are looked up by key, so their order does not matter.
struct BinaryNode {
  /// What the value is.
  enum Content {
    case scalar(BinaryScalar)
    case keyed(Entries)
    case unkeyed([BinaryNode])
  }

  /// The entries of a keyed container: keys in file order, values by key.
  struct Entries {
    var keys: [String] = []
    var values: [String: BinaryNode] = [:]
  }

  /// Where the value's tag is, counted from the start of the payload.
  let offset: Int
  let content: Content

  /// Whether the value is `nil`.
  var isNull: Bool {
    if case .scalar(.null) = content { return true }
    return false
  }

  /// What the value is, for error messages.
  var typeName: String {
    switch content {
    case .scalar(let scalar): return scalar.typeName
    case .keyed(let entries): return "keyed container of \(entries.keys.count)"
    case .unkeyed(let elements): return "unkeyed container of \(elements.count)"
    }
  }

  /// The error for reading this value as a `type`.
  func mismatch(_ type: Any.Type, _ codingPath: [any CodingKey]) -> DecodingError {
    .typeMismatch(
      type, .init(codingPath: codingPath, debugDescription: "expected \(type) at byte offset \(offset), found \(typeName)"))
  }

  /// The value as a `Bool`.
  func bool(_ codingPath: [any CodingKey]) throws -> Bool {
    guard case .scalar(.bool(let value)) = content else { throw mismatch(Bool.self, codingPath) }
    return value
  }

  /// The value as an `Integer`; any stored width is accepted if the value fits exactly.
  func integer<Integer: FixedWidthInteger>(_ type: Integer.Type, _ codingPath: [any CodingKey]) throws -> Integer {
    let converted: Integer?
    switch content {
    case .scalar(.signed(let value, _)): converted = Integer(exactly: value)
    case .scalar(.unsigned(let value, _)): converted = Integer(exactly: value)
    default: throw mismatch(type, codingPath)
    }
    guard let converted else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: codingPath, debugDescription: "the \(typeName) at byte offset \(offset) does not fit in \(type)"))
    }
    return converted
  }

  /// The value as a `Float` (stored as a Float, bit for bit).
  func float(_ codingPath: [any CodingKey]) throws -> Float {
    guard case .scalar(.float(let value)) = content else { throw mismatch(Float.self, codingPath) }
    return value
  }

  /// The value as a `Double` (a stored Float widens exactly).
  func double(_ codingPath: [any CodingKey]) throws -> Double {
    switch content {
    case .scalar(.double(let value)): return value
    case .scalar(.float(let value)): return Double(value)
    default: throw mismatch(Double.self, codingPath)
    }
  }

  /// The value as a `String`.
  func string(_ codingPath: [any CodingKey]) throws -> String {
    guard case .scalar(.string(let value)) = content else { throw mismatch(String.self, codingPath) }
    return value
  }

  /// The value as a `T`: a packed array directly, anything else through `T(from:)`.
  func decode<T: Decodable>(_ type: T.Type, codingPath: [any CodingKey]) throws -> T {
    if case .scalar(let scalar) = content, let value = scalar.unpacked(as: T.self) { return value }
    return try T(from: BinaryDecoder(node: self, codingPath: codingPath))
  }
}
