#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The directories a command writes its output into.
public enum OutputDirectory {
  /// Creates `path` and every missing parent, as `mkdir -p` does.
  ///
  /// - Throws: ``FileOutputError/io(path:reason:)`` naming `path` and either
  ///   the part of it that exists and is not a directory, or the failed
  ///   `mkdir` and its errno.
  public static func create(_ path: String) throws(FileOutputError) {
    guard !path.isEmpty else { throw .io(path: path, reason: "an empty name is not a directory") }
    var prefix = path.hasPrefix("/") ? "/" : ""
    for component in path.split(separator: "/") {
      if !prefix.isEmpty && !prefix.hasSuffix("/") { prefix += "/" }
      prefix += component
      if mkdir(prefix, 0o777) == 0 { continue }
      let code = errno
      guard code == EEXIST else {
        throw .io(path: path, reason: "mkdir of \(prefix): \(String(cString: strerror(code))) (errno \(code))")
      }
      var status = stat()
      guard stat(prefix, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else {
        throw .io(path: path, reason: "cannot create the directory: \(prefix) exists and is not a directory")
      }
    }
  }
}
