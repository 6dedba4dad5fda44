import Filtering
import Foundation
import FuzzSupport

/// One input: decoded as a `kfopt filter` state-space model file.
@_cdecl("FuzzModelJSON_main")
func fuzzModelJSONMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
  runFuzzer(argc, argv) { data, count in
    guard let data else { return 0 }
    return fuzzModelJSON(UnsafeRawPointer(data), count)
  }
}

/// One input.
func fuzzModelJSON(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
  _ = try? StateSpaceModel.decode(Data(bytes: start, count: count), source: "fuzz.json")
  return 0
}
