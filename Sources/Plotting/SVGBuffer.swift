/// A growing UTF-8 byte buffer for SVG text, with fast formatting of pixel
/// coordinates (rounded to 0.1 px) and XML escaping of user text.
struct SVGBuffer {
  /// The bytes written so far.
  private(set) var bytes: [UInt8] = []

  init(reservingCapacity capacity: Int = 1 << 16) {
    bytes.reserveCapacity(capacity)
  }

  /// The buffer as a string.
  var string: String { String(decoding: bytes, as: UTF8.self) }

  /// Appends literal SVG markup (not escaped).
  mutating func raw(_ text: String) {
    bytes.append(contentsOf: text.utf8)
  }

  /// Appends user text escaped for element content and attribute values:
  /// `& < > " '` become entities and characters XML forbids are dropped.
  mutating func escaped(_ text: String) {
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": raw("&amp;")
      case "<": raw("&lt;")
      case ">": raw("&gt;")
      case "\"": raw("&quot;")
      case "'": raw("&apos;")
      case "\t", "\n", "\r": bytes.append(UInt8(scalar.value))
      default:
        let v = scalar.value
        // XML 1.0 allows no other C0 controls and neither U+FFFE nor U+FFFF.
        if v < 0x20 || v == 0xFFFE || v == 0xFFFF { continue }
        bytes.append(contentsOf: String(scalar).utf8)
      }
    }
  }

  /// Appends a pixel coordinate rounded to 0.1, without trailing zeros
  /// ("12", "12.5", "-0.3"); non-finite values are written as 0.
  mutating func number(_ value: Double) {
    guard value.isFinite else {
      bytes.append(UInt8(ascii: "0"))
      return
    }
    // Coordinates are clamped far outside any canvas so the integer math is safe.
    let tenths = Int((min(max(value, -1e9), 1e9) * 10).rounded())
    if tenths < 0 { bytes.append(UInt8(ascii: "-")) }
    let magnitude = tenths.magnitude
    integer(magnitude / 10)
    let fraction = magnitude % 10
    if fraction != 0 {
      bytes.append(UInt8(ascii: "."))
      bytes.append(UInt8(ascii: "0") + UInt8(fraction))
    }
  }

  /// Appends an attribute ` name="value"` with the value as a rounded coordinate.
  mutating func attribute(_ name: String, _ value: Double) {
    raw(" \(name)=\"")
    number(value)
    raw("\"")
  }

  /// Appends an attribute ` name="value"` with the value escaped.
  mutating func attribute(_ name: String, _ value: String) {
    raw(" \(name)=\"")
    escaped(value)
    raw("\"")
  }

  /// Appends the decimal digits of a non-negative integer.
  private mutating func integer(_ value: UInt) {
    if value < 10 {
      bytes.append(UInt8(ascii: "0") + UInt8(value))
      return
    }
    var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
      (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    var count = 0
    var rest = value
    withUnsafeMutableBytes(of: &digits) { buffer in
      while rest > 0 && count < buffer.count {
        buffer[count] = UInt8(ascii: "0") + UInt8(rest % 10)
        rest /= 10
        count += 1
      }
      for i in stride(from: count - 1, through: 0, by: -1) { bytes.append(buffer[i]) }
    }
  }
}

extension SVGBuffer {
  /// Appends the contents of another buffer.
  mutating func append(_ other: SVGBuffer) {
    bytes.append(contentsOf: other.bytes)
  }
}
