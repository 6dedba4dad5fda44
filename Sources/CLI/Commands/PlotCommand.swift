import ArgumentParser

/// `kfopt plot`: the package's figures.
struct PlotCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "plot",
    abstract: "Draw the package's figures (SVG, optionally PNG).",
    subcommands: [PosteriorPlotCommand.self])
}
