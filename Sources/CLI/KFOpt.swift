import ArgumentParser

/// The `kfopt` command: optimization as Bayesian filtering.
@main
struct KFOpt: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "kfopt",
    abstract: "Optimization as Bayesian filtering: Kalman-filter optimizers, baselines and tools.",
    discussion: """
      Each parameter carries a Gaussian belief N(μ, σ²) that a linear-Gaussian state-space model \
      predicts and updates, with gradients as observations. SGD, Adam and AdamW are limits of it.
      """,
    version: KFOptVersion.string,
    subcommands: [
      TrainCommand.self, CompareCommand.self, PlotCommand.self, FilterCommand.self, OptimizersCommand.self, TraceCommand.self,
      BenchCommand.self,
    ]
  )
}

/// The version printed by `kfopt --version`.
enum KFOptVersion {
  static let string = "0.1.0"
}
