import ArgumentParser
import TDAEval

/// `tda-eval gscore`: Geometry score: relative living times of H1 in witness complexes.
struct GScoreCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "gscore",
    abstract: "Geometry score: relative living times of H1 in witness complexes.")

  @Argument(parsing: .captureForPassthrough, help: "Arguments (this command is not built yet).")
  var arguments: [String] = []

  func run() throws { throw NotBuiltYet(command: "gscore") }
}
