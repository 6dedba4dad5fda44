import ArgumentParser
import Foundation

/// Runs a notebook's body with its options parsed from the command line,
/// turning errors into a message and an exit status (64 usage, 65 data or
/// numerical failure, 74 I/O) instead of a crash.
///
/// ```swift
/// // Notebooks/PadamExponent/main.swift
/// NotebookRunner.run("PadamExponent") { notebook in
///   notebook.heading("Padam: the partial exponent p", level: 1)
/// }
/// ```
public enum NotebookRunner {
  /// Parses `CommandLine.arguments`, runs `body`, writes `summary.md`, and exits.
  public static func run(_ name: String, _ body: (inout Notebook) throws -> Void) -> Never {
    let options: NotebookOptions
    do {
      options = try NotebookOptions.parse(Array(CommandLine.arguments.dropFirst()))
    } catch {
      NotebookOptions.exit(withError: error)
    }
    do {
      var notebook = try Notebook(name: name, options: options)
      try body(&notebook)
      try notebook.finish()
      exit(0)
    } catch let error as NotebookError {
      report(name, error.description)
      if case .io = error { exit(74) }
      exit(65)
    } catch {
      report(name, String(describing: error))
      exit(65)
    }
  }

  private static func report(_ name: String, _ message: String) {
    FileHandle.standardError.write(Data("\(name): error: \(message)\n".utf8))
  }
}
