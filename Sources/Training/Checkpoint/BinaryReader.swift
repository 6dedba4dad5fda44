/// Parses bytes of the binary format (see ``BinaryTag``) into a ``BinaryNode`` tree.
///
/// Every read is bounds-checked and every length is checked against the
/// bytes that remain before anything is allocated, so no input, however
/// corrupt, reads out of bounds, traps on overflow or allocates more than
/// the input's size. Failures are ``CheckpointError/malformed(path:message:)``
/// naming what was expected and the byte offset.
struct BinaryReader {
  /// The deepest nesting of containers accepted (bounding the parser's recursion).
  static let maximumDepth = 512

  private let bytes: [UInt8]
  /// Where the encoded value starts in `bytes`; reported offsets count from here.
  private let base: Int
  /// Where the encoded value ends in `bytes`.
  private let end: Int
  /// The index in `bytes` of the next byte to read.
  private var cursor: Int

  /// A reader of `bytes[range]` (the range is clamped to the array).
  init(_ bytes: [UInt8], range: Range<Int>) {
    let clamped = range.clamped(to: bytes.indices)
    self.bytes = bytes
    self.base = clamped.lowerBound
    self.end = clamped.upperBound
    self.cursor = clamped.lowerBound
  }

  /// The offset of the next byte, counted from the start of the value.
  var offset: Int { cursor - base }

  /// The bytes not yet read.
  var remaining: Int { end - cursor }

  /// The single value `bytes[range]` holds; trailing bytes are an error.
  static func parse(_ bytes: [UInt8], range: Range<Int>? = nil) throws(CheckpointError) -> BinaryNode {
    var reader = BinaryReader(bytes, range: range ?? bytes.indices)
    let root = try reader.readValue(depth: 0)
    guard reader.remaining == 0 else {
      throw malformed("\(reader.remaining) unexpected bytes after the value, at byte offset \(reader.offset)")
    }
    return root
  }

  private static func malformed(_ message: String) -> CheckpointError {
    .malformed(path: nil, message: message)
  }

  /// One tagged value and everything inside it.
  mutating func readValue(depth: Int) throws(CheckpointError) -> BinaryNode {
    let start = offset
    let byte = try readByte("a value tag")
    guard let tag = BinaryTag(rawValue: byte) else {
      throw Self.malformed("unknown tag \(byte) at byte offset \(start)")
    }
    func scalar(_ value: BinaryScalar) -> BinaryNode { BinaryNode(offset: start, content: .scalar(value)) }
    switch tag {
    case .null:
      return scalar(.null)
    case .boolFalse:
      return scalar(.bool(false))
    case .boolTrue:
      return scalar(.bool(true))
    case .int8, .int16, .int32, .int64:
      let width = tag.integerWidth ?? 8
      let bits = try readLittleEndian(width: width, "Int\(width * 8)")
      let unused = UInt64(64 - 8 * width)
      return scalar(.signed(Int64(bitPattern: bits << unused) >> unused, width: width))
    case .uint8, .uint16, .uint32, .uint64:
      let width = tag.integerWidth ?? 8
      return scalar(.unsigned(try readLittleEndian(width: width, "UInt\(width * 8)"), width: width))
    case .float32:
      return scalar(.float(Float(bitPattern: UInt32(truncatingIfNeeded: try readLittleEndian(width: 4, "Float")))))
    case .float64:
      return scalar(.double(Double(bitPattern: try readLittleEndian(width: 8, "Double"))))
    case .string:
      return scalar(.string(try readString("String")))
    case .float32Array:
      let count = try readCount(elementWidth: 4, "[Float]")
      return scalar(.floats(try readPacked(count: count, width: 4) { Float(bitPattern: UInt32(truncatingIfNeeded: $0)) }))
    case .float64Array:
      let count = try readCount(elementWidth: 8, "[Double]")
      return scalar(.doubles(try readPacked(count: count, width: 8) { Double(bitPattern: $0) }))
    case .uint8Array:
      let count = try readCount(elementWidth: 1, "[UInt8]")
      return scalar(.bytes(try readPacked(count: count, width: 1) { UInt8(truncatingIfNeeded: $0) }))
    case .int64Array:
      let count = try readCount(elementWidth: 8, "[Int]")
      let elementsStart = offset
      return scalar(
        .ints(
          try readPacked(count: count, width: 8) { (bits: UInt64) throws(CheckpointError) -> Int in
            guard let value = Int(exactly: Int64(bitPattern: bits)) else {
              throw Self.malformed("an [Int] element at byte offset \(elementsStart) does not fit in Int")
            }
            return value
          }))
    case .keyed:
      guard depth < Self.maximumDepth else {
        throw Self.malformed("containers nest deeper than \(Self.maximumDepth) levels at byte offset \(start)")
      }
      // Each entry takes at least two bytes: an empty key's length and a tag.
      let count = try readCount(elementWidth: 2, "keyed container")
      var entries = BinaryNode.Entries()
      entries.keys.reserveCapacity(count)
      entries.values.reserveCapacity(count)
      for _ in 0..<count {
        let keyOffset = offset
        let key = try readString("key")
        guard entries.values[key] == nil else {
          throw Self.malformed("duplicate key \"\(key)\" at byte offset \(keyOffset)")
        }
        entries.keys.append(key)
        entries.values[key] = try readValue(depth: depth + 1)
      }
      return BinaryNode(offset: start, content: .keyed(entries))
    case .unkeyed:
      guard depth < Self.maximumDepth else {
        throw Self.malformed("containers nest deeper than \(Self.maximumDepth) levels at byte offset \(start)")
      }
      let count = try readCount(elementWidth: 1, "unkeyed container")
      var elements: [BinaryNode] = []
      elements.reserveCapacity(count)
      for _ in 0..<count { elements.append(try readValue(depth: depth + 1)) }
      return BinaryNode(offset: start, content: .unkeyed(elements))
    }
  }

  private mutating func readByte(_ what: String) throws(CheckpointError) -> UInt8 {
    guard cursor < end else {
      throw Self.malformed("truncated: expected \(what) at byte offset \(offset), found the end of the data")
    }
    defer { cursor += 1 }
    return bytes[cursor]
  }

  /// `width` (≤ 8) bytes, least significant first.
  private mutating func readLittleEndian(width: Int, _ what: String) throws(CheckpointError) -> UInt64 {
    guard remaining >= width else {
      throw Self.malformed(
        "truncated: expected the \(width) bytes of \(what) at byte offset \(offset), only \(remaining) remain")
    }
    var value: UInt64 = 0
    for index in 0..<width { value |= UInt64(bytes[cursor + index]) << UInt64(8 * index) }
    cursor += width
    return value
  }

  /// Unsigned LEB128 of at most ten bytes whose value fits in 64 bits.
  private mutating func readVarint(_ what: String) throws(CheckpointError) -> UInt64 {
    let start = offset
    var value: UInt64 = 0
    for index in 0..<10 {
      let byte = try readByte("the length of \(what)")
      if index == 9 && byte > 1 {
        throw Self.malformed("the length of \(what) at byte offset \(start) overflows 64 bits")
      }
      value |= UInt64(byte & 0x7F) << UInt64(7 * index)
      if byte & 0x80 == 0 { return value }
    }
    throw Self.malformed("the length of \(what) at byte offset \(start) overflows 64 bits")
  }

  /// An element count, checked against the bytes that remain (`elementWidth`
  /// is the least number of bytes one element takes).
  private mutating func readCount(elementWidth: Int, _ what: String) throws(CheckpointError) -> Int {
    let start = offset
    let count = try readVarint(what)
    let available = remaining / elementWidth
    guard count <= UInt64(available) else {
      throw Self.malformed(
        "the length \(count) of \(what) at byte offset \(start) exceeds the \(remaining) bytes that remain")
    }
    return Int(count)
  }

  /// A byte count and that many bytes of valid UTF-8.
  private mutating func readString(_ what: String) throws(CheckpointError) -> String {
    let count = try readCount(elementWidth: 1, what)
    guard let string = String(validating: bytes[cursor..<cursor + count], as: UTF8.self) else {
      throw Self.malformed("\(what) at byte offset \(offset) is not valid UTF-8")
    }
    cursor += count
    return string
  }

  /// `count` elements of `width` bytes each, little-endian. On a
  /// little-endian machine, where the element's memory layout is its
  /// encoding, one copy; otherwise `element` converts each one.
  ///
  /// `count` comes from ``readCount(elementWidth:_:)`` with the same width,
  /// so `count * width` cannot overflow; it is checked against what remains again here.
  private mutating func readPacked<Element: BitwiseCopyable>(
    count: Int, width: Int, element: (UInt64) throws(CheckpointError) -> Element
  ) throws(CheckpointError) -> [Element] {
    let start = cursor
    let byteCount = count * width
    let source = bytes
    guard byteCount <= remaining else {
      throw Self.malformed("truncated: \(count) elements at byte offset \(offset) need \(byteCount) bytes")
    }
    cursor += byteCount
    // Array(unsafeUninitializedCapacity: 0) writes its count into the shared
    // empty-array storage, a race ThreadSanitizer reports between threads.
    if count == 0 { return [] }
    #if _endian(little)
      if MemoryLayout<Element>.size == width && MemoryLayout<Element>.stride == width {
        return [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
          source.withUnsafeBytes { raw in
            UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[start..<start + byteCount]))
          }
          initialized = count
        }
      }
    #endif
    var result: [Element] = []
    result.reserveCapacity(count)
    for index in 0..<count {
      var bits: UInt64 = 0
      let first = start + index * width
      for byte in 0..<width { bits |= UInt64(source[first + byte]) << UInt64(8 * byte) }
      result.append(try element(bits))
    }
    return result
  }
}
