import Foundation

/// Runs the built `kfopt` executable, as a user would, and captures its output.
public enum KFOptProcess {
  /// The result of one run.
  public struct Result: Sendable {
    public let status: Int32
    public let standardOutput: String
    public let standardError: String
  }

  /// The `kfopt` binary next to the test runner (SwiftPM builds every product
  /// of the package into the same directory before it runs the tests).
  public static var executable: String {
    let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    var directory = runner.deletingLastPathComponent()
    // On Linux the runner is …/debug/<Package>PackageTests.xctest; on macOS it is inside a bundle.
    while directory.path != "/" {
      let candidate = directory.appendingPathComponent("kfopt").path
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
      directory = directory.deletingLastPathComponent()
    }
    return Repository.root + "/.build/debug/kfopt"
  }

  /// Runs `kfopt arguments…` to completion.
  public static func run(_ arguments: [String], workingDirectory: String? = nil) throws -> Result {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let workingDirectory { process.currentDirectoryURL = URL(fileURLWithPath: workingDirectory) }
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Read both pipes before waiting so a large output cannot block the child.
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus, standardOutput: String(decoding: outData, as: UTF8.self),
      standardError: String(decoding: errData, as: UTF8.self))
  }
}
