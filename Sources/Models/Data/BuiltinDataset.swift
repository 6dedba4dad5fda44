import Foundation
import Linalg

/// The data sets shipped in the repository's `Data/` directory (see `Data/README.md`).
public enum BuiltinDataset: String, CaseIterable, Sendable {
  /// 5000 MNIST digits, 28×28, already split 4000 train / 1000 test (IDX files).
  case mnist5k
  /// scikit-learn's 8×8 digits: 1797 examples, 64 features, 10 classes.
  case digits
  /// Breast Cancer Wisconsin (Diagnostic): 569 examples, 30 features, 2 classes.
  case breastCancer = "breast-cancer"
  /// Diabetes progression (regression): 442 examples, 10 raw features.
  case diabetes
  /// Fisher's iris: 150 examples, 4 features, 3 classes.
  case iris
  /// Wine cultivars: 178 examples, 13 features, 3 classes.
  case wine

  /// The files this data set is read from, relative to the data directory.
  public var fileNames: [String] {
    switch self {
    case .mnist5k:
      return ["train-images-idx3", "train-labels-idx1", "test-images-idx3", "test-labels-idx1"].map {
        "mnist5k-\($0)-ubyte.gz"
      }
    case .breastCancer: return ["breast_cancer.csv"]
    default: return [rawValue + ".csv"]
    }
  }

  /// The learning task (classification with its class count, or regression).
  public var task: LearningTask {
    switch self {
    case .mnist5k, .digits: return .classification(classes: 10)
    case .breastCancer: return .classification(classes: 2)
    case .iris, .wine: return .classification(classes: 3)
    case .diabetes: return .regression
    }
  }

  /// Loads the data set from `directory` and splits it into train and test parts.
  ///
  /// `mnist5k` comes already split into its train and test files (4000 and
  /// 1000 images), so `seed` and `testFraction` do not affect it. The CSV
  /// data sets are split by ``DataSplit/split(_:testFraction:seed:)``:
  /// stratified by class for classification, a plain random split for
  /// `diabetes`. The parts are named `<rawValue>-train` and `<rawValue>-test`.
  ///
  /// - Throws: ``DataError`` from the loaders, or
  ///   ``DataError/invalid(path:reason:)`` when `testFraction` is not in (0, 1).
  public func load<Scalar: BLASScalar>(from directory: String, seed: UInt64, testFraction: Double = 0.2)
    throws(DataError) -> DataSplit<Scalar>
  {
    let files = fileNames.map { (directory as NSString).appendingPathComponent($0) }
    if self == .mnist5k {
      let train = try Dataset<Scalar>.loadIDX(images: files[0], labels: files[1], name: rawValue + "-train")
      let test = try Dataset<Scalar>.loadIDX(images: files[2], labels: files[3], name: rawValue + "-test")
      return DataSplit(train: train, test: test)
    }
    guard testFraction > 0 && testFraction < 1 else {
      throw .invalid(path: files[0], reason: "the test fraction must be between 0 and 1 (exclusive), got \(testFraction)")
    }
    let choice: TaskChoice = task == .regression ? .regression : .classification
    let dataset = try Dataset<Scalar>.load(path: files[0], target: "target", task: choice, name: rawValue)
    return DataSplit.split(dataset, testFraction: testFraction, seed: seed)
  }

  /// The first directory, in this order, that contains `iris.csv`:
  ///
  /// 1. `$KALMANOPT_DATA`, if set;
  /// 2. `./Data` under the current working directory;
  /// 3. `Data` beside the repository the running executable was built in:
  ///    starting at the directory of `CommandLine.arguments[0]` (symbolic
  ///    links resolved) and walking up at most 6 parent directories, the
  ///    first one holding `Data/iris.csv` (e.g. `.build/debug/kfopt` finds
  ///    the checkout's `Data`).
  ///
  /// Returns `nil` when none qualifies.
  public static func locateDataDirectory() -> String? {
    locateDataDirectory(
      environment: ProcessInfo.processInfo.environment,
      currentDirectory: FileManager.default.currentDirectoryPath,
      executable: CommandLine.arguments.first ?? "")
  }

  /// ``locateDataDirectory()`` with its inputs given explicitly (for tests and
  /// for tools that run on behalf of another process).
  ///
  /// - Parameters:
  ///   - environment: the variables to read `KALMANOPT_DATA` from.
  ///   - currentDirectory: what `./Data` is relative to.
  ///   - executable: the executable path, absolute or relative to `currentDirectory`.
  public static func locateDataDirectory(environment: [String: String], currentDirectory: String, executable: String)
    -> String?
  {
    func holdsData(_ directory: String) -> Bool {
      var isDirectory: ObjCBool = false
      let file = (directory as NSString).appendingPathComponent("iris.csv")
      return FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory) && !isDirectory.boolValue
    }
    let base = URL(fileURLWithPath: currentDirectory, isDirectory: true)
    if let variable = environment["KALMANOPT_DATA"], !variable.isEmpty {
      let directory = URL(fileURLWithPath: variable, relativeTo: base).standardizedFileURL.path
      if holdsData(directory) { return directory }
    }
    let local = base.appendingPathComponent("Data").standardizedFileURL.path
    if holdsData(local) { return local }
    guard !executable.isEmpty else { return nil }
    var directory = URL(fileURLWithPath: executable, relativeTo: base).resolvingSymlinksInPath().deletingLastPathComponent()
    for _ in 0...6 {
      let candidate = directory.appendingPathComponent("Data").standardizedFileURL.path
      if holdsData(candidate) { return candidate }
      let parent = directory.deletingLastPathComponent()
      if parent.path == directory.path { break }
      directory = parent
    }
    return nil
  }
}
