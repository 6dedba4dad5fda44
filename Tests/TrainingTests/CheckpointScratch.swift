import Foundation

/// A fresh directory under the system's temporary directory, removed afterwards.
enum CheckpointScratch {
  /// Runs `body` with the path of a new, empty directory.
  static func withDirectory<R>(_ body: (String) throws -> R) throws -> R {
    let path = try make()
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try body(path)
  }

  /// Runs `body` with the path of a new, empty directory (async).
  static func withDirectory<R>(_ body: (String) async throws -> R) async throws -> R {
    let path = try make()
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try await body(path)
  }

  /// The names in `directory`, sorted.
  static func contents(of directory: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
  }

  /// Creates the directory `path`.
  static func makeDirectory(_ path: String) throws {
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  /// Writes `bytes` plainly (no atomic rename, no fsync): for planting corrupt files quickly.
  static func plant(_ bytes: [UInt8], at path: String) throws {
    try Data(bytes).write(to: URL(fileURLWithPath: path))
  }

  private static func make() throws -> String {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("kfopt-checkpoint-tests-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }
}
