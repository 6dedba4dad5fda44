import Foundation
import FuzzSupport
import Models

/// One input: parsed as a CSV table, then loaded as a data set (target = last
/// column, task inferred) from a file, the path `kfopt train --data file.csv` takes.
@_cdecl("FuzzCSV_main")
func fuzzCSVMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
  runFuzzer(argc, argv) { data, count in
    guard let data else { return 0 }
    return fuzzCSV(UnsafeRawPointer(data), count)
  }
}

/// One input.
func fuzzCSV(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  let bytes = Data(bytes: start, count: count)
  if let text = String(data: bytes, encoding: .utf8) {
    _ = try? CSVTable.parse(text, source: "fuzz.csv")
  }
  let path = FuzzFile.path(extension: "csv")
  guard FileManager.default.createFile(atPath: path, contents: bytes) else { return 0 }
  _ = try? Dataset<Float>.load(path: path, target: nil, task: .auto)
  return 0
}

/// A per-process scratch file for loaders that read paths.
enum FuzzFile {
  static func path(extension suffix: String) -> String {
    NSTemporaryDirectory() + "kalmanopt-fuzz-\(getpid()).\(suffix)"
  }
}
