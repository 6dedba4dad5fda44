#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Crash-safe whole-file writes: a reader sees the old complete file or the
/// new complete file, never a mixture or a truncated file. Every file the
/// package writes (checkpoints, tables, curves, plots) goes through here.
///
/// ``write(_:to:)-([UInt8],_)`` writes to a uniquely named temporary file in
/// the destination's directory (`.<name>.tmp-<pid>-<random>`), `fsync`s it,
/// `rename`s it over the destination (atomic within one file system) and
/// `fsync`s the directory so the rename itself is durable. On any failure the
/// temporary file is removed and the destination is untouched. Use it for
/// every output file: checkpoints, CSV and markdown results.
///
/// A destination that is a symbolic link is replaced by a regular file; one
/// that is a device, FIFO or socket is refused, not replaced (and a rename
/// over a directory fails).
public enum AtomicFile {
  /// Atomically replaces (or creates) the file at `path` with `bytes`.
  ///
  /// - Throws: ``FileOutputError/io(path:reason:)`` naming the failed system
  ///   call and its error; the destination is then unchanged.
  public static func write(_ bytes: [UInt8], to path: String) throws(FileOutputError) {
    let (directory, name) = try split(path)
    try checkReplaceable(path)
    let temporary = temporaryPath(directory: directory, name: name)
    let descriptor = try retryingOpen(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644, path: path)
    do throws(FileOutputError) {
      if let pause = faultInjectionPause, bytes.count > 1 {
        // Test hook: a half-written temporary file stays on disk for `pause`.
        try writeAll(Array(bytes[..<(bytes.count / 2)]), to: descriptor, path: path)
        usleep(pause)
        try writeAll(Array(bytes[(bytes.count / 2)...]), to: descriptor, path: path)
      } else {
        try writeAll(bytes, to: descriptor, path: path)
      }
      try retrying("fsync", path: path) { fsync(descriptor) }
    } catch {
      _ = close(descriptor)
      _ = unlink(temporary)
      throw error
    }
    // close's error matters (NFS reports write-back failures there); it is not retried on EINTR.
    if close(descriptor) != 0 {
      let failure = systemError("close", path: path)
      _ = unlink(temporary)
      throw failure
    }
    if systemRename(temporary, path) != 0 {
      let failure = systemError("rename", path: path)
      _ = unlink(temporary)
      throw failure
    }
    try syncDirectory(directory, path: path)
  }

  /// Fault injection for the kill-and-resume tests: with
  /// `KALMANOPT_FAULT_INJECTION_WRITE_PAUSE_MS=N` every write pauses N ms
  /// halfway through its temporary file, so that a SIGKILL can land there.
  static let faultInjectionPause: UInt32? = {
    guard let raw = getenv("KALMANOPT_FAULT_INJECTION_WRITE_PAUSE_MS"), let text = String(validatingCString: raw),
      let milliseconds = UInt32(text), milliseconds > 0
    else { return nil }
    return milliseconds * 1000
  }()

  /// Atomically replaces (or creates) the file at `path` with the UTF-8 of `text`.
  ///
  /// - Throws: ``FileOutputError/io(path:reason:)``, as ``write(_:to:)-([UInt8],_)``.
  public static func write(_ text: String, to path: String) throws(FileOutputError) {
    try write(Array(text.utf8), to: path)
  }

  /// The whole content of the file at `path`.
  ///
  /// - Throws: ``FileOutputError/io(path:reason:)`` if it cannot be opened or read.
  public static func read(_ path: String) throws(FileOutputError) -> [UInt8] {
    let descriptor = try retryingOpen(path, O_RDONLY | O_CLOEXEC, 0, path: path)
    defer { _ = close(descriptor) }
    // Read straight into a buffer of the file's size; files that report no
    // size (or grow meanwhile) continue in chunks.
    var status = stat()
    let expected = fstat(descriptor, &status) == 0 && status.st_size > 0 ? Int(status.st_size) : 0
    var failure: FileOutputError?
    // Not for 0: Array(unsafeUninitializedCapacity: 0) writes its count into
    // the shared empty-array storage, a race ThreadSanitizer reports.
    var result: [UInt8] = []
    if expected > 0 {
      result = [UInt8](unsafeUninitializedCapacity: expected) { buffer, initialized in
        while initialized < expected {
          let count = systemRead(descriptor, buffer.baseAddress.map { UnsafeMutableRawPointer($0 + initialized) }, expected - initialized)
          if count < 0 {
            if errno == EINTR { continue }
            failure = systemError("read", path: path)
            return
          }
          if count == 0 { return }
          initialized += count
        }
      }
    }
    if let failure { throw failure }
    if result.count < expected { return result }  // the file shrank: this is all of it
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let count = chunk.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        throw systemError("read", path: path)
      }
      if count == 0 { return result }
      result.append(contentsOf: chunk[0..<count])
    }
  }

  /// The destination's directory and file name.
  private static func split(_ path: String) throws(FileOutputError) -> (directory: String, name: String) {
    let directory: String
    let name: String
    if let slash = path.lastIndex(of: "/") {
      let parent = path[..<slash]
      directory = parent.isEmpty ? "/" : String(parent)
      name = String(path[path.index(after: slash)...])
    } else {
      directory = "."
      name = path
    }
    guard !name.isEmpty, name != ".", name != ".." else {
      throw .io(path: path, reason: "not a file path")
    }
    return (directory, name)
  }

  /// A fresh temporary path next to `path` (same directory, hidden, unique),
  /// for tools that write the file themselves before ``rename(_:over:)``.
  public static func temporaryPath(near path: String, suffix: String = "") -> String {
    let (directory, name) = (try? split(path)) ?? (".", "file")
    return temporaryPath(directory: directory, name: name) + suffix
  }

  /// Renames `source` over `destination` (atomic within a file system) and
  /// syncs the directory; removes `source` on failure.
  ///
  /// - Throws: ``FileOutputError/io(path:reason:)`` naming `destination`.
  public static func rename(_ source: String, over destination: String) throws(FileOutputError) {
    do throws(FileOutputError) {
      try checkReplaceable(destination)
    } catch {
      _ = unlink(source)
      throw error
    }
    if systemRename(source, destination) != 0 {
      let failure = systemError("rename", path: destination)
      _ = unlink(source)
      throw failure
    }
    let (directory, _) = try split(destination)
    try syncDirectory(directory, path: destination)
  }

  /// Refuses a destination that is a device, FIFO or socket: a rename over
  /// it would put a regular file in its place. (One over a directory fails.)
  private static func checkReplaceable(_ path: String) throws(FileOutputError) {
    var status = stat()
    guard lstat(path, &status) == 0 else { return }  // absent (or unreadable: the write will say)
    let kind = status.st_mode & S_IFMT
    if kind == S_IFCHR || kind == S_IFBLK || kind == S_IFIFO || kind == S_IFSOCK {
      throw .io(path: path, reason: "is a device, FIFO or socket, not a regular file; it is left as it is")
    }
  }

  /// `<directory>/.<name>.tmp-<pid>-<random>`, with the name shortened so the result stays within NAME_MAX.
  private static func temporaryPath(directory: String, name: String) -> String {
    let shortName = String(String.UnicodeScalarView(name.unicodeScalars.prefix(48)))
    let random = String(UInt64.random(in: 0...UInt64.max), radix: 36)
    let separator = directory.hasSuffix("/") ? "" : "/"
    return "\(directory)\(separator).\(shortName).tmp-\(getpid())-\(random)"
  }

  /// `open`, retried on EINTR.
  private static func retryingOpen(
    _ file: String, _ flags: Int32, _ mode: mode_t, path: String
  ) throws(FileOutputError) -> Int32 {
    while true {
      let descriptor = open(file, flags, mode)
      if descriptor >= 0 { return descriptor }
      if errno != EINTR { throw systemError("open", path: path) }
    }
  }

  /// All of `bytes`, through partial writes and EINTR.
  private static func writeAll(_ bytes: [UInt8], to descriptor: Int32, path: String) throws(FileOutputError) {
    var written = 0
    while written < bytes.count {
      let chunk = min(bytes.count - written, 1 << 30)
      let count = bytes.withUnsafeBytes { raw in
        systemWrite(descriptor, raw.baseAddress.map { $0 + written }, chunk)
      }
      if count < 0 {
        if errno == EINTR { continue }
        throw systemError("write", path: path)
      }
      guard count > 0 else { throw .io(path: path, reason: "write: no progress after \(written) bytes") }
      written += count
    }
  }

  /// Runs `call` until it returns something other than −1 with EINTR.
  private static func retrying(_ name: String, path: String, _ call: () -> Int32) throws(FileOutputError) {
    while call() != 0 {
      if errno != EINTR { throw systemError(name, path: path) }
    }
  }

  /// `fsync`s `directory` so a rename in it survives a crash. File systems
  /// that cannot sync a directory (EINVAL) are accepted.
  private static func syncDirectory(_ directory: String, path: String) throws(FileOutputError) {
    let descriptor: Int32
    do {
      descriptor = try retryingOpen(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0, path: path)
    } catch {
      return  // the file is in place; a directory we cannot open cannot be synced
    }
    defer { _ = close(descriptor) }
    while fsync(descriptor) != 0 {
      let code = errno
      if code == EINTR { continue }
      if code == EINVAL || code == EROFS { return }
      throw systemError("fsync of the directory", path: path)
    }
  }

  /// The error for a failed system call, from `errno`.
  private static func systemError(_ call: String, path: String) -> FileOutputError {
    let code = errno
    return .io(path: path, reason: "\(call): \(String(cString: strerror(code))) (errno \(code))")
  }
}

/// The C `read` (a file-scope name, since `AtomicFile.read` shadows it inside the type).
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
  read(descriptor, buffer, count)
}

/// The C `rename` (a file-scope name, since `AtomicFile.rename` shadows it inside the type).
private func systemRename(_ source: String, _ destination: String) -> Int32 {
  rename(source, destination)
}

/// The C `write` (a file-scope name, since `AtomicFile.write` shadows it inside the type).
private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
  write(descriptor, buffer, count)
}

/// A file that could not be written or read, naming it and the failed call.
public enum FileOutputError: Error, Equatable, Sendable, CustomStringConvertible {
  /// `path` and the system call's failure, e.g. "open: No such file or directory (errno 2)".
  case io(path: String, reason: String)

  public var description: String {
    switch self {
    case .io(let path, let reason): return "\(path): \(reason)"
    }
  }
}
