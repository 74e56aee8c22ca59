import ArgumentParser
import TDAEval

/// `tda-eval distance`: Bottleneck or Wasserstein distance between two persistence diagrams.
struct DistanceCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "distance",
    abstract: "Bottleneck or Wasserstein distance between two persistence diagrams.")

  @Argument(parsing: .captureForPassthrough, help: "Arguments (this command is not built yet).")
  var arguments: [String] = []

  func run() throws { throw NotBuiltYet(command: "distance") }
}
