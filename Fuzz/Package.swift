// swift-tools-version:6.0
//
// libFuzzer targets for the parsers that read user files: CSV tables, IDX
// images (plain or gzipped) and state-space model JSON. Each target must
// return normally or throw a typed error for every input; a crash, a trap or
// an address-sanitizer report is a bug, and the input that caused it becomes
// a regression test.
//
//   make fuzz                       # every target for FUZZ_SECONDS (default 60) each
//   swift build --package-path Fuzz -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
import PackageDescription

let package = Package(
  name: "KalmanOptFuzz",
  dependencies: [.package(name: "KalmanOpt", path: "..")],
  targets: [
    .target(name: "FuzzSupport"),
    .executableTarget(name: "FuzzCSV", dependencies: ["FuzzSupport", .product(name: "Models", package: "KalmanOpt")]),
    .executableTarget(name: "FuzzIDX", dependencies: ["FuzzSupport", .product(name: "Models", package: "KalmanOpt")]),
    .executableTarget(name: "FuzzModelJSON", dependencies: ["FuzzSupport", .product(name: "Filtering", package: "KalmanOpt")]),
  ]
)
