import FileOutput

/// Why a checkpoint (or any file written through ``AtomicFile``) could not be
/// written, read or decoded.
///
/// Every failure of ``BinaryCoding``, ``CheckpointFile`` and ``AtomicFile``
/// is one of these cases; malformed input never traps. Cases that concern a
/// file carry its path where it is known (``attaching(path:)`` adds it to an
/// error raised by an in-memory step), and the ``description`` names it.
public enum CheckpointError: Error, Equatable, Sendable {
  /// The bytes do not start with the checkpoint magic `KFOPTCKP`.
  case notACheckpoint(path: String?)
  /// The file's format version is not the one this build reads.
  case versionMismatch(path: String?, found: UInt32, supported: UInt32)
  /// The file's size disagrees with its header: cut short, or with extra bytes after the checksum.
  case lengthMismatch(path: String?, expectedBytes: Int, actualBytes: Int)
  /// The CRC-32 stored at the end does not match the bytes before it.
  case checksumMismatch(path: String?, stored: UInt32, computed: UInt32)
  /// The payload is not a valid binary encoding of the requested type; the message says what and at which byte offset.
  case malformed(path: String?, message: String)
  /// The value could not be encoded (its `encode(to:)` threw).
  case unencodable(path: String?, message: String)
  /// A file-system operation failed; `reason` names the operation and the system's error.
  case io(path: String, reason: String)

  /// The file the error concerns, where one is known.
  public var path: String? {
    switch self {
    case .notACheckpoint(let path), .versionMismatch(let path, _, _), .lengthMismatch(let path, _, _),
      .checksumMismatch(let path, _, _), .malformed(let path, _), .unencodable(let path, _):
      return path
    case .io(let path, _):
      return path
    }
  }

  /// The same error, naming `path` as the file concerned (an existing path is kept).
  public func attaching(path newPath: String) -> CheckpointError {
    guard path == nil else { return self }
    switch self {
    case .notACheckpoint:
      return .notACheckpoint(path: newPath)
    case .versionMismatch(_, let found, let supported):
      return .versionMismatch(path: newPath, found: found, supported: supported)
    case .lengthMismatch(_, let expected, let actual):
      return .lengthMismatch(path: newPath, expectedBytes: expected, actualBytes: actual)
    case .checksumMismatch(_, let stored, let computed):
      return .checksumMismatch(path: newPath, stored: stored, computed: computed)
    case .malformed(_, let message):
      return .malformed(path: newPath, message: message)
    case .unencodable(_, let message):
      return .unencodable(path: newPath, message: message)
    case .io:
      return self
    }
  }
}

extension CheckpointError: CustomStringConvertible {
  /// A one-line explanation that starts with the file's path where one is known.
  public var description: String {
    let subject = path.map { "checkpoint \($0)" } ?? "checkpoint"
    switch self {
    case .notACheckpoint:
      return "\(subject): not a KalmanOpt checkpoint (the file does not start with the magic bytes KFOPTCKP)"
    case .versionMismatch(_, let found, let supported):
      return "\(subject): format version \(found) is not supported (this build reads version \(supported))"
    case .lengthMismatch(_, let expected, let actual):
      if actual < expected {
        return "\(subject): truncated: the header implies \(expected) bytes but the file has \(actual)"
      }
      return "\(subject): corrupt: the header implies \(expected) bytes but the file has \(actual) (\(actual - expected) extra)"
    case .checksumMismatch(_, let stored, let computed):
      return "\(subject): corrupt: CRC-32 mismatch (stored \(hex(stored)), computed \(hex(computed)))"
    case .malformed(_, let message):
      return "\(subject): malformed payload: \(message)"
    case .unencodable(_, let message):
      return "\(subject): cannot encode the value: \(message)"
    case .io(let path, let reason):
      return "\(path): \(reason)"
    }
  }
}

/// `0x` and eight hexadecimal digits.
private func hex(_ value: UInt32) -> String {
  let digits = String(value, radix: 16)
  return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
}

extension CheckpointError {
  /// The checkpoint error for a failed file operation.
  public init(_ error: FileOutputError) {
    switch error {
    case .io(let path, let reason): self = .io(path: path, reason: reason)
    }
  }
}
