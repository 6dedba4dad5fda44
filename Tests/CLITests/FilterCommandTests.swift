import Filtering
import Foundation
import Models
import TestSupport
import Testing

@Suite("kfopt filter", .tags(.endToEnd))
struct FilterCommandTests {
  let model = Repository.root + "/examples/constant-velocity.json"
  let observations = Repository.root + "/examples/constant-velocity.csv"

  @Test func jsonOutputMatchesTheLibraryAndGapsGrowTheVariance() throws {
    let run = try KFOptProcess.run(["filter", "--model", model, "--observations", observations, "--smooth", "--json"])
    #expect(run.status == 0, "\(run.standardError)")
    let object = try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
    let means = try #require(object["filtered_mean"] as? [[Double]])
    let covariances = try #require(object["filtered_cov"] as? [[[Double]]])
    #expect(means.count == 100 && covariances.count == 100 && (object["smoothed_mean"] as? [[Double]])?.count == 100)
    let stateSpace = try StateSpaceModel.load(path: model)
    let (_, rows) = try CSVTable.loadAllowingMissing(path: observations)
    let library = try stateSpace.filter(rows)
    #expect(abs((object["log_likelihood"] as? Double ?? .nan) - library.logLikelihood) <= 1e-12 * abs(library.logLikelihood))
    // Steps 40–45 are missing: only predictions, so the position variance grows through the gap.
    let positionVariance = covariances.map { $0[0][0] }
    for t in 40...45 { #expect(positionVariance[t - 1] > positionVariance[t - 2], "step \(t)") }
    #expect(positionVariance[45] < positionVariance[44])  // step 46 is observed again
    // Smoothing never increases a variance.
    let smoothed = try #require(object["smoothed_cov"] as? [[[Double]]])
    for t in 0..<100 { #expect(smoothed[t][0][0] <= positionVariance[t] * (1 + 1e-12)) }
  }

  @Test func badModelFilesNameTheFileAndKey() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kfopt-filter-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let cases: [(String, String, Int32, [String])] = [
      ("missing-key.json", #"{"F": [[1]], "Q": [[1]], "H": [[1]], "R": [[1]], "m0": [0]}"#, 65, ["missing-key.json", "P0"]),
      ("ragged.json", #"{"F": [[1, 0], [0]], "Q": [[1]], "H": [[1]], "R": [[1]], "m0": [0], "P0": [[1]]}"#, 65, ["ragged.json", "\"F\""]),
      ("asymmetric.json", #"{"F": [[1, 0], [0, 1]], "Q": [[1, 2], [0, 1]], "H": [[1, 0]], "R": [[1]], "m0": [0, 0], "P0": [[1, 0], [0, 1]]}"#, 65, ["\"Q\"", "symmetric"]),
      ("sizes.json", #"{"F": [[1, 0], [0, 1]], "Q": [[1, 0], [0, 1]], "H": [[1, 0, 0]], "R": [[1]], "m0": [0, 0], "P0": [[1, 0], [0, 1]]}"#, 65, ["sizes.json"]),
      ("text.json", "F = 1", 65, ["text.json"]),
      ("overflowing-m0.json", #"{"F": [[1]], "Q": [[1]], "H": [[1]], "R": [[1]], "m0": [1e308], "P0": [[1]]}"#, 65, ["overflowing-m0.json", "overflowed"]),
      ("negative-r.json", #"{"F": [[1]], "Q": [[1]], "H": [[1]], "R": [[-1]], "m0": [0], "P0": [[1]]}"#, 65, ["negative-r.json", "\"R\"", "-1.0"]),
      (
        "indefinite-p0.json", #"{"F": [[1, 0], [0, 1]], "Q": [[1, 0], [0, 1]], "H": [[1, 0]], "R": [[1]], "m0": [0, 0], "P0": [[1, 2], [2, 1]]}"#, 65,
        ["\"P0\"", "positive semi-definite"]
      ),
    ]
    for (name, text, status, words) in cases {
      let path = directory + "/" + name
      try Data(text.utf8).write(to: URL(fileURLWithPath: path))
      let run = try KFOptProcess.run(["filter", "--model", path, "--observations", observations])
      #expect(run.status == status, "\(name): \(run.status) \(run.standardError)")
      for word in words { #expect(run.standardError.contains(word), "\(name): '\(word)' not in \(run.standardError)") }
    }
    let missing = try KFOptProcess.run(["filter", "--model", directory + "/none.json", "--observations", observations])
    #expect(missing.status == 74 && missing.standardError.contains("none.json"))
    let wide = directory + "/wide.csv"
    try Data("a,b\n1,2\n".utf8).write(to: URL(fileURLWithPath: wide))
    let columns = try KFOptProcess.run(["filter", "--model", model, "--observations", wide])
    #expect(columns.status == 65 && columns.standardError.contains("observation columns"))
  }
}
