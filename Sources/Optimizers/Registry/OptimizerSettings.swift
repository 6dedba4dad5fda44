import Foundation

/// The value of one hyperparameter.
public enum HyperparameterValue: Sendable, Equatable, Codable, CustomStringConvertible {
  case real(Double)
  case integer(Int)
  case flag(Bool)
  case variant(AdaBayesVariant)

  public var description: String {
    switch self {
    case .real(let x): return "\(x)"
    case .integer(let k): return "\(k)"
    case .flag(let b): return "\(b)"
    case .variant(let v): return v.rawValue
    }
  }
}

/// A problem with a requested optimizer or hyperparameter, naming it.
public enum SettingsError: Error, Equatable, Sendable {
  case unknownOptimizer(String)
  case unknownHyperparameter(String)
  case notApplicable(Hyperparameter, OptimizerKind)
  case invalidValue(Hyperparameter, String, reason: String)
}

extension SettingsError: CustomStringConvertible {
  public var description: String {
    switch self {
    case .unknownOptimizer(let name):
      return "unknown optimizer '\(name)'; choose one of: \(OptimizerKind.allCases.map(\.rawValue).joined(separator: ", "))"
    case .unknownHyperparameter(let name):
      return "unknown hyperparameter '\(name)'"
    case .notApplicable(let h, let kind):
      let accepted = kind.hyperparameters.map { "--\($0.rawValue)" }.joined(separator: " ")
      return "--\(h.rawValue) does not apply to \(kind.rawValue); it takes: \(accepted)"
    case .invalidValue(let h, let text, let reason):
      return "--\(h.rawValue) \(text): \(reason)"
    }
  }
}

/// Hyperparameters chosen by a user; the ones left out take the optimizer's defaults.
public struct OptimizerSettings: Sendable, Equatable, Codable {
  /// The values set explicitly.
  public private(set) var values: [Hyperparameter: HyperparameterValue] = [:]

  /// No explicit values: every default applies.
  public init() {}

  /// Sets a hyperparameter, checking the value's kind.
  public mutating func set(_ h: Hyperparameter, _ value: HyperparameterValue) throws(SettingsError) {
    switch (h.valueKind, value) {
    case (.real, .real), (.integer, .integer), (.flag, .flag), (.variant, .variant): values[h] = value
    case (.real, .integer(let k)): values[h] = .real(Double(k))
    default: throw .invalidValue(h, value.description, reason: "expected \(Self.expectation(h.valueKind))")
    }
  }

  /// Sets a hyperparameter from text, as typed on a command line.
  public mutating func set(_ h: Hyperparameter, parsing text: String) throws(SettingsError) {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    switch h.valueKind {
    case .real:
      guard let x = Double(trimmed), x.isFinite || (h == .sgdLearningRate && x == .infinity) else {
        throw .invalidValue(h, text, reason: "expected a finite number")
      }
      values[h] = .real(x)
    case .integer:
      guard let k = Int(trimmed) else { throw .invalidValue(h, text, reason: "expected an integer") }
      values[h] = .integer(k)
    case .flag:
      switch trimmed.lowercased() {
      case "true", "1", "yes": values[h] = .flag(true)
      case "false", "0", "no": values[h] = .flag(false)
      default: throw .invalidValue(h, text, reason: "expected true or false")
      }
    case .variant:
      guard let v = AdaBayesVariant(rawValue: trimmed) else {
        throw .invalidValue(h, text, reason: "expected one of \(AdaBayesVariant.allCases.map(\.rawValue).joined(separator: ", "))")
      }
      values[h] = .variant(v)
    }
  }

  /// The value set for `h`, if any.
  public subscript(_ h: Hyperparameter) -> HyperparameterValue? { values[h] }

  private static func expectation(_ kind: Hyperparameter.ValueKind) -> String {
    switch kind {
    case .real: return "a number"
    case .integer: return "an integer"
    case .flag: return "true or false"
    case .variant: return "reference or paper"
    }
  }
}
