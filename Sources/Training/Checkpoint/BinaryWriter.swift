/// Serialises a finished ``BinaryEncodingNode`` tree into the binary format (see ``BinaryTag``).
///
/// Keyed entries are written in sorted key order, so equal values (including
/// dictionaries, whose iteration order varies between runs) encode to equal bytes.
struct BinaryWriter {
  /// The bytes written so far.
  private(set) var bytes: [UInt8] = []

  /// Appends `node` and everything under it.
  ///
  /// - Throws: `EncodingError.invalidValue` when containers nest deeper than
  ///   ``BinaryReader/maximumDepth``, which the decoder would refuse.
  mutating func append(_ node: BinaryEncodingNode, depth: Int = 0) throws {
    guard !node.isContainer || depth < BinaryReader.maximumDepth else {
      throw EncodingError.invalidValue(
        node, .init(codingPath: [], debugDescription: "containers nest deeper than \(BinaryReader.maximumDepth) levels"))
    }
    switch node.content {
    case .empty:
      appendTag(.keyed)
      appendVarint(0)
    case .scalar(let scalar):
      append(scalar)
    case .keyed(let storage):
      appendTag(.keyed)
      appendVarint(UInt64(storage.entries.count))
      for key in storage.entries.keys.sorted() {
        guard let child = storage.entries[key] else { continue }
        appendString(key)
        try append(child, depth: depth + 1)
      }
    case .unkeyed(let storage):
      appendTag(.unkeyed)
      appendVarint(UInt64(storage.elements.count))
      for child in storage.elements { try append(child, depth: depth + 1) }
    }
  }

  /// Appends a leaf value with its tag.
  mutating func append(_ scalar: BinaryScalar) {
    switch scalar {
    case .null:
      appendTag(.null)
    case .bool(let value):
      appendTag(value ? .boolTrue : .boolFalse)
    case .signed(let value, let width):
      appendTag(.signed(width: width))
      appendLittleEndian(UInt64(bitPattern: value), width: width)
    case .unsigned(let value, let width):
      appendTag(.unsigned(width: width))
      appendLittleEndian(value, width: width)
    case .float(let value):
      appendTag(.float32)
      appendLittleEndian(UInt64(value.bitPattern), width: 4)
    case .double(let value):
      appendTag(.float64)
      appendLittleEndian(value.bitPattern, width: 8)
    case .string(let value):
      appendTag(.string)
      appendString(value)
    case .floats(let array):
      appendTag(.float32Array)
      appendPacked(array) { UInt64($0.bitPattern) }
    case .doubles(let array):
      appendTag(.float64Array)
      appendPacked(array) { $0.bitPattern }
    case .bytes(let array):
      appendTag(.uint8Array)
      appendVarint(UInt64(array.count))
      bytes.append(contentsOf: array)
    case .ints(let array):
      appendTag(.int64Array)
      appendPacked(array) { UInt64(bitPattern: Int64($0)) }
    }
  }

  private mutating func appendTag(_ tag: BinaryTag) {
    bytes.append(tag.rawValue)
  }

  /// Unsigned LEB128: seven bits per byte, low bits first, high bit set on all but the last.
  private mutating func appendVarint(_ value: UInt64) {
    var rest = value
    while rest >= 0x80 {
      bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
      rest >>= 7
    }
    bytes.append(UInt8(rest))
  }

  /// The low `width` bytes of `value`, least significant first.
  private mutating func appendLittleEndian(_ value: UInt64, width: Int) {
    for byte in 0..<width { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(byte)))) }
  }

  /// A varint byte count and the UTF-8 bytes.
  private mutating func appendString(_ string: String) {
    let utf8 = string.utf8
    appendVarint(UInt64(utf8.count))
    bytes.append(contentsOf: utf8)
  }

  /// A varint element count and the elements' little-endian bytes: one copy
  /// on little-endian machines, where memory already is that layout.
  private mutating func appendPacked<Element: BitwiseCopyable>(_ array: [Element], bits: (Element) -> UInt64) {
    appendVarint(UInt64(array.count))
    #if _endian(little)
      array.withUnsafeBytes { bytes.append(contentsOf: $0) }
    #else
      let width = MemoryLayout<Element>.size
      bytes.reserveCapacity(bytes.count + width * array.count)
      for element in array { appendLittleEndian(bits(element), width: width) }
    #endif
  }
}
