import ArgumentParser
import TDAEval

/// `tda-eval diagrams REAL SYNTH`: persistence diagrams of both clouds and the distances between
/// them.
struct DiagramsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "diagrams",
    abstract: "Persistence diagrams of a real and a synthetic cloud, and their distances.")

  @Argument(help: "The real sample (CSV, one point per row).")
  var real: String

  @Argument(help: "The synthetic sample (CSV, one point per row).")
  var synthetic: String

  @OptionGroup var input: CloudInputOptions
  @OptionGroup var output: OutputOptions

  func run() throws {
    let (realCloud, syntheticCloud) = try input.loadPair(real: real, synthetic: synthetic)
    printTable(
      header: ["sample", "points", "dimension"],
      rows: [
        ["real", String(realCloud.count), String(realCloud.dimension)],
        ["synthetic", String(syntheticCloud.count), String(syntheticCloud.dimension)],
      ])
  }
}
