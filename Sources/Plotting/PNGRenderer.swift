import FileOutput
import Foundation

/// Converts SVG documents to PNG images with `rsvg-convert` (Debian/Ubuntu
/// package `librsvg2-bin`), when it is installed.
public enum PNGRenderer {
  /// The name of the renderer executable looked up on the search path.
  public static let executableName = "rsvg-convert"

  /// Whether `rsvg-convert` is found on `PATH`.
  public static var isAvailable: Bool { locate() != nil }

  /// The full path of `rsvg-convert` in the first directory of `searchPath`
  /// (colon-separated, like `PATH`; `nil` uses this process's `PATH`) that has
  /// it as an executable file, or `nil`.
  public static func locate(searchPath: String? = nil) -> String? {
    let path = searchPath ?? ProcessInfo.processInfo.environment["PATH"] ?? ""
    for directory in path.split(separator: ":", omittingEmptySubsequences: true) {
      let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent(executableName).path
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue,
        FileManager.default.isExecutableFile(atPath: candidate)
      {
        return candidate
      }
    }
    return nil
  }

  /// Renders `svg` to a PNG file at `pngPath`, `scale` pixels per SVG pixel.
  ///
  /// The SVG and the image are written to temporary files in the destination
  /// directory and the image is renamed into place only when `rsvg-convert`
  /// succeeded, so `pngPath` is either untouched or the complete new image,
  /// and no temporary file remains.
  ///
  /// - Parameter searchPath: where to look for `rsvg-convert` (colon-separated
  ///   directories); `nil` uses this process's `PATH`.
  /// - Throws: ``PlotError/rendererMissing`` when `rsvg-convert` is not found
  ///   (its description says how to install it),
  ///   ``PlotError/rendererFailed(status:message:)`` when it fails,
  ///   ``PlotError/writeFailed(path:reason:)`` when the directory is not writable,
  ///   ``PlotError/invalidArgument(_:)`` for a scale outside (0, 16].
  public static func render(svg: String, to pngPath: String, scale: Double = 2, searchPath: String? = nil)
    throws(PlotError)
  {
    guard scale.isFinite, scale > 0, scale <= 16 else {
      throw .invalidArgument("PNG scale must be in (0, 16], got \(scale)")
    }
    guard let executable = locate(searchPath: searchPath) else { throw .rendererMissing }
    let svgTemporary = AtomicFile.temporaryPath(near: pngPath, suffix: ".svg")
    let pngTemporary = AtomicFile.temporaryPath(near: pngPath, suffix: ".png")
    defer {
      try? FileManager.default.removeItem(atPath: svgTemporary)
      try? FileManager.default.removeItem(atPath: pngTemporary)
    }
    do {
      try Data(svg.utf8).write(to: URL(fileURLWithPath: svgTemporary))
    } catch {
      throw .writeFailed(path: pngPath, reason: (error as NSError).localizedDescription)
    }
    let status: Int32, message: String
    do {
      (status, message) = try run(executable, ["--unlimited", "--zoom", "\(scale)", "--output", pngTemporary, svgTemporary])
    } catch {
      throw .rendererFailed(status: -1, message: (error as NSError).localizedDescription)
    }
    guard status == 0 else { throw .rendererFailed(status: status, message: message) }
    let size = (try? FileManager.default.attributesOfItem(atPath: pngTemporary)[.size] as? Int) ?? 0
    guard size > 0 else { throw .rendererFailed(status: status, message: "no image was written. \(message)") }
    do {
      try AtomicFile.rename(pngTemporary, over: pngPath)
    } catch {
      throw .writeFailed(path: pngPath, reason: ioReason(error))
    }
  }

  /// Runs `executable` with `arguments`; returns its exit status and standard error.
  private static func run(_ executable: String, _ arguments: [String]) throws -> (Int32, String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let output = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: output, as: UTF8.self))
  }
}
