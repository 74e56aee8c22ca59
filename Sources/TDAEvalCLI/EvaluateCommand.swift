import ArgumentParser
import TDAEval

/// `tda-eval evaluate`: Every metric for a real/synthetic pair, as one report.
struct EvaluateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "evaluate",
    abstract: "Every metric for a real/synthetic pair, as one report.")

  @Argument(parsing: .captureForPassthrough, help: "Arguments (this command is not built yet).")
  var arguments: [String] = []

  func run() throws { throw NotBuiltYet(command: "evaluate") }
}
