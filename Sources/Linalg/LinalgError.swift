/// A failure of a linear-algebra operation on data, with what is needed to read it.
///
/// Programmer errors that no input can cause (an out-of-range subscript) are
/// preconditions; everything that depends on the numbers or shapes a caller
/// passes in is one of these cases, so a command-line tool can report it and
/// keep running.
public enum LinalgError: Error, Equatable, Sendable {
  /// Two operands have shapes that do not fit, e.g. `A·B` with `A.columns ≠ B.rows`.
  ///
  /// `operation` names the call, `expected` and `actual` describe the shapes.
  case dimensionMismatch(operation: String, expected: String, actual: String)

  /// A matrix that must be symmetric positive definite is not: its leading
  /// minor of order `leadingMinor` (1-based, as LAPACK reports it) is not
  /// positive, so the Cholesky factorisation could not be completed.
  case notPositiveDefinite(leadingMinor: Int, size: Int)

  /// A matrix that must be symmetric is not, to the stated tolerance.
  case notSymmetric(operation: String, row: Int, column: Int, asymmetry: Double, size: Int)

  /// An input holds a NaN or an infinity where finite numbers are required.
  case nonFinite(operation: String, index: Int)

  /// A LAPACK routine rejected argument number `argument` (LAPACK's `info < 0`).
  ///
  /// This cannot come from user data once shapes are checked; it is kept so
  /// that no LAPACK status is ever silently dropped.
  case illegalArgument(routine: String, argument: Int)

  /// An iterative LAPACK routine (e.g. `dsyevd`) did not converge (`info > 0`).
  case noConvergence(routine: String, info: Int)
}

extension LinalgError: CustomStringConvertible {
  public var description: String {
    switch self {
    case .dimensionMismatch(let operation, let expected, let actual):
      return "\(operation): dimension mismatch, expected \(expected), got \(actual)"
    case .notPositiveDefinite(let minor, let size):
      return
        "matrix of size \(size)×\(size) is not positive definite: "
        + "its leading minor of order \(minor) is not positive"
    case .notSymmetric(let operation, let row, let column, let asymmetry, let size):
      return
        "\(operation): matrix of size \(size)×\(size) is not symmetric: "
        + "|A[\(row),\(column)] − A[\(column),\(row)]| = \(asymmetry)"
    case .nonFinite(let operation, let index):
      return "\(operation): element \(index) is NaN or infinite"
    case .illegalArgument(let routine, let argument):
      return "\(routine): LAPACK rejected argument \(argument)"
    case .noConvergence(let routine, let info):
      return "\(routine): did not converge (info = \(info))"
    }
  }
}

extension LinalgError {
  /// Translates a LAPACK `info` code of a Cholesky-type routine.
  @usableFromInline
  static func check(choleskyInfo info: Int32, routine: String, size: Int) throws(LinalgError) {
    if info == 0 { return }
    if info < 0 { throw .illegalArgument(routine: routine, argument: Int(-info)) }
    throw .notPositiveDefinite(leadingMinor: Int(info), size: size)
  }

  /// Translates a LAPACK `info` code of an iterative routine.
  @usableFromInline
  static func check(iterativeInfo info: Int32, routine: String) throws(LinalgError) {
    if info == 0 { return }
    if info < 0 { throw .illegalArgument(routine: routine, argument: Int(-info)) }
    throw .noConvergence(routine: routine, info: Int(info))
  }
}
