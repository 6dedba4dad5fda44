import FileOutput
import CZlib

/// The checkpoint file format: a small envelope around ``BinaryCoding`` bytes.
///
/// ```
/// offset      size  field
/// 0           8     magic "KFOPTCKP"
/// 8           4     format version, UInt32 little-endian (currently 2)
/// 12          8     payload length n, UInt64 little-endian
/// 20          n     payload: BinaryCoding.encode(value)
/// 20 + n      4     CRC-32 (zlib) of bytes 0 ..< 20 + n, UInt32 little-endian
/// ```
/// Reading checks, in order, the magic, the version, the exact file length
/// and the CRC before decoding anything, so a foreign, truncated, extended
/// or bit-flipped file is reported as such rather than decoded. Writing goes
/// through ``AtomicFile``, so a crash mid-write leaves the previous checkpoint.
public enum CheckpointFile {
  /// The eight bytes every checkpoint starts with: `KFOPTCKP`.
  public static let magic: [UInt8] = Array("KFOPTCKP".utf8)
  /// The format version this build writes and reads.
  ///
  /// 1: AdaBayes and AdaBayes-FP kept v, the EMA of G²; 2: they keep r = √v.
  public static let formatVersion: UInt32 = 2
  /// Bytes before the payload: magic, version, length.
  static let headerSize = 20
  /// Bytes after the payload: the CRC-32.
  static let trailerSize = 4

  /// Encodes `value` and atomically writes it as a checkpoint at `path`.
  ///
  /// - Throws: ``CheckpointError/unencodable(path:message:)`` or ``CheckpointError/io(path:reason:)``.
  public static func write<T: Encodable>(_ value: T, to path: String) throws(CheckpointError) {
    let bytes: [UInt8]
    do {
      bytes = try encode(value)
    } catch {
      throw error.attaching(path: path)
    }
    do {
      try AtomicFile.write(bytes, to: path)
    } catch {
      throw CheckpointError(error)
    }
  }

  /// Reads the checkpoint at `path` and decodes a `T` from it.
  ///
  /// - Throws: ``CheckpointError``: `io` if the file cannot be read, then
  ///   `notACheckpoint`, `versionMismatch`, `lengthMismatch`, `checksumMismatch`
  ///   or `malformed`, each naming `path`.
  public static func read<T: Decodable>(_ type: T.Type, from path: String) throws(CheckpointError) -> T {
    let bytes: [UInt8]
    do {
      bytes = try AtomicFile.read(path)
    } catch {
      throw CheckpointError(error)
    }
    do {
      return try decode(type, from: bytes)
    } catch {
      throw error.attaching(path: path)
    }
  }

  /// The bytes of a checkpoint file holding `value`.
  ///
  /// - Throws: ``CheckpointError/unencodable(path:message:)`` if `value` cannot be encoded.
  public static func encode<T: Encodable>(_ value: T) throws(CheckpointError) -> [UInt8] {
    let payload: [UInt8]
    do {
      payload = try BinaryCoding.encode(value)
    } catch {
      throw .unencodable(path: nil, message: BinaryCoding.describe(encoding: error))
    }
    var bytes = magic
    bytes.reserveCapacity(headerSize + payload.count + trailerSize)
    appendLittleEndian(formatVersion, to: &bytes)
    appendLittleEndian(UInt64(payload.count), to: &bytes)
    bytes.append(contentsOf: payload)
    appendLittleEndian(checksum(bytes[...]), to: &bytes)
    return bytes
  }

  /// The `T` held by the checkpoint file bytes `bytes`.
  ///
  /// - Throws: ``CheckpointError`` (without a path): `notACheckpoint` if the
  ///   magic is wrong, `versionMismatch`, `lengthMismatch` if the size
  ///   disagrees with the header, `checksumMismatch`, or `malformed` (whose
  ///   byte offsets count from the start of the payload, file byte 20).
  public static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws(CheckpointError) -> T {
    let minimumSize = headerSize + trailerSize
    // Magic: a short file whose bytes are a prefix of the magic is a truncated checkpoint.
    let magicPrefix = min(bytes.count, magic.count)
    guard bytes[0..<magicPrefix].elementsEqual(magic[0..<magicPrefix]) else { throw .notACheckpoint(path: nil) }
    guard bytes.count >= 12 else {
      throw .lengthMismatch(path: nil, expectedBytes: minimumSize, actualBytes: bytes.count)
    }
    let version = UInt32(truncatingIfNeeded: littleEndian(bytes, at: 8, width: 4))
    guard version == formatVersion else {
      throw .versionMismatch(path: nil, found: version, supported: formatVersion)
    }
    guard bytes.count >= headerSize else {
      throw .lengthMismatch(path: nil, expectedBytes: minimumSize, actualBytes: bytes.count)
    }
    let payloadLength = littleEndian(bytes, at: 12, width: 8)
    // The expected size, saturating rather than overflowing for an absurd length field.
    let limit = UInt64(Int.max - minimumSize)
    let expected = payloadLength <= limit ? minimumSize + Int(payloadLength) : Int.max
    guard bytes.count == expected else {
      throw .lengthMismatch(path: nil, expectedBytes: expected, actualBytes: bytes.count)
    }
    let payloadEnd = expected - trailerSize
    let stored = UInt32(truncatingIfNeeded: littleEndian(bytes, at: payloadEnd, width: 4))
    let computed = checksum(bytes[0..<payloadEnd])
    guard stored == computed else {
      throw .checksumMismatch(path: nil, stored: stored, computed: computed)
    }
    return try BinaryCoding.decode(type, from: bytes, range: headerSize..<payloadEnd)
  }

  /// zlib's CRC-32 of `bytes` (fed in chunks that fit its 32-bit length argument).
  static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt32 {
    bytes.withUnsafeBufferPointer { buffer in
      var crc = crc32(0, nil, 0)
      var start = 0
      while start < buffer.count {
        let length = min(buffer.count - start, 1 << 30)
        crc = crc32(crc, buffer.baseAddress.map { $0 + start }, UInt32(length))
        start += length
      }
      return UInt32(truncatingIfNeeded: crc)
    }
  }

  private static func appendLittleEndian<I: FixedWidthInteger>(_ value: I, to bytes: inout [UInt8]) {
    for index in 0..<(I.bitWidth / 8) { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * index))) }
  }

  /// The `width` bytes at `offset`, little-endian. The caller guarantees they exist.
  private static func littleEndian(_ bytes: [UInt8], at offset: Int, width: Int) -> UInt64 {
    var value: UInt64 = 0
    for index in 0..<width { value |= UInt64(bytes[offset + index]) << UInt64(8 * index) }
    return value
  }
}
