import CZlib
import Foundation

/// An IDX file of unsigned bytes (the MNIST format), gzipped or plain.
///
/// Layout: a 4-byte magic number — two zero bytes, the data-type byte
/// (`0x08`, unsigned byte, is the only type supported) and the number of
/// dimensions (1…4) — then each dimension as a 32-bit big-endian integer,
/// then exactly the product of the dimensions in bytes. The file is read
/// through zlib's `gzread`, which decompresses gzip and passes plain files
/// through unchanged, so `.gz` and uncompressed copies load alike.
public struct IDXFile: Equatable, Sendable {
  /// The dimensions from the header, outermost first (e.g. `[count, rows, columns]`).
  public let dimensions: [Int]
  /// The payload, in row-major order; its count is the product of ``dimensions``.
  public let bytes: [UInt8]

  /// The largest payload accepted, 2 GiB, so that a corrupt header cannot
  /// make the loader allocate an absurd amount of memory.
  public static let maximumPayload = 1 << 31

  /// Reads an IDX file.
  ///
  /// - Throws: ``DataError/unreadable(path:reason:)`` when the file is
  ///   missing or is not a regular file; ``DataError/malformed(path:line:reason:)``
  ///   (with the byte offset in the reason) for a bad magic number, an
  ///   unsupported type or dimension count, an oversized header, a payload
  ///   shorter or longer than the header says, or gzip corruption (with
  ///   zlib's message).
  public static func load(path: String) throws(DataError) -> IDXFile {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw .unreadable(path: path, reason: "no such file")
    }
    guard !isDirectory.boolValue else { throw .unreadable(path: path, reason: "is a directory, not a file") }
    guard let file = gzopen(path, "rb") else {
      throw .unreadable(path: path, reason: String(cString: strerror(errno)))
    }
    var reader = Reader(file: file, path: path)
    let result: IDXFile
    do {
      result = try parse(&reader, path: path)
    } catch {
      _ = gzclose(file)
      throw error
    }
    try reader.close()
    return result
  }

  private static func parse(_ reader: inout Reader, path: String) throws(DataError) -> IDXFile {
    let magic = try reader.read(4)
    guard magic.count == 4 else {
      throw .malformed(path: path, line: nil, reason: "file ends at byte \(magic.count), inside the 4-byte magic number")
    }
    guard magic[0] == 0 && magic[1] == 0 else {
      throw .malformed(
        path: path, line: nil,
        reason: "byte 0: bad magic number \(hex(magic)); an IDX file starts with two zero bytes")
    }
    guard magic[2] == 0x08 else {
      throw .malformed(
        path: path, line: nil,
        reason: "byte 2: data type \(hex([magic[2]])) is not supported (only 0x08, unsigned byte)")
    }
    let rank = Int(magic[3])
    guard (1...4).contains(rank) else {
      throw .malformed(path: path, line: nil, reason: "byte 3: \(rank) dimensions, expected 1 to 4")
    }
    let header = try reader.read(4 * rank)
    guard header.count == 4 * rank else {
      throw .malformed(
        path: path, line: nil,
        reason: "file ends at byte \(4 + header.count), inside the header of \(4 + 4 * rank) bytes")
    }
    var dimensions: [Int] = []
    var size = 1
    for d in 0..<rank {
      let value = header[4 * d..<4 * d + 4].reduce(0) { $0 << 8 | Int($1) }
      dimensions.append(value)
      let (product, overflow) = size.multipliedReportingOverflow(by: value)
      guard !overflow && product <= maximumPayload else {
        throw .malformed(
          path: path, line: nil,
          reason: "byte \(4 + 4 * d): dimensions \(dimensions) claim more than \(maximumPayload) bytes of data")
      }
      size = product
    }
    let payload = try reader.read(size)
    guard payload.count == size else {
      throw .malformed(
        path: path, line: nil,
        reason: "truncated: expected \(size) bytes of data, found \(payload.count) (dimensions \(dimensions))")
    }
    let extra = try reader.read(1)
    guard extra.isEmpty else {
      throw .malformed(
        path: path, line: nil,
        reason: "byte \(4 + 4 * rank + size): trailing data after the \(size) bytes the header \(dimensions) describes")
    }
    return IDXFile(dimensions: dimensions, bytes: payload)
  }

  private static func hex(_ bytes: [UInt8]) -> String {
    "0x" + bytes.map { String($0, radix: 16, uppercase: true).leftPadded(to: 2) }.joined()
  }
}

/// Reads decompressed bytes through zlib, turning its errors into ``DataError``.
private struct Reader {
  let file: gzFile
  let path: String

  /// Up to `count` bytes; fewer only at the end of the data.
  /// The buffer grows with the data actually read (1 MiB at a time), so a
  /// header that claims a huge payload costs memory only for bytes that exist.
  mutating func read(_ count: Int) throws(DataError) -> [UInt8] {
    var buffer: [UInt8] = []
    var filled = 0
    while filled < count {
      let chunk = min(count - filled, 1 << 20)
      buffer.append(contentsOf: repeatElement(0, count: chunk))
      let got = buffer.withUnsafeMutableBytes { raw in
        gzread(file, raw.baseAddress.map { $0 + filled }, UInt32(chunk))
      }
      if got < 0 { throw zlibError() }
      filled += Int(got)
      if got < chunk {
        buffer.removeLast(chunk - Int(got))
        break
      }
    }
    // gzread reports a gzip stream cut short as end of data plus an error code.
    var code: Int32 = Z_OK
    _ = gzerror(file, &code)
    if code != Z_OK { throw zlibError() }
    return buffer
  }

  /// Closes the file; zlib reports a gzip stream that ended early here too.
  func close() throws(DataError) {
    let code = gzclose(file)
    guard code == Z_OK else {
      throw .malformed(path: path, line: nil, reason: "corrupt gzip data: zlib error \(code) on close")
    }
  }

  private func zlibError() -> DataError {
    var code: Int32 = Z_OK
    var message = gzerror(file, &code).map { String(cString: $0) } ?? ""
    // zlib prefixes the path given to gzopen; DataError's description adds it already.
    if message.hasPrefix(path + ": ") { message.removeFirst(path.count + 2) }
    if code == Z_ERRNO { return .unreadable(path: path, reason: String(cString: strerror(errno))) }
    return .malformed(path: path, line: nil, reason: "corrupt gzip data: \(message.isEmpty ? "zlib error \(code)" : message)")
  }
}

extension String {
  fileprivate func leftPadded(to width: Int) -> String {
    count >= width ? self : String(repeating: "0", count: width - count) + self
  }
}
