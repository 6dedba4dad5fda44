/// The one-byte tag that starts every value of the binary format.
///
/// ```
/// value   := tag body
/// null, false, true               (no body)
/// int8…int64, uint8…uint64        1, 2, 4 or 8 bytes, little-endian
/// float32, float64                the IEEE 754 bit pattern, little-endian
/// string                          varint byte count, UTF-8 bytes
/// keyed                           varint entry count, then per entry: varint key length, UTF-8 key, value
/// unkeyed                         varint element count, then the values
/// float32Array … int64Array       varint element count, the elements' raw little-endian bytes
/// ```
/// Varints are unsigned LEB128 (at most 10 bytes). Tag 0 is never valid, so
/// zero-filled bytes are rejected.
enum BinaryTag: UInt8 {
  case null = 1
  case boolFalse
  case boolTrue
  case int8
  case int16
  case int32
  case int64
  case uint8
  case uint16
  case uint32
  case uint64
  case float32
  case float64
  case string
  case keyed
  case unkeyed
  case float32Array
  case float64Array
  case uint8Array
  case int64Array

  /// The tag of a signed integer of `width` bytes (1, 2, 4 or 8).
  static func signed(width: Int) -> BinaryTag {
    switch width {
    case 1: return .int8
    case 2: return .int16
    case 4: return .int32
    default: return .int64
    }
  }

  /// The tag of an unsigned integer of `width` bytes (1, 2, 4 or 8).
  static func unsigned(width: Int) -> BinaryTag {
    switch width {
    case 1: return .uint8
    case 2: return .uint16
    case 4: return .uint32
    default: return .uint64
    }
  }

  /// The width in bytes of an integer tag's body; `nil` for other tags.
  var integerWidth: Int? {
    switch self {
    case .int8, .uint8: return 1
    case .int16, .uint16: return 2
    case .int32, .uint32: return 4
    case .int64, .uint64: return 8
    default: return nil
    }
  }
}
