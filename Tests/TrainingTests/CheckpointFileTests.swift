import FileOutput
import Models
import Optimizers
import TestSupport
import Testing
import Training

@Suite("Checkpoint files")
struct CheckpointFileTests {
  @Test("a checkpoint round-trips through a file, and the envelope is as documented")
  func roundTrip() throws {
    try CheckpointScratch.withDirectory { (directory: String) throws in
      let path = directory + "/run.ckpt"
      let value = try CheckpointSnapshot.sample()
      try CheckpointFile.write(value, to: path)
      #expect(try CheckpointFile.read(CheckpointSnapshot.self, from: path) == value)

      let bytes = try AtomicFile.read(path)
      let payload = try BinaryCoding.encode(value)
      #expect(bytes.count == 20 + payload.count + 4)
      #expect(Array(bytes[0..<8]) == Array("KFOPTCKP".utf8))
      #expect(Array(bytes[8..<12]) == [2, 0, 0, 0])
      #expect(littleEndian(bytes[12..<20]) == UInt64(payload.count))
      #expect(Array(bytes[20..<(20 + payload.count)]) == payload)
      #expect(Array(bytes.suffix(4)) == crcBytes(of: Array(bytes.dropLast(4))))
      #expect(try CheckpointFile.encode(value) == bytes)
      #expect(CheckpointFile.formatVersion == 2)
      #expect(try CheckpointScratch.contents(of: directory) == ["run.ckpt"])
    }
  }

  @Test("the smallest checkpoint, byte for byte, with zlib's CRC-32")
  func knownBytes() throws {
    let bytes = try CheckpointFile.encode(true)
    let header = Array("KFOPTCKP".utf8) + [2, 0, 0, 0] + [1, 0, 0, 0, 0, 0, 0, 0] + [3]
    #expect(bytes == header + crcBytes(of: header))
    // The reference CRC matches the standard check value, CRC-32("123456789") = 0xCBF43926.
    #expect(crcBytes(of: Array("123456789".utf8)) == [0x26, 0x39, 0xF4, 0xCB])
  }

  @Test("every flipped byte, every truncation and an appended byte is rejected", .tags(.property))
  func corruption() throws {
    try CheckpointScratch.withDirectory { (directory: String) throws in
      let path = directory + "/small.ckpt"
      let state = try steppedState(Adam<Float>(), steps: 3, parameterCount: 2)
      try CheckpointFile.write(SmallCheckpoint(state: state, generator: SplitMix64(seed: 1)), to: path)
      let original = try AtomicFile.read(path)
      #expect(try CheckpointFile.read(SmallCheckpoint.self, from: path).state == state)
      let variantPath = directory + "/variant.ckpt"

      var variants = 0
      var rejected = 0
      /// Plants `bytes` as a file and returns the kind of error reading it gives (`nil` if it decodes).
      func readVariant(_ bytes: [UInt8], _ label: String) throws -> String? {
        variants += 1
        try CheckpointScratch.plant(bytes, at: variantPath)
        do throws(CheckpointError) {
          let value = try CheckpointFile.read(SmallCheckpoint.self, from: variantPath)
          Issue.record("\(label): decoded \(value)")
          return nil
        } catch {
          rejected += 1
          #expect(error.path == variantPath, "\(label)")
          #expect(error.description.contains(variantPath), "\(label)")
          return kind(of: error)
        }
      }

      // (a) Every byte position, all bits and the lowest bit flipped.
      for position in original.indices {
        let expected: String
        switch position {
        case 0..<8: expected = "notACheckpoint"
        case 8..<12: expected = "versionMismatch"
        case 12..<20: expected = "lengthMismatch"
        default: expected = "checksumMismatch"  // the payload and the CRC itself
        }
        for mask: UInt8 in [0xFF, 0x01] {
          var flipped = original
          flipped[position] ^= mask
          #expect(try readVariant(flipped, "byte \(position) ^ \(mask)") == expected, "byte \(position) ^ \(mask)")
        }
      }
      // (b) Every truncation, including the empty file.
      for length in 0..<original.count {
        #expect(try readVariant(Array(original[0..<length]), "truncated to \(length)") == "lengthMismatch")
      }
      // (c) Extra bytes.
      #expect(try readVariant(original + [0], "one byte appended") == "lengthMismatch")
      #expect(try readVariant(original + original, "doubled") == "lengthMismatch")

      #expect(variants == 3 * original.count + 2)
      #expect(rejected == variants)
    }
  }

  @Test("foreign files are not checkpoints")
  func foreignFiles() throws {
    try CheckpointScratch.withDirectory { (directory: String) throws in
      let csv = directory + "/results.csv"
      try AtomicFile.write("optimizer,epoch,loss\nadam,1,0.5\n", to: csv)
      expectError(.notACheckpoint(path: csv), reading: csv)

      var generator = SplitMix64(seed: 77)
      let random = directory + "/random.bin"
      try CheckpointScratch.plant((0..<4096).map { _ in UInt8(truncatingIfNeeded: generator.next()) }, at: random)
      expectError(.notACheckpoint(path: random), reading: random)

      // A prefix of the magic is a truncated checkpoint, not a foreign file.
      let prefix = directory + "/prefix.ckpt"
      try CheckpointScratch.plant(Array("KFOP".utf8), at: prefix)
      expectError(.lengthMismatch(path: prefix, expectedBytes: 24, actualBytes: 4), reading: prefix)
    }
  }

  @Test("a newer format version is reported before the length and CRC are checked")
  func versionMismatch() throws {
    try CheckpointScratch.withDirectory { (directory: String) throws in
      let path = directory + "/future.ckpt"
      try CheckpointFile.write(try CheckpointSnapshot.sample(), to: path)
      var bytes = try AtomicFile.read(path)
      bytes.replaceSubrange(8..<12, with: [99, 0, 0, 0])  // the CRC is now stale too
      try CheckpointScratch.plant(bytes, at: path)
      expectError(.versionMismatch(path: path, found: 99, supported: 2), reading: path)
      // Even with extra bytes after a patched version, the version is what is reported.
      try CheckpointScratch.plant(bytes + [1, 2, 3], at: path)
      expectError(.versionMismatch(path: path, found: 99, supported: 2), reading: path)
      let error = CheckpointError.versionMismatch(path: path, found: 99, supported: 2)
      #expect(error.description.contains(path) && error.description.contains("99") && error.description.contains("2"))
      // A version-1 file (AdaBayes states holding v rather than √v) is refused, not misread.
      bytes.replaceSubrange(8..<12, with: [1, 0, 0, 0])
      try CheckpointScratch.plant(bytes, at: path)
      expectError(.versionMismatch(path: path, found: 1, supported: 2), reading: path)
    }
  }

  @Test("a missing file is an I/O error naming the path; a wrong type is a malformed payload")
  func missingAndWrongType() throws {
    try CheckpointScratch.withDirectory { (directory: String) throws in
      let missing = directory + "/absent.ckpt"
      do throws(CheckpointError) {
        _ = try CheckpointFile.read(SplitMix64.self, from: missing)
        Issue.record("read a missing file")
      } catch {
        guard case .io(let path, let reason) = error else {
          Issue.record("expected .io, got \(error)")
          return
        }
        #expect(path == missing)
        #expect(reason.contains("No such file"))
        #expect(error.description.hasPrefix(missing))
      }

      let path = directory + "/state.ckpt"
      try CheckpointFile.write(SplitMix64(seed: 4), to: path)
      do throws(CheckpointError) {
        _ = try CheckpointFile.read(Adam<Float>.State.self, from: path)
        Issue.record("decoded a SplitMix64 as an Adam state")
      } catch {
        guard case .malformed(let errorPath, let message) = error else {
          Issue.record("expected .malformed, got \(error)")
          return
        }
        #expect(errorPath == path)
        #expect(message.contains("byte offset"))
        #expect(error.description.contains(path))
      }
    }
  }

  @Test("a value that fails to encode leaves no file behind")
  func unencodable() throws {
    try CheckpointScratch.withDirectory { (directory: String) throws in
      let path = directory + "/bad.ckpt"
      #expect(throws: CheckpointError.unencodable(path: path, message: "refused")) {
        try CheckpointFile.write(Refusing(), to: path)
      }
      #expect(try CheckpointScratch.contents(of: directory).isEmpty)
    }
  }

  @Test("errors gain a path only where they have none")
  func attachingPaths() {
    let error = CheckpointError.checksumMismatch(path: nil, stored: 0xDEAD_BEEF, computed: 1)
    #expect(error.attaching(path: "/a").path == "/a")
    #expect(error.attaching(path: "/a").attaching(path: "/b").path == "/a")
    #expect(error.attaching(path: "/a").description == "checkpoint /a: corrupt: CRC-32 mismatch (stored 0xdeadbeef, computed 0x00000001)")
    #expect(error.description.hasPrefix("checkpoint: corrupt"))
    #expect(CheckpointError.io(path: "/x", reason: "open: denied").attaching(path: "/y").path == "/x")
    #expect(CheckpointError.lengthMismatch(path: nil, expectedBytes: 30, actualBytes: 12).description.contains("truncated"))
  }
}

/// A file that is not a checkpoint of the right kind must give exactly `expected`.
private func expectError(_ expected: CheckpointError, reading path: String, sourceLocation: SourceLocation = #_sourceLocation) {
  #expect(throws: expected, sourceLocation: sourceLocation) {
    try CheckpointFile.read(CheckpointSnapshot.self, from: path)
  }
}

/// A checkpoint-shaped value: parameters, optimizer state, schedule, generator and metadata.
private struct CheckpointSnapshot: Codable, Equatable {
  var kind: OptimizerKind
  var parameters: [Float]
  var state: Scheduled<Adam<Float>>.State
  var schedule: LearningRateSchedule
  var stepCount: Int
  var generator: SplitMix64
  var history: [String: [Double]]
  var note: String?

  static func sample() throws -> CheckpointSnapshot {
    let schedule = LearningRateSchedule.cosine(steps: 100, minimumFactor: 0.1)
    var optimizer = Optimizer(Scheduled(Adam<Float>(learningRate: 1e-2), schedule: schedule), parameters: [1, -2, 3, 0.5])
    var generator = SplitMix64(seed: 11)
    for _ in 0..<5 { try optimizer.step(gradient: (0..<4).map { _ in Float(generator.nextGaussian()) }) }
    return CheckpointSnapshot(
      kind: .adam, parameters: optimizer.parameters, state: optimizer.state, schedule: schedule,
      stepCount: optimizer.stepCount, generator: generator, history: ["loss": [2, 1.5, 1.25], "accuracy": []], note: nil)
  }
}

private struct SmallCheckpoint: Codable, Equatable {
  var state: Adam<Float>.State
  var generator: SplitMix64
}

/// A value whose encoding always fails.
private struct Refusing: Encodable {
  func encode(to encoder: any Encoder) throws {
    throw EncodingError.invalidValue(0, .init(codingPath: [], debugDescription: "refused"))
  }
}

/// The CRC-32 (IEEE 802.3, as zlib computes it) of `bytes`, little-endian: a bitwise reference.
private func crcBytes(of bytes: [UInt8]) -> [UInt8] {
  var crc: UInt32 = 0xFFFF_FFFF
  for byte in bytes {
    crc ^= UInt32(byte)
    for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
  }
  crc ^= 0xFFFF_FFFF
  return (0..<4).map { UInt8(truncatingIfNeeded: crc >> (8 * $0)) }
}

private func littleEndian(_ bytes: ArraySlice<UInt8>) -> UInt64 {
  bytes.reversed().reduce(0) { $0 << 8 | UInt64($1) }
}

private func kind(of error: CheckpointError) -> String {
  switch error {
  case .notACheckpoint: return "notACheckpoint"
  case .versionMismatch: return "versionMismatch"
  case .lengthMismatch: return "lengthMismatch"
  case .checksumMismatch: return "checksumMismatch"
  case .malformed: return "malformed"
  case .unencodable: return "unencodable"
  case .io: return "io"
  }
}
