import Models
import Optimizers
import Testing
import Training

/// Malformed payloads throw ``CheckpointError/malformed(path:message:)``
/// naming what went wrong and where; nothing traps or over-allocates.
@Suite("BinaryCoding rejects malformed payloads")
struct BinaryCodingErrorTests {
  @Test("empty input")
  func empty() {
    expectMalformed(Int.self, [], mentioning: ["truncated", "byte offset 0"])
  }

  @Test("unknown tags")
  func badTag() {
    expectMalformed(Int.self, [0], mentioning: ["unknown tag 0", "byte offset 0"])
    expectMalformed([Float].self, [200, 1, 2, 3], mentioning: ["unknown tag 200"])
    // An unknown tag inside a container reports its own offset.
    expectMalformed([Int].self, [16, 2, 1, 99], mentioning: ["unknown tag 99 at byte offset 3"])
  }

  @Test("truncated scalars and arrays")
  func truncated() {
    expectMalformed(Float.self, [12, 0, 0], mentioning: ["truncated", "Float", "byte offset 1"])
    expectMalformed(Int.self, [7, 1, 2, 3], mentioning: ["truncated", "Int64"])
    expectMalformed([Float].self, [17, 2, 0, 0, 0x80, 0x3F], mentioning: ["exceeds", "byte offset 1"])
    expectMalformed([Int].self, [16, 2, 7, 1, 2], mentioning: ["truncated", "Int64 at byte offset 3"])
    expectMalformed(String.self, [14], mentioning: ["truncated", "String"])
  }

  @Test("lengths larger than the remaining bytes, up to 2⁶⁴ − 1, allocate nothing")
  func hugeLengths() {
    let maximal: [UInt8] = [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]
    for tag: UInt8 in [14, 15, 16, 17, 18, 19, 20] {
      expectMalformed([Float].self, [tag] + maximal + [1, 2, 3], mentioning: ["18446744073709551615", "exceeds", "byte offset 1"])
    }
    // 2⁶² elements of 4 bytes: the product would overflow Int.
    expectMalformed([Float].self, [17, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x40], mentioning: ["exceeds"])
    // A varint that does not fit in 64 bits, or never ends.
    expectMalformed([Float].self, [17] + [UInt8](repeating: 0xFF, count: 9) + [0x02], mentioning: ["overflows"])
    expectMalformed([Float].self, [17] + [UInt8](repeating: 0x80, count: 12), mentioning: ["overflows"])
    expectMalformed([Float].self, [17, 0x80], mentioning: ["truncated"])
  }

  @Test("a value of the wrong type")
  func wrongType() throws {
    expectMalformed(Int.self, try BinaryCoding.encode("seven"), mentioning: ["expected Int", "found String", "byte offset 0"])
    expectMalformed(Adam<Float>.State.self, try BinaryCoding.encode([1, 2, 3]), mentioning: ["expected", "byte offset 0"])
    expectMalformed([Float].self, try BinaryCoding.encode([1.0, 2.0]), mentioning: ["expected Float", "found Double"])
    expectMalformed(Float.self, try BinaryCoding.encode(1.0), mentioning: ["expected Float"])
    expectMalformed(Int8.self, try BinaryCoding.encode(300), mentioning: ["does not fit in Int8"])
    expectMalformed(UInt.self, try BinaryCoding.encode(-1), mentioning: ["does not fit in UInt"])
    expectMalformed(Bool.self, try BinaryCoding.encode(Int?.none), mentioning: ["expected Bool", "found nil"])
    // A wrong field type deep inside names the coding path.
    let state = try steppedState(Adam<Double>(), steps: 1, parameterCount: 2)
    var bytes = try BinaryCoding.encode(state)
    let key = [4] + Array("step".utf8)
    let keyStart = try #require(bytes.indices.first { Array(bytes[$0..<min($0 + key.count, bytes.count)]) == key })
    let step = keyStart + key.count
    #expect(bytes[step] == 7)  // Int64
    bytes[step] = 13  // now a Double of the same width
    expectMalformed(Adam<Double>.State.self, bytes, mentioning: ["expected Int", "found Double", "byte offset \(step)", "step"])
  }

  @Test("a missing key, and an optional one that is absent")
  func missingKey() throws {
    let bytes = try BinaryCoding.encode(Partial(step: 3))
    expectMalformed(Adam<Float>.State.self, bytes, mentioning: ["no key", "byte offset 0"])
    #expect(try BinaryCoding.decode(Optional<SplitMix64>.self, from: BinaryCoding.encode(SplitMix64?.none)) == nil)
  }

  @Test("invalid UTF-8 in strings and keys")
  func invalidUTF8() {
    expectMalformed(String.self, [14, 2, 0xC3, 0x28], mentioning: ["not valid UTF-8", "byte offset 2"])
    expectMalformed(String.self, [14, 1, 0xFF], mentioning: ["not valid UTF-8"])
    expectMalformed([String: Int].self, [15, 1, 1, 0x80, 1], mentioning: ["key", "not valid UTF-8", "byte offset 3"])
  }

  @Test("trailing bytes and duplicate keys")
  func trailingAndDuplicate() throws {
    expectMalformed(Int.self, try BinaryCoding.encode(1) + [1], mentioning: ["1 unexpected bytes", "byte offset 9"])
    let key = Array("a".utf8)
    expectMalformed([String: Bool].self, [15, 2, 1] + key + [3, 1] + key + [2], mentioning: ["duplicate key \"a\"", "byte offset 5"])
  }

  @Test("nesting deeper than 512 levels is refused on both sides, without exhausting the stack")
  func deepNesting() throws {
    var bytes: [UInt8] = []
    for _ in 0..<100_000 { bytes += [16, 1] }
    bytes.append(1)
    expectMalformed(Nested.self, bytes, mentioning: ["nest deeper than 512"])
    // Each `.list` level is three containers (the case, its payload, the array).
    var value = Nested.leaf
    for _ in 0..<200 { value = .list([value]) }
    #expect(throws: (any Error).self) { try BinaryCoding.encode(value) }
    var shallow = Nested.leaf
    for _ in 0..<150 { shallow = .list([shallow]) }
    #expect(try BinaryCoding.decode(Nested.self, from: try BinaryCoding.encode(shallow)) == shallow)
  }

  @Test("every single-byte mutation and every truncation of a payload is handled", .tags(.property))
  func mutations() throws {
    let state = try steppedState(Adam<Float>(amsgrad: true), steps: 4, parameterCount: 2)
    let bytes = try BinaryCoding.encode(Snapshot(state: state, generator: SplitMix64(seed: 3), name: "run"))
    var variants = 0
    var decoded = 0
    for position in bytes.indices {
      for replacement: UInt8 in [0, 1, 0x7F, 0x80, 0xFF, bytes[position] ^ 0x01] {
        var mutated = bytes
        mutated[position] = replacement
        variants += 1
        // Either a value or a typed error; a trap would end the test run.
        if (try? BinaryCoding.decode(Snapshot.self, from: mutated)) != nil { decoded += 1 }
      }
    }
    for length in 0..<bytes.count {
      variants += 1
      #expect(throws: CheckpointError.self) { try BinaryCoding.decode(Snapshot.self, from: Array(bytes[0..<length])) }
    }
    #expect(variants == 7 * bytes.count)
    #expect(decoded < variants)
  }
}

/// Checks that decoding `bytes` as `type` throws `.malformed` whose message contains every fragment.
private func expectMalformed<T: Decodable>(
  _ type: T.Type, _ bytes: [UInt8], mentioning fragments: [String], sourceLocation: SourceLocation = #_sourceLocation
) {
  do {
    let value = try BinaryCoding.decode(type, from: bytes)
    Issue.record("decoded \(value) from \(bytes.prefix(32))", sourceLocation: sourceLocation)
  } catch {
    guard case .malformed(let path, let message) = error else {
      Issue.record("expected .malformed, got \(error)", sourceLocation: sourceLocation)
      return
    }
    #expect(path == nil, sourceLocation: sourceLocation)
    for fragment in fragments {
      #expect(message.contains(fragment), "\"\(message)\" lacks \"\(fragment)\"", sourceLocation: sourceLocation)
    }
    #expect(error.description.contains(message), sourceLocation: sourceLocation)
  }
}

private struct Partial: Codable {
  var step: Int
}

private struct Snapshot: Codable, Equatable {
  var state: Adam<Float>.State
  var generator: SplitMix64
  var name: String
}

private indirect enum Nested: Codable, Equatable {
  case leaf
  case list([Nested])
}
