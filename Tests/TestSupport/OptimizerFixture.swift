import Foundation

/// A JSON value, for the free-form parts of fixture files (keyword arguments, state).
public enum JSONValue: Decodable, Sendable, Equatable {
  case number(Double)
  case bool(Bool)
  case string(String)
  case array([JSONValue])
  case object([String: JSONValue])
  case null

  public init(from decoder: Decoder) throws {
    let c = try decoder.singleValueContainer()
    if c.decodeNil() {
      self = .null
    } else if let b = try? c.decode(Bool.self) {
      self = .bool(b)
    } else if let x = try? c.decode(Double.self) {
      self = .number(x)
    } else if let s = try? c.decode(String.self) {
      self = .string(s)
    } else if let a = try? c.decode([JSONValue].self) {
      self = .array(a)
    } else {
      self = .object(try c.decode([String: JSONValue].self))
    }
  }

  /// The number, if this is one.
  public var number: Double? {
    if case .number(let x) = self { return x }
    return nil
  }

  /// The numbers of an array of numbers.
  public var numbers: [Double]? {
    guard case .array(let items) = self else { return nil }
    let values = items.compactMap(\.number)
    return values.count == items.count ? values : nil
  }
}

/// One reference trajectory from `Tests/Fixtures/Optimizers` (schema kfopt-optimizer-fixture/1).
public struct OptimizerFixture: Decodable, Sendable {
  public struct OptimizerInfo: Decodable, Sendable {
    public let name: String
    public let config: String
    public let kwargs: [String: JSONValue]
  }

  public struct Objective: Decodable, Sendable {
    public let name: String
    public let dim: Int
    public let A: [[Double]]?
    public let b: [Double]?
  }

  public let id: String
  public let optimizer: OptimizerInfo
  public let objective: Objective
  public let x0: [Double]
  public let T: Int
  public let trajectory: [[Double]]
  public let gradients: [[Double]]
  public let losses: [Double]
  public let final_state: [String: JSONValue]

  /// The directory holding the optimizer fixtures.
  public static var directory: String { Repository.root + "/Tests/Fixtures/Optimizers" }

  /// Every fixture file name (without `.json`), sorted, excluding the problem-data file.
  public static var all: [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    return names.filter { $0.hasSuffix(".json") && !$0.hasPrefix("problem-") }.map { String($0.dropLast(5)) }.sorted()
  }

  /// Loads `<id>.json`.
  public static func load(_ id: String) throws -> OptimizerFixture {
    let data = try Data(contentsOf: URL(fileURLWithPath: directory + "/" + id + ".json"))
    return try JSONDecoder().decode(OptimizerFixture.self, from: data)
  }
}

/// The diabetes least-squares problem of the fixtures: X (442×10) and y.
public struct DiabetesLeastSquares: Decodable, Sendable {
  public let X: [[Double]]
  public let y: [Double]

  /// Loads `problem-diabetes_ls.json`.
  public static func load() throws -> DiabetesLeastSquares {
    let data = try Data(contentsOf: URL(fileURLWithPath: OptimizerFixture.directory + "/problem-diabetes_ls.json"))
    return try JSONDecoder().decode(DiabetesLeastSquares.self, from: data)
  }
}
