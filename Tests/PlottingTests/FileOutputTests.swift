import Foundation
import Plotting
import TestSupport
import Testing

@Suite("Files and PNG rendering")
struct FileOutputTests {
  /// A fresh empty directory; remove it with ``removeDirectory(_:)``.
  private func makeTemporaryDirectory() throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("plotting-tests-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  private func removeDirectory(_ path: String) {
    try? FileManager.default.removeItem(atPath: path)
  }

  private func createFile(_ path: String, _ text: String) {
    #expect(FileManager.default.createFile(atPath: path, contents: Data(text.utf8)))
  }

  private func contents(_ directory: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
  }

  @Test func svgFileWriteReplacesAtomicallyAndLeavesNoTemporaryFiles() throws {
    let directory = try makeTemporaryDirectory()
    defer { removeDirectory(directory) }
    let path = directory + "/plot.svg"
    let first = SVGFixtures.learningCurves().svg()
    try SVGFile.write(first, to: path)
    #expect(try String(contentsOfFile: path, encoding: .utf8) == first)
    let second = Plot(title: "σ² ⟨g²⟩").svg()
    try SVGFile.write(second, to: path)
    #expect(try String(contentsOfFile: path, encoding: .utf8) == second)
    #expect(try contents(directory) == ["plot.svg"])
  }

  @Test func svgFileWriteToAnUnwritablePlaceThrowsAPlotError() throws {
    let directory = try makeTemporaryDirectory()
    defer { removeDirectory(directory) }
    let missing = directory + "/no/such/dir/plot.svg"
    #expect {
      try SVGFile.write("<svg/>", to: missing)
    } throws: { error in
      guard case .writeFailed(let path, let reason) = error as? PlotError else { return false }
      return path == missing && !reason.isEmpty && "\(error)".contains(missing)
    }
    // A regular file where the directory should be.
    createFile(directory + "/file", "x")
    #expect(throws: PlotError.self) { try SVGFile.write("<svg/>", to: directory + "/file/plot.svg") }
    #expect(try contents(directory) == ["file"])
  }

  @Test(.enabled(if: PNGRenderer.isAvailable, "rsvg-convert is not installed"))
  func pngRendererWritesAPNGAndNoTemporaryFiles() throws {
    let directory = try makeTemporaryDirectory()
    defer { removeDirectory(directory) }
    let path = directory + "/figure.png"
    let figure = Figure(title: "σ² against η/√⟨g²⟩", panels: [SVGFixtures.varianceScatter(count: 3_000), SVGFixtures.learningCurves()])
    try PNGRenderer.render(svg: figure.svg(), to: path, scale: 1)
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    #expect(Array(data.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    // The IHDR width is the SVG width times the scale.
    let width = data.dropFirst(16).prefix(4).reduce(0) { $0 << 8 | Int($1) }
    #expect(width == 1440)
    #expect(try contents(directory) == ["figure.png"])
  }

  @Test(.enabled(if: PNGRenderer.isAvailable, "rsvg-convert is not installed"))
  func aFailingRendererLeavesTheOldFileAndNoTemporaryFiles() throws {
    let directory = try makeTemporaryDirectory()
    defer { removeDirectory(directory) }
    let path = directory + "/old.png"
    createFile(path, "previous")
    #expect {
      try PNGRenderer.render(svg: "this is not an SVG document", to: path)
    } throws: { error in
      guard case .rendererFailed(let status, _) = error as? PlotError else { return false }
      return status != 0
    }
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "previous")
    #expect(try contents(directory) == ["old.png"])
  }

  @Test(arguments: ["", "/nonexistent-plotting-test-dir", "/nonexistent-a:/nonexistent-b"])
  func aMissingRendererThrowsWithTheInstallHintAndWritesNothing(searchPath: String) throws {
    #expect(PNGRenderer.locate(searchPath: searchPath) == nil)
    let directory = try makeTemporaryDirectory()
    defer { removeDirectory(directory) }
    let path = directory + "/plot.png"
    #expect(throws: PlotError.rendererMissing) {
      try PNGRenderer.render(svg: Plot().svg(), to: path, searchPath: searchPath)
    }
    #expect(try contents(directory).isEmpty)
    let hint = PlotError.rendererMissing.description
    #expect(hint.contains("apt-get install librsvg2-bin"))
    #expect(hint.contains("make deps"))
  }

  @Test func theRendererIsFoundOnAnExplicitSearchPath() throws {
    let directory = try makeTemporaryDirectory()
    defer { removeDirectory(directory) }
    let fake = directory + "/" + PNGRenderer.executableName
    createFile(fake, "#!/bin/sh\nexit 3\n")
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake)
    #expect(PNGRenderer.locate(searchPath: "/nonexistent:" + directory) == fake)
    // The fake renderer fails: the error carries its status and nothing is left behind.
    #expect(throws: PlotError.rendererFailed(status: 3, message: "")) {
      try PNGRenderer.render(svg: Plot().svg(), to: directory + "/out.png", searchPath: directory)
    }
    #expect(try contents(directory) == [PNGRenderer.executableName])
  }

  @Test(arguments: [0.0, -1, .nan, .infinity, 100])
  func anInvalidScaleIsRejected(scale: Double) throws {
    let directory = try makeTemporaryDirectory()
    defer { removeDirectory(directory) }
    #expect {
      try PNGRenderer.render(svg: Plot().svg(), to: directory + "/never.png", scale: scale)
    } throws: { error in
      guard case .invalidArgument = error as? PlotError else { return false }
      return true
    }
    #expect(try contents(directory).isEmpty)
  }
}
