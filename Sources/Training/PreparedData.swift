import Foundation
import Linalg
import Models

/// A run's data after loading, splitting and scaling: what the trainer sees.
///
/// Standardisation and the regression target scaling are fitted on the
/// training part only and applied to the others; `targetScale` converts
/// regression errors back to the units of the original targets.
public struct PreparedData<Scalar: BLASScalar>: Sendable {
  /// The examples trained on.
  public var train: Dataset<Scalar>
  /// Held out of `train` for early stopping, if requested.
  public var validation: Dataset<Scalar>?
  /// The test examples.
  public var test: Dataset<Scalar>
  /// The standard deviation of the training targets (regression), else 1.
  public var targetScale: Double
  /// The mean of the training targets (regression), else 0.
  public var targetOffset: Double

  /// Loads, splits and scales `source`.
  ///
  /// - Parameters:
  ///   - seed: seeds the train/test and train/validation splits of CSV data.
  ///   - holdOutValidation: hold `source.validationFraction` of the training part out.
  ///   - dataDirectory: where built-in data sets live (default: ``BuiltinDataset/locateDataDirectory()``).
  /// - Throws: ``TrainingError/io(_:)`` for unreadable files or a missing data
  ///   directory, ``TrainingError/data(_:)`` for malformed data.
  public static func load(
    _ source: DataSource, seed: UInt64, holdOutValidation: Bool = false, dataDirectory: String? = nil
  ) throws(TrainingError) -> PreparedData {
    var split: DataSplit<Scalar>
    var isImageData = false
    do {
      if let builtin = source.builtin {
        // A built-in set has its target and task fixed: flags for CSV files would be ignored.
        if let target = source.target {
          throw TrainingError.usage("--target \(target): \(source.name) is a built-in data set with a fixed target; --target applies to CSV files")
        }
        if source.task != .auto {
          throw TrainingError.usage("--task \(source.task.rawValue): \(source.name) is a built-in data set with a fixed task; --task applies to CSV files")
        }
        guard let directory = dataDirectory ?? BuiltinDataset.locateDataDirectory() else {
          throw TrainingError.io(
            "cannot find the data directory for '\(source.name)': looked in $KALMANOPT_DATA, ./Data and beside the kfopt executable")
        }
        split = try builtin.load(from: directory, seed: seed, testFraction: source.testFraction)
        isImageData = builtin == .mnist5k
      } else {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: source.name, isDirectory: &isDirectory) else {
          let names = BuiltinDataset.allCases.map(\.rawValue).joined(separator: ", ")
          // A bare word is a mistyped name; anything path-like is a missing file.
          if !source.name.contains("/") && !source.name.contains(".") {
            throw TrainingError.usage("--data \(source.name): not a built-in data set (\(names)) and no such file")
          }
          throw TrainingError.io("\(source.name): no such file (and not a built-in data set: \(names))")
        }
        if isDirectory.boolValue {
          split = try loadIDXDirectory(source.name)
          isImageData = true
        } else {
          guard source.testFraction > 0 && source.testFraction < 1 else {
            throw TrainingError.usage("--test-fraction must be between 0 and 1 (exclusive), got \(source.testFraction)")
          }
          let all = try Dataset<Scalar>.load(path: source.name, target: source.target, task: source.task)
          split = DataSplit.split(all, testFraction: source.testFraction, seed: seed)
          guard split.train.count > 0 && split.test.count > 0 else {
            throw TrainingError.data(
              "\(source.name): \(all.count) row\(all.count == 1 ? " is" : "s are") too few for a training and a test part (--test-fraction \(source.testFraction))")
          }
        }
      }
    } catch let error as TrainingError {
      throw error
    } catch let error as DataError {
      if case .unreadable = error { throw TrainingError.io(error.description) }
      throw TrainingError.data(error.description)
    } catch {
      throw TrainingError.data("\(error)")
    }
    let prepared = prepare(split, source: source, seed: seed, holdOutValidation: holdOutValidation, isImageData: isImageData)
    if let validation = prepared.validation, validation.count == 0 || prepared.train.count == 0 {
      throw TrainingError.data(
        "\(source.name): \(split.train.count) training rows are too few to hold out a validation part for --early-stop (--validation-fraction \(source.validationFraction))")
    }
    return prepared
  }

  /// Holds out validation data, standardises features and scales regression targets.
  static func prepare(
    _ split: DataSplit<Scalar>, source: DataSource, seed: UInt64, holdOutValidation: Bool, isImageData: Bool
  ) -> PreparedData {
    var train = split.train, test = split.test
    var validation: Dataset<Scalar>?
    if holdOutValidation {
      let inner = DataSplit.split(train, testFraction: source.validationFraction, seed: seed ^ 0x7A11_DA7E_5EED_0003)
      train = inner.train
      validation = inner.test
    }
    let standardize = source.standardization == .on || (source.standardization == .auto && !isImageData)
    if standardize {
      let standardizer = Standardizer(fittedOn: train)
      train = standardizer.apply(to: train)
      test = standardizer.apply(to: test)
      validation = validation.map { standardizer.apply(to: $0) }
    }
    var scale = 1.0, offset = 0.0
    if case .regression = train.task {
      let scaler = TargetScaler(fittedOn: train)
      train = scaler.apply(to: train)
      test = scaler.apply(to: test)
      validation = validation.map { scaler.apply(to: $0) }
      scale = Double(scaler.scale)
      offset = Double(scaler.mean)
    }
    return PreparedData(train: train, validation: validation, test: test, targetScale: scale, targetOffset: offset)
  }

  /// A directory with IDX image/label files for a train and a test part.
  static func loadIDXDirectory(_ directory: String) throws -> DataSplit<Scalar> {
    let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    func find(_ part: [String], _ kind: String) throws -> String {
      let match = files.sorted().first { name in
        let lower = name.lowercased()
        return lower.contains(kind) && part.contains { lower.contains($0) }
      }
      guard let match else {
        throw DataError.invalid(
          path: directory, reason: "no \(part[0]) \(kind) IDX file (expected names like train-\(kind)-idx…-ubyte[.gz] and t10k-\(kind)-…)")
      }
      return (directory as NSString).appendingPathComponent(match)
    }
    let train = try Dataset<Scalar>.loadIDX(images: find(["train"], "images"), labels: find(["train"], "labels"), name: "idx-train")
    let test = try Dataset<Scalar>.loadIDX(images: find(["t10k", "test"], "images"), labels: find(["t10k", "test"], "labels"), name: "idx-test")
    return DataSplit(train: train, test: test)
  }
}
