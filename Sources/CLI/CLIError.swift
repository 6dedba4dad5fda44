import ArgumentParser
import FileOutput
import Plotting
import Foundation
import Linalg
import Models
import Optimizers
import Training

/// The exit codes of `kfopt` (BSD sysexits): 64 usage, 65 bad input data, 74 I/O.
enum ExitStatus: Int32 {
  case usage = 64
  case data = 65
  case io = 74
}

/// Runs a command body, turning the library's typed errors into a message on
/// standard error and the matching exit code.
func reportingErrors<T>(_ body: () throws -> T) throws -> T {
  do {
    return try body()
  } catch let error as SettingsError {
    throw ValidationError(error.description)
  } catch let error as DataError {
    throw fail(error.description, isIO: { if case .unreadable = error { return true } else { return false } }())
  } catch let error as LinalgError {
    throw fail(error.description, isIO: false)
  } catch let error as OptimizerError {
    throw fail(error.description, isIO: false)
  } catch let error as TrainingError {
    switch error {
    case .usage(let message): throw ValidationError(message)
    case .io(let message): throw fail(message, isIO: true)
    case .data(let message), .numerical(let message): throw fail(message, isIO: false)
    }
  } catch let error as PlotError {
    throw fail(error.description, isIO: true)
  } catch let error as FileOutputError {
    throw fail(error.description, isIO: true)
  } catch let error as CheckpointError {
    if case .io = error { throw fail(error.description, isIO: true) }
    throw fail(error.description, isIO: false)
  }
}

/// Prints `message` to standard error and returns the exit code to throw.
func fail(_ message: String, isIO: Bool) -> ExitCode {
  FileHandle.standardError.write(Data("kfopt: error: \(message)\n".utf8))
  return ExitCode(isIO ? ExitStatus.io.rawValue : ExitStatus.data.rawValue)
}
