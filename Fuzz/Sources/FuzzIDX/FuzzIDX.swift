import Foundation
import FuzzSupport
import Models

/// One input: written to a file and read as an IDX file (zlib reads it,
/// gzipped or not), the path `kfopt train --data dir/` takes.
@_cdecl("FuzzIDX_main")
func fuzzIDXMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
  runFuzzer(argc, argv) { data, count in
    guard let data else { return 0 }
    return fuzzIDX(UnsafeRawPointer(data), count)
  }
}

/// One input.
func fuzzIDX(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  let path = NSTemporaryDirectory() + "kalmanopt-fuzz-\(getpid()).idx"
  guard FileManager.default.createFile(atPath: path, contents: Data(bytes: start, count: count)) else { return 0 }
  _ = try? IDXFile.load(path: path)
  return 0
}
