import Foundation
import Linalg

/// A problem with a state-space model file, naming the file and the key.
public enum ModelFileError: Error, Equatable, Sendable {
  /// The file could not be read.
  case unreadable(path: String, reason: String)
  /// Not the expected JSON (with the decoder's reason).
  case malformed(path: String, reason: String)
  /// A matrix or vector is ragged, the wrong size, not symmetric, or not finite.
  case invalid(path: String, key: String, reason: String)
}

extension ModelFileError: CustomStringConvertible {
  public var description: String {
    switch self {
    case .unreadable(let path, let reason): return "\(path): cannot read: \(reason)"
    case .malformed(let path, let reason): return "\(path): \(reason)"
    case .invalid(let path, let key, let reason): return "\(path): \"\(key)\": \(reason)"
    }
  }
}

extension StateSpaceModel {
  /// Reads a model file: `{"F": [[…]], "Q": [[…]], "H": [[…]], "R": [[…]],
  /// "m0": […], "P0": [[…]]}` and optionally `"B": [[…]]` (n × k, for k controls).
  ///
  /// `m0`, `P0` describe x₀, the state before the first observation (each row
  /// of observations is a predict, then an update).
  ///
  /// - Throws: ``ModelFileError`` naming the file and the offending key.
  public static func load(path: String) throws(ModelFileError) -> StateSpaceModel {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw .unreadable(path: path, reason: (error as NSError).localizedDescription)
    }
    return try decode(data, source: path)
  }

  /// Parses model JSON; `source` names it in errors.
  public static func decode(_ data: Data, source: String) throws(ModelFileError) -> StateSpaceModel {
    let file: ModelFile
    do {
      file = try JSONDecoder().decode(ModelFile.self, from: data)
    } catch let DecodingError.keyNotFound(key, _) {
      throw .malformed(path: source, reason: "missing key \"\(key.stringValue)\" (a model has F, Q, H, R, m0, P0 and optionally B)")
    } catch let DecodingError.typeMismatch(_, context) {
      let key = context.codingPath.first?.stringValue ?? "?"
      throw .malformed(path: source, reason: "\"\(key)\" must be \(key == "m0" ? "an array of numbers" : "an array of rows of numbers")")
    } catch {
      throw .malformed(path: source, reason: "not a model JSON object: \(error)")
    }
    func matrix(_ rows: [[Double]], _ key: String) throws(ModelFileError) -> Matrix {
      do {
        return try Matrix(rows)
      } catch {
        throw .invalid(path: source, key: key, reason: error.description)
      }
    }
    let f = try matrix(file.F, "F"), q = try matrix(file.Q, "Q"), h = try matrix(file.H, "H"), r = try matrix(file.R, "R")
    let p0 = try matrix(file.P0, "P0")
    let b = try file.B.map { rows throws(ModelFileError) in try matrix(rows, "B") }
    // A covariance with a negative eigenvalue would fail deep in the filter,
    // at some step; refused here, naming the key. Round-off allows -n·u·max|λ|.
    for (key, covariance) in [("Q", q), ("R", r), ("P0", p0)] where covariance.rows == covariance.columns && covariance.rows > 0 {
      guard let eigen = try? SymmetricEigen(covariance) else { continue }  // the constructors below name what is wrong
      let smallest = eigen.values[0], largest = eigen.values.map(abs).max() ?? 0
      if smallest < -Double(covariance.rows) * Double.ulpOfOne * largest {
        throw .invalid(path: source, key: key, reason: "a covariance must be positive semi-definite; its smallest eigenvalue is \(smallest)")
      }
    }
    do {
      let initial = try Gaussian(mean: file.m0, covariance: p0)
      let transition = try LinearTransition(matrix: f, noiseCovariance: q, controlMatrix: b)
      let observation = try LinearObservation(matrix: h, noiseCovariance: r)
      return try StateSpaceModel(initial: initial, transition: transition, observation: observation)
    } catch {
      // The LinalgError names the operation (e.g. "LinearTransition Q"), which names the key.
      throw .invalid(path: source, key: Self.key(for: error), reason: error.description)
    }
  }

  private static func key(for error: LinalgError) -> String {
    let text = error.description
    for (marker, key) in [("Gaussian mean", "m0"), ("Gaussian covariance", "P0"), ("Gaussian", "m0/P0"), ("Transition F", "F"),
      ("Transition Q", "Q"), ("Transition B", "B"), ("Observation H", "H"), ("Observation R", "R"), ("StateSpaceModel transition", "F"),
      ("StateSpaceModel observation", "H")] where text.contains(marker)
    {
      return key
    }
    return "model"
  }
}

/// The JSON layout of a model file.
private struct ModelFile: Decodable {
  let F: [[Double]]
  let Q: [[Double]]
  let H: [[Double]]
  let R: [[Double]]
  let m0: [Double]
  let P0: [[Double]]
  let B: [[Double]]?
}
