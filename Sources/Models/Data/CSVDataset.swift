import Foundation

/// How ``Dataset/load(path:target:task:name:)`` decides the learning task.
public enum TaskChoice: String, CaseIterable, Sendable, Codable {
  /// Classification when every target is a non-negative integer and there
  /// are at most ``Dataset/autoClassificationLimit`` distinct values, else regression.
  case auto
  /// Targets must be non-negative integers; the class count is the largest plus one.
  case classification
  /// Targets are real numbers.
  case regression
}

extension Dataset {
  /// The most distinct target values that ``TaskChoice/auto`` still reads as classes.
  public static var autoClassificationLimit: Int { 100 }
  /// The largest class label a CSV file may use (so a stray value cannot
  /// create millions of classes).
  public static var maximumClassLabel: Int { 65_535 }

  /// A data set from a CSV file with a header row (see ``CSVTable`` for the format).
  ///
  /// One column is the target and every other column, in file order, is a feature.
  ///
  /// - Parameters:
  ///   - path: the CSV file.
  ///   - target: the target column, by name or 0-based index (negative counts
  ///     from the end); `nil` means the last column.
  ///   - task: classification, regression, or decided from the targets.
  ///   - name: the data set's name; defaults to `path`.
  /// - Throws: ``DataError`` from ``CSVTable/load(path:)``;
  ///   ``DataError/noSuchColumn(path:column:available:)`` for an unknown
  ///   target; ``DataError/malformed(path:line:reason:)`` naming the line and
  ///   value of a classification target that is not a non-negative integer;
  ///   ``DataError/invalid(path:reason:)`` when no feature column is left.
  public static func load(path: String, target: String? = nil, task: TaskChoice = .auto, name: String? = nil)
    throws(DataError) -> Dataset
  {
    let table = try CSVTable.load(path: path)
    let targetIndex = try table.columnIndex(target ?? "-1")
    let featureCount = table.columns.count - 1
    guard featureCount >= 1 else {
      throw .invalid(path: path, reason: "only the target column '\(table.columns[targetIndex])'; no feature columns left")
    }
    let values = table.column(targetIndex)
    let isClass = { (v: Double) in v >= 0 && v <= Double(maximumClassLabel) && v.rounded() == v }
    let classification: Bool
    switch task {
    case .classification: classification = true
    case .regression: classification = false
    case .auto: classification = values.allSatisfy(isClass) && Set(values).count <= autoClassificationLimit
    }
    var features = [Scalar]()
    features.reserveCapacity(table.rows.count * featureCount)
    for row in table.rows {
      for (k, value) in row.enumerated() where k != targetIndex { features.append(Scalar(value)) }
    }
    let datasetName = name ?? path
    guard classification else {
      return try Dataset(
        name: datasetName, featureCount: featureCount, features: features, targets: values.map { Scalar($0) },
        task: .regression)
    }
    if let bad = values.firstIndex(where: { !isClass($0) }) {
      let value = values[bad]
      let integral = value.rounded() == value && abs(value) < 1e15
      let text = integral ? String(Int(value)) + (value > 0 ? " (above \(maximumClassLabel))" : "") : "\(value)"
      throw .malformed(
        path: path, line: lineNumber(ofRow: bad, in: path),
        reason: "target column '\(table.columns[targetIndex])' has \(text); a class must be a non-negative integer")
    }
    let labels = values.map { Int($0) }
    let classes = (labels.max() ?? 0) + 1
    return try Dataset(
      name: datasetName, featureCount: featureCount, features: features, labels: labels,
      task: .classification(classes: classes))
  }

  /// The 1-based line of data row `row` in a CSV file: ``CSVTable`` skips
  /// blank lines and lines never span a line break, so data row k is the
  /// (k + 2)-th non-blank line. Read again only to word an error message.
  private static func lineNumber(ofRow row: Int, in path: String) -> Int? {
    guard let data = FileManager.default.contents(atPath: path) else { return nil }
    let text = String(decoding: data, as: UTF8.self)
    var nonBlank = 0
    var lineNumber = 0
    for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
      lineNumber += 1
      let line = rawLine.last == "\r" ? rawLine.dropLast() : rawLine
      if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
      nonBlank += 1
      if nonBlank == row + 2 { return lineNumber }
    }
    return nil
  }
}
