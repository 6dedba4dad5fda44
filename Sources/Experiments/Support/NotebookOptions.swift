import ArgumentParser

/// The command-line options every notebook takes.
///
/// ```
/// swift run -c release AdaBayesFixedPoint --quick --seed 1 --out out/notebooks/AdaBayesFixedPoint
/// ```
public struct NotebookOptions: ParsableArguments, Sendable {
  /// A smaller, faster version of the experiment (fewer epochs, seeds or grid points) for CI.
  @Flag(help: "Run the small version (fewer epochs, seeds and grid points), as CI does.")
  public var quick = false

  /// Seeds every random choice (initial weights, batch order, synthetic data).
  @Option(help: "The first seed; runs with several seeds use seed, seed+1, …")
  public var seed: UInt64 = 0

  /// Where plots, tables and `summary.md` go (default `out/notebooks/<Name>`).
  @Option(help: "Directory for the plots and summary.md (default: out/notebooks/<notebook name>).")
  public var out: String?

  public init() {}
}
