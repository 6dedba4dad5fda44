import ArgumentParser
import Filtering
import Foundation
import Linalg
import Models

/// `kfopt filter`: a linear-Gaussian state-space model over observations.
struct FilterCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "filter",
    abstract: "Kalman-filter (and smooth) observations with a linear-Gaussian state-space model.",
    discussion: """
      The model is JSON: {"F": [[…]], "Q": [[…]], "H": [[…]], "R": [[…]], "m0": […], "P0": [[…]]}, \
      optionally with "B": [[…]] (n × k) for controls. m0, P0 describe the state before the first \
      row; each row is a predict, then an update with that row's observed components (FilterPy's loop).
      The observations CSV has a header and one column per observation component; an empty cell is \
      a missing value. With "B", k more columns named u0, u1, … hold the control applied in that row's predict.

      Examples:
        kfopt filter --model examples/constant-velocity.json --observations examples/constant-velocity.csv
        kfopt filter --model examples/constant-velocity.json --observations examples/constant-velocity.csv --smooth --json
      """)

  @Option(help: "The model JSON file.") var model: String
  @Option(help: "The observations CSV file (empty cells are missing).") var observations: String
  @Flag(help: "Also run the Rauch–Tung–Striebel smoother.") var smooth = false
  @Flag(help: "One JSON object: log_likelihood, filtered_mean, filtered_cov (and smoothed_* with --smooth).") var json = false

  func run() throws {
    try reportingErrors {
      let stateSpace: StateSpaceModel
      do {
        stateSpace = try StateSpaceModel.load(path: model)
      } catch let error as ModelFileError {
        if case .unreadable = error { throw fail(error.description, isIO: true) }
        throw fail(error.description, isIO: false)
      }
      let (columns, rows) = try CSVTable.loadAllowingMissing(path: observations)
      let (ys, controls) = try split(columns, rows, stateSpace)
      let run = try stateSpace.filter(ys, controls: controls)
      let smoothed = smooth ? try stateSpace.smooth(run) : nil
      // Values near the end of Double's range overflow inside the recursions;
      // no partial table of NaN and ∞ (which JSON cannot even hold) is printed.
      let beliefs = run.filtered + (smoothed ?? [])
      guard run.logLikelihood.isFinite, beliefs.allSatisfy({ $0.mean.allSatisfy(\.isFinite) && $0.variances.allSatisfy(\.isFinite) }) else {
        throw fail(
          "\(model) with \(observations): the filter overflowed (log-likelihood \(run.logLikelihood)); rescale the model or the observations", isIO: false)
      }
      if json {
        var object: [String: Any] = [
          "log_likelihood": run.logLikelihood, "filtered_mean": run.filtered.map(\.mean),
          "filtered_cov": run.filtered.map { rowsOf($0.covariance) },
        ]
        if let smoothed {
          object["smoothed_mean"] = smoothed.map(\.mean)
          object["smoothed_cov"] = smoothed.map { rowsOf($0.covariance) }
        }
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        print(String(decoding: data, as: UTF8.self))
      } else {
        let n = stateSpace.stateDimension
        var header = ["t"] + (0..<n).map { "mean\($0)" } + (0..<n).map { "var\($0)" }
        if smooth { header += (0..<n).map { "smoothed_mean\($0)" } + (0..<n).map { "smoothed_var\($0)" } }
        print(header.joined(separator: ","))
        for t in run.filtered.indices {
          var fields = ["\(t + 1)"] + run.filtered[t].mean.map(format) + run.filtered[t].variances.map(format)
          if let smoothed { fields += smoothed[t].mean.map(format) + smoothed[t].variances.map(format) }
          print(fields.joined(separator: ","))
        }
        FileHandle.standardError.write(Data("log-likelihood \(format(run.logLikelihood)) over \(ys.count) steps\n".utf8))
      }
    }
  }

  /// Separates observation columns from control columns (u0, u1, …) and checks their counts.
  private func split(_ columns: [String], _ rows: [[Double?]], _ model: StateSpaceModel) throws -> ([[Double?]], [[Double]]?) {
    let controlColumns = columns.indices.filter { Self.isControl(columns[$0]) }
    let observationColumns = columns.indices.filter { !Self.isControl(columns[$0]) }
    guard observationColumns.count == model.observationDimension else {
      throw fail(
        "\(observations): \(observationColumns.count) observation columns, the model's H has \(model.observationDimension) rows", isIO: false)
    }
    let k = model.transition.controlMatrix?.columns ?? 0
    guard controlColumns.count == k else {
      throw fail("\(observations): \(controlColumns.count) control columns (u0, u1, …), the model's B has \(k) columns", isIO: false)
    }
    let ys = rows.map { row in observationColumns.map { row[$0] } }
    guard k > 0 else { return (ys, nil) }
    var controls: [[Double]] = []
    for (r, row) in rows.enumerated() {
      var u: [Double] = []
      for c in controlColumns {
        guard let value = row[c] else { throw fail("\(observations):\(r + 2): control \(columns[c]) is empty; controls cannot be missing", isIO: false) }
        u.append(value)
      }
      controls.append(u)
    }
    return (ys, controls)
  }

  static func isControl(_ name: String) -> Bool {
    name.count > 1 && name.first == "u" && name.dropFirst().allSatisfy(\.isNumber)
  }

  private func rowsOf(_ m: Matrix) -> [[Double]] { (0..<m.rows).map { m.row($0) } }
  private func format(_ x: Double) -> String { String(format: "%.10g", x) }
}
