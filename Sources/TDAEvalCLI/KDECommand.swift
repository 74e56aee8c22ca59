import ArgumentParser
import TDAEval

/// `tda-eval kde`: Kernel-density baseline: mean log-likelihood of each sample under the other's KDE.
struct KDECommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "kde",
    abstract: "Kernel-density baseline: mean log-likelihood of each sample under the other's KDE.")

  @Argument(parsing: .captureForPassthrough, help: "Arguments (this command is not built yet).")
  var arguments: [String] = []

  func run() throws { throw NotBuiltYet(command: "kde") }
}
