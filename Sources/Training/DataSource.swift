import Foundation
import Models

/// Where a run's data comes from and how it is prepared.
///
/// `name` is a built-in data set (`mnist5k`, `digits`, `breast-cancer`,
/// `diabetes`, `iris`, `wine`), a CSV file, or a directory holding IDX files
/// (`*train*images*`, `*train*labels*`, `*t10k*` or `*test*` for the test
/// part, gzipped or not).
public struct DataSource: Sendable, Equatable, Codable, CustomStringConvertible {
  /// Whether features are standardised (fitted on the training part only).
  public enum Standardization: String, Sendable, Codable, CaseIterable {
    /// On for CSV data, off for images (whose pixels are already in [0, 1]).
    case auto
    case on
    case off
  }

  /// A built-in name or a path.
  public var name: String
  /// The CSV target column (name or index; default the last column).
  public var target: String?
  /// Classification, regression, or inferred from the targets.
  public var task: TaskChoice = .auto
  /// The fraction of a CSV data set held out for testing.
  public var testFraction: Double = 0.2
  /// The fraction of the training part held out for validation (early stopping only).
  public var validationFraction: Double = 0.1
  /// Feature standardisation.
  public var standardization: Standardization = .auto

  /// The source `name` with default preparation.
  public init(_ name: String) {
    self.name = name
  }

  public var description: String { name }

  /// The built-in data set this names, if any.
  public var builtin: BuiltinDataset? { BuiltinDataset(rawValue: name.lowercased()) }
}
