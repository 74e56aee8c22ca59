import ArgumentParser
import TDAEval

/// `tda-eval rips`: Persistence diagrams of the Vietoris–Rips filtration of one cloud or distance matrix.
struct RipsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rips",
    abstract: "Persistence diagrams of the Vietoris–Rips filtration of one cloud or distance matrix.")

  @Argument(parsing: .captureForPassthrough, help: "Arguments (this command is not built yet).")
  var arguments: [String] = []

  func run() throws { throw NotBuiltYet(command: "rips") }
}
