import FileOutput
import Foundation

/// Writing SVG documents to disk.
public enum SVGFile {
  /// Writes `svg` as UTF-8 to `path`, atomically: the text goes to a temporary
  /// file in the same directory, which is then renamed over `path`, so a
  /// reader never sees a partial file and no temporary file is left behind.
  ///
  /// - Throws: ``PlotError/writeFailed(path:reason:)`` when the directory is
  ///   missing or not writable.
  public static func write(_ svg: String, to path: String) throws(PlotError) {
    do {
      try AtomicFile.write(svg, to: path)
    } catch {
      throw .writeFailed(path: path, reason: ioReason(error))
    }
  }
}

/// The reason part of a file-output error.
func ioReason(_ error: FileOutputError) -> String {
  switch error {
  case .io(_, let reason): return reason
  }
}
