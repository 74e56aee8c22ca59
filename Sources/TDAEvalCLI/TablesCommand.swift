import ArgumentParser
import TDAEval

/// `tda-eval tables`: Regenerate the benchmark tables into Notebooks-data/.
struct TablesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tables",
    abstract: "Regenerate the benchmark tables into Notebooks-data/.")

  @Argument(parsing: .captureForPassthrough, help: "Arguments (this command is not built yet).")
  var arguments: [String] = []

  func run() throws { throw NotBuiltYet(command: "tables") }
}
