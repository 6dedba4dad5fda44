import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Temporary files next to a destination, renamed over it in one step so that
/// readers see either the old file or the complete new one.
enum AtomicFile {
  /// A fresh hidden path in the directory of `path`, e.g. `dir/.plot.svg.tmp-1A2B…`.
  static func temporaryPath(near path: String, suffix: String = "") -> String {
    let url = URL(fileURLWithPath: path)
    let name = ".\(url.lastPathComponent).tmp-\(UUID().uuidString)\(suffix)"
    return url.deletingLastPathComponent().appendingPathComponent(name).path
  }

  /// Writes `data` to `path` atomically.
  static func write(_ data: Data, to path: String) throws(PlotError) {
    let temporary = temporaryPath(near: path)
    do {
      try data.write(to: URL(fileURLWithPath: temporary))
    } catch {
      remove(temporary)
      throw .writeFailed(path: path, reason: reason(error))
    }
    try rename(temporary, over: path)
  }

  /// Renames `source` to `destination`, replacing it; removes `source` on failure.
  static func rename(_ source: String, over destination: String) throws(PlotError) {
    #if canImport(Glibc)
      let result = Glibc.rename(source, destination)
    #elseif canImport(Musl)
      let result = Musl.rename(source, destination)
    #else
      let result = Darwin.rename(source, destination)
    #endif
    guard result == 0 else {
      let message = String(cString: strerror(errno))
      remove(source)
      throw .writeFailed(path: destination, reason: message)
    }
  }

  /// Removes a file if it exists, ignoring errors.
  static func remove(_ path: String) {
    try? FileManager.default.removeItem(atPath: path)
  }

  /// A short reason for a Foundation error: the POSIX message when there is one.
  static func reason(_ error: any Error) -> String {
    let nsError = error as NSError
    if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
      return String(cString: strerror(Int32(underlying.code)))
    }
    if nsError.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(nsError.code))) }
    return nsError.localizedDescription
  }
}
