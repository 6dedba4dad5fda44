import Models
import Optimizers
import TestSupport
import Testing
import Training

@Suite("BinaryCoding round trips")
struct BinaryCodingRoundTripTests {
  @Test("nested structs with optionals, raw-value enums, dictionaries and empty arrays")
  func nestedValues() throws {
    try expectBinaryRoundTrip(Record.sample)
    try expectBinaryRoundTrip(Record(inner: Record.sample.inner, optionalInner: nil))
    try expectBinaryRoundTrip([Record.sample, Record.sample])
    try expectBinaryRoundTrip([String: Record]())
    try expectBinaryRoundTrip([[Float]]())
    try expectBinaryRoundTrip([[Double]](repeating: [], count: 3))
  }

  @Test("every integer width at its extremes")
  func integers() throws {
    try expectBinaryRoundTrip(Integers.extremes(minimum: true))
    try expectBinaryRoundTrip(Integers.extremes(minimum: false))
    try expectBinaryRoundTrip([Int.min, -1, 0, 1, Int.max])
    try expectBinaryRoundTrip([UInt64.max, 0])
    try expectBinaryRoundTrip([UInt8]())
    try expectBinaryRoundTrip([UInt8](0...255))
  }

  @Test("top-level scalars, strings and nil")
  func scalars() throws {
    try expectBinaryRoundTrip(true)
    try expectBinaryRoundTrip(-42)
    try expectBinaryRoundTrip("")
    try expectBinaryRoundTrip("σ²_post ≈ η/B · 🙂\u{0}\n")
    try expectBinaryRoundTrip(Int?.none)
    try expectBinaryRoundTrip([Int?.none, 3, nil])
    try expectBinaryRoundTrip(Empty())
  }

  @Test("Float and Double special values, bit for bit", .tags(.property))
  func specialValues() throws {
    let floats: [Float] = [
      .nan, -.nan, .signalingNaN, Float(bitPattern: 0x7FC1_2345), Float(bitPattern: 0xFFA0_0001), 0, -0,
      .infinity, -.infinity, .leastNonzeroMagnitude, -.leastNonzeroMagnitude, Float(bitPattern: 0x007F_FFFF),
      .leastNormalMagnitude, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .ulpOfOne, 1, -1,
    ]
    let doubles: [Double] = [
      .nan, -.nan, .signalingNaN, Double(bitPattern: 0x7FF8_0000_DEAD_BEEF), Double(bitPattern: 0xFFF0_0000_0000_0001),
      0, -0, .infinity, -.infinity, .leastNonzeroMagnitude, -.leastNonzeroMagnitude,
      Double(bitPattern: 0x000F_FFFF_FFFF_FFFF), .leastNormalMagnitude, .greatestFiniteMagnitude, .ulpOfOne, .pi,
    ]
    // Packed arrays (the fast path).
    let packedFloats = try BinaryCoding.decode([Float].self, from: try BinaryCoding.encode(floats))
    #expect(packedFloats.map(\.bitPattern) == floats.map(\.bitPattern))
    let packedDoubles = try BinaryCoding.decode([Double].self, from: try BinaryCoding.encode(doubles))
    #expect(packedDoubles.map(\.bitPattern) == doubles.map(\.bitPattern))
    // One scalar at a time, through single-value and unkeyed containers.
    for value in floats {
      let decoded = try BinaryCoding.decode(Float.self, from: try BinaryCoding.encode(value))
      #expect(decoded.bitPattern == value.bitPattern)
    }
    for value in doubles {
      let decoded = try BinaryCoding.decode(Double.self, from: try BinaryCoding.encode(value))
      #expect(decoded.bitPattern == value.bitPattern)
    }
    let optionals = floats.map { Optional($0) } + [nil]
    let decodedOptionals = try BinaryCoding.decode([Float?].self, from: try BinaryCoding.encode(optionals))
    #expect(decodedOptionals.map { $0?.bitPattern } == optionals.map { $0?.bitPattern })
    // Keyed fields.
    let pair = FloatPair(single: -.nan, double: Double(bitPattern: 0x7FF4_0000_0000_0001))
    let decodedPair = try BinaryCoding.decode(FloatPair.self, from: try BinaryCoding.encode(pair))
    #expect(decodedPair.single.bitPattern == pair.single.bitPattern)
    #expect(decodedPair.double.bitPattern == pair.double.bitPattern)
  }

  @Test("collections that are not fast-path arrays go element by element")
  func genericCollections() throws {
    let contiguous: ContiguousArray<Float> = [1.5, -0.0, .infinity]
    let decoded = try BinaryCoding.decode(ContiguousArray<Float>.self, from: try BinaryCoding.encode(contiguous))
    #expect(decoded.map(\.bitPattern) == contiguous.map(\.bitPattern))
    let set: Set<String> = ["adam", "sgd", "adabayes"]
    #expect(try BinaryCoding.decode(Set<String>.self, from: try BinaryCoding.encode(set)) == set)
    let intKeys: [Int: [Double]] = [3: [1, 2], -7: []]
    try expectBinaryRoundTrip(intKeys)
  }

  @Test("a packed array decodes into other collection types, and a Float widens to a Double")
  func crossTypeDecoding() throws {
    let floats: [Float] = [1, 2.5, -3]
    let bytes = try BinaryCoding.encode(floats)
    #expect(try BinaryCoding.decode(ContiguousArray<Float>.self, from: bytes) == [1, 2.5, -3])
    #expect(try BinaryCoding.decode([Double].self, from: bytes) == [1, 2.5, -3])
    #expect(try BinaryCoding.decode([Int64].self, from: try BinaryCoding.encode([Int8(-1), 7])) == [-1, 7])
    #expect(try BinaryCoding.decode(Int8.self, from: try BinaryCoding.encode(Int64(-128))) == -128)
  }

  @Test("superclass encoders and decoders, and hand-written containers")
  func superEncoders() throws {
    let derived = Derived(base: 7, name: "child", weights: [0.5, -0.25])
    let decoded = try BinaryCoding.decode(Derived.self, from: try BinaryCoding.encode(derived))
    #expect(decoded.base == 7 && decoded.name == "child" && decoded.weights == [0.5, -0.25])
    try expectBinaryRoundTrip(Manual(label: "m", rows: [[1, 2], [3]], scale: 2.5, flags: [true, false]))
  }

  @Test("keyed values are looked up by key: a later version adds an optional field")
  func schemaEvolution() throws {
    let old = VersionOne(alpha: 3, beta: "b")
    let new = try BinaryCoding.decode(VersionTwo.self, from: try BinaryCoding.encode(old))
    #expect(new == VersionTwo(beta: "b", alpha: 3, gamma: nil))
  }

  @Test("keyed entries decode in any order (hand-built bytes)")
  func keyOrder() throws {
    // keyed, 2 entries: "beta" → string "b"; "alpha" → int64 3 (the encoder would sort them).
    let bytes: [UInt8] =
      [15, 2]
      + [4] + Array("beta".utf8) + [14, 1] + Array("b".utf8)
      + [5] + Array("alpha".utf8) + [7, 3, 0, 0, 0, 0, 0, 0, 0]
    #expect(try BinaryCoding.decode(VersionOne.self, from: bytes) == VersionOne(alpha: 3, beta: "b"))
  }

  @Test("the byte layout is pinned (a change needs a new format version)")
  func pinnedLayout() throws {
    #expect(try BinaryCoding.encode(VersionOne(alpha: 3, beta: "b")) ==
      [15, 2] + [5] + Array("alpha".utf8) + [7, 3, 0, 0, 0, 0, 0, 0, 0] + [4] + Array("beta".utf8) + [14, 1, 98])
    #expect(try BinaryCoding.encode([Float(1), -2]) == [17, 2, 0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x00, 0xC0])
    #expect(try BinaryCoding.encode([1.0]) == [18, 1, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F])
    #expect(try BinaryCoding.encode([UInt8]([1, 2])) == [19, 2, 1, 2])
    #expect(try BinaryCoding.encode([-1]) == [20, 1, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF])
    #expect(try BinaryCoding.encode([true, false]) == [16, 2, 3, 2])
    #expect(try BinaryCoding.encode(Int?.none) == [1])
    #expect(try BinaryCoding.encode(UInt16(0x1234)) == [9, 0x34, 0x12])
    #expect(try BinaryCoding.encode(Int32(-2)) == [6, 0xFE, 0xFF, 0xFF, 0xFF])
    #expect(try BinaryCoding.encode(Float(1)) == [12, 0x00, 0x00, 0x80, 0x3F])
    #expect(try BinaryCoding.encode(Empty()) == [15, 0])
    // A 300-element array has a two-byte LEB128 count (0xAC 0x02).
    #expect(try BinaryCoding.encode([UInt8](repeating: 0, count: 300)).prefix(3) == [19, 0xAC, 0x02])
  }

  @Test("equal dictionaries encode to equal bytes")
  func deterministic() throws {
    var a: [String: Int] = [:]
    var b: [String: Int] = [:]
    for i in 0..<50 { a["key\(i)"] = i }
    for i in (0..<50).reversed() { b["key\(i)"] = i }
    #expect(try BinaryCoding.encode(a) == BinaryCoding.encode(b))
  }

  @Test("a 1,000,000-element state round-trips as packed arrays")
  func largeState() throws {
    let count = 1_000_000
    var generator = SplitMix64(seed: 5)
    let first = (0..<count).map { _ in Float(generator.nextGaussian()) }
    let state = BigState(step: 12, firstMoment: first, secondMoment: first.map { $0 * $0 }, generator: generator)
    let bytes = try BinaryCoding.encode(state)
    // Two arrays of 4 bytes per element plus a few dozen bytes of keys and tags.
    #expect(bytes.count > 8 * count && bytes.count < 8 * count + 200)
    let decoded = try BinaryCoding.decode(BigState.self, from: bytes)
    #expect(decoded == state)
  }
}

// MARK: - Fixtures

private enum Level: String, Codable, Equatable {
  case low, high
}

private enum Code: Int, Codable, Equatable {
  case first = 1
  case seventh = 7
}

private struct Empty: Codable, Equatable {}

private struct Inner: Codable, Equatable {
  var name: String
  var weights: [Double]
  var flag: Bool?
  var level: Level
}

private struct Record: Codable, Equatable {
  var inner: Inner
  var optionalInner: Inner?
  var missing: Int? = nil
  var present: Int8? = -5
  var code: Code = .seventh
  var levels: [Level] = [.high, .low]
  var table: [String: [Float]] = ["a": [1, 2], "": [], "σ": [-0.5]]
  var nestedTable: [String: [String: Int]] = ["outer": ["inner": 1], "empty": [:]]
  var emptyFloats: [Float] = []
  var emptyStrings: [String] = []
  var emptyRecords: [Inner] = []
  var matrix: [[Float]] = [[1, 2, 3], [], [4]]
  var schedule: LearningRateSchedule = .warmup(steps: 5, startFactor: 0, then: .multiStep(milestones: [10, 20], factor: 0.1))
  var generator = SplitMix64(seed: 9)

  /// A fresh record each time (a stored static would keep indirect-enum boxes
  /// in lazily initialised global storage, which LeakSanitizer reports).
  static var sample: Record {
    Record(
      inner: Inner(name: "layer", weights: [0.25, -1e-300], flag: nil, level: .high),
      optionalInner: Inner(name: "", weights: [], flag: false, level: .low))
  }
}

private struct Integers: Codable, Equatable {
  var i8: Int8, i16: Int16, i32: Int32, i64: Int64, i: Int
  var u8: UInt8, u16: UInt16, u32: UInt32, u64: UInt64, u: UInt

  static func extremes(minimum: Bool) -> Integers {
    minimum
      ? Integers(i8: .min, i16: .min, i32: .min, i64: .min, i: .min, u8: .min, u16: .min, u32: .min, u64: .min, u: .min)
      : Integers(i8: .max, i16: .max, i32: .max, i64: .max, i: .max, u8: .max, u16: .max, u32: .max, u64: .max, u: .max)
  }
}

private struct FloatPair: Codable {
  var single: Float
  var double: Double
}

private struct BigState: Codable, Equatable {
  var step: Int
  var firstMoment: [Float]
  var secondMoment: [Float]
  var generator: SplitMix64
}

private struct VersionOne: Codable, Equatable {
  var alpha: Int
  var beta: String
}

private struct VersionTwo: Codable, Equatable {
  var beta: String
  var alpha: Int
  var gamma: Double?
}

/// Encodes through nested keyed and unkeyed containers and single-value containers by hand.
private struct Manual: Codable, Equatable {
  var label: String
  var rows: [[Double]]
  var scale: Double
  var flags: [Bool]

  private enum Keys: String, CodingKey { case label, body, flags }
  private enum BodyKeys: String, CodingKey { case rows, scale }

  init(label: String, rows: [[Double]], scale: Double, flags: [Bool]) {
    self.label = label
    self.rows = rows
    self.scale = scale
    self.flags = flags
  }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: Keys.self)
    try container.encode(label, forKey: .label)
    var body = container.nestedContainer(keyedBy: BodyKeys.self, forKey: .body)
    var rowsContainer = body.nestedUnkeyedContainer(forKey: .rows)
    for row in rows {
      var rowContainer = rowsContainer.nestedUnkeyedContainer()
      for value in row { try rowContainer.encode(value) }
    }
    try body.encode(scale, forKey: .scale)
    var flagsContainer = container.nestedUnkeyedContainer(forKey: .flags)
    for flag in flags { try flagsContainer.encode(flag) }
  }

  init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: Keys.self)
    label = try container.decode(String.self, forKey: .label)
    let body = try container.nestedContainer(keyedBy: BodyKeys.self, forKey: .body)
    var rowsContainer = try body.nestedUnkeyedContainer(forKey: .rows)
    var rows: [[Double]] = []
    while !rowsContainer.isAtEnd {
      var rowContainer = try rowsContainer.nestedUnkeyedContainer()
      var row: [Double] = []
      while !rowContainer.isAtEnd { row.append(try rowContainer.decode(Double.self)) }
      rows.append(row)
    }
    self.rows = rows
    scale = try body.decode(Double.self, forKey: .scale)
    var flagsContainer = try container.nestedUnkeyedContainer(forKey: .flags)
    var flags: [Bool] = []
    while !flagsContainer.isAtEnd { flags.append(try flagsContainer.decode(Bool.self)) }
    self.flags = flags
  }
}

private class Base: Codable {
  var base: Int

  init(base: Int) { self.base = base }

  private enum Keys: String, CodingKey { case base }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: Keys.self)
    try container.encode(base, forKey: .base)
  }

  required init(from decoder: any Decoder) throws {
    base = try decoder.container(keyedBy: Keys.self).decode(Int.self, forKey: .base)
  }
}

private final class Derived: Base {
  var name: String
  var weights: [Float]

  init(base: Int, name: String, weights: [Float]) {
    self.name = name
    self.weights = weights
    super.init(base: base)
  }

  private enum Keys: String, CodingKey { case name, weights }

  override func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: Keys.self)
    try container.encode(name, forKey: .name)
    try container.encode(weights, forKey: .weights)
    try super.encode(to: container.superEncoder())
  }

  required init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: Keys.self)
    name = try container.decode(String.self, forKey: .name)
    weights = try container.decode([Float].self, forKey: .weights)
    try super.init(from: container.superDecoder())
  }
}
