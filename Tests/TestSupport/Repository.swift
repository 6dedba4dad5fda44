/// Paths inside this repository, found from this source file's location so
/// that tests run from any working directory.
public enum Repository {
  /// The repository root (the directory holding Package.swift).
  public static var root: String {
    // #filePath is …/Tests/TestSupport/Repository.swift
    var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
    parts.removeLast(3)
    return parts.joined(separator: "/")
  }

  /// A file under `Data/`.
  public static func data(_ name: String) -> String { root + "/Data/" + name }
}
