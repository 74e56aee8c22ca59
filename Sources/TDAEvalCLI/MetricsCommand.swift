import ArgumentParser
import TDAEval

/// `tda-eval metrics`: Precision, recall, density, coverage, realism and memorisation of a synthetic sample.
struct MetricsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "metrics",
    abstract: "Precision, recall, density, coverage, realism and memorisation of a synthetic sample.")

  @Argument(parsing: .captureForPassthrough, help: "Arguments (this command is not built yet).")
  var arguments: [String] = []

  func run() throws { throw NotBuiltYet(command: "metrics") }
}
