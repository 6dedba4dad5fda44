import Foundation
import Models

/// A fresh, uniquely named directory under the system temporary directory for
/// the data-loader tests; call ``remove()`` (typically in a `defer`) when done.
struct DataTestScratch {
  /// The directory's absolute path.
  let path: String

  init() throws {
    path = FileManager.default.temporaryDirectory
      .appendingPathComponent("kalmanopt-data-tests-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  /// Writes `bytes` to `name` inside the directory and returns the file's path.
  func write(_ name: String, bytes: [UInt8]) throws -> String {
    let file = (path as NSString).appendingPathComponent(name)
    try FileManager.default.createDirectory(
      atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try Data(bytes).write(to: URL(fileURLWithPath: file))
    return file
  }

  /// Writes UTF-8 `text` to `name` inside the directory and returns the file's path.
  func write(_ name: String, text: String) throws -> String {
    try write(name, bytes: Array(text.utf8))
  }

  /// Deletes the directory and everything in it.
  func remove() {
    try? FileManager.default.removeItem(atPath: path)
  }
}

/// The bytes of an uncompressed IDX file: magic (0, 0, type, rank), big-endian dimensions, payload.
func idxBytes(type: UInt8 = 0x08, dimensions: [Int], payload: [UInt8]) -> [UInt8] {
  var bytes: [UInt8] = [0, 0, type, UInt8(dimensions.count)]
  for d in dimensions {
    bytes += [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: d >> $0) }
  }
  return bytes + payload
}

/// The raw bytes of a file (the test fails if it cannot be read).
func fileBytes(_ path: String) throws -> [UInt8] {
  [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
}

/// The message of an error caught by `#expect(throws:)` ("no error" when none was thrown).
func describe(_ error: DataError?) -> String {
  error.map { String(describing: $0) } ?? "no error"
}
