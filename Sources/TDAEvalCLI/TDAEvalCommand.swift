import ArgumentParser
import Foundation
import TDAEval

/// `tda-eval`: topological and geometric quality metrics for synthetic data.
///
/// Exit status: 0 on success; 1 when a computation fails; 2 for bad input or bad options, with a
/// one-line message on stderr.
@main
struct TDAEvalCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tda-eval",
    abstract: "Measure how realistic synthetic data is, with topological and geometric metrics.",
    discussion: """
      Compare a real sample with a synthetic one: persistence diagrams of Vietoris–Rips \
      filtrations and the distances between them, manifold precision/recall, density/coverage, \
      the geometry score and kernel-density baselines.

      Exit status: 0 on success, 1 when a computation fails, 2 for bad input or options.
      """,
    version: "0.1.0",
    subcommands: [
      RipsCommand.self, DiagramsCommand.self, DistanceCommand.self, MetricsCommand.self,
      KDECommand.self, GScoreCommand.self, EvaluateCommand.self, GenerateCommand.self,
      TablesCommand.self, SchemaCommand.self, PrivacyCommand.self, SweepCommand.self,
      MergeCommand.self, FidelityCommand.self, DetectCommand.self, UtilityCommand.self,
    ])

  static func main() {
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch {
      exit(reporting: error)
    }
  }

  /// Prints `error` as one line on stderr and exits with the status of the CLI contract.
  static func exit(reporting error: any Error) -> Never {
    let parserCode = exitCode(for: error)
    if parserCode == .success { exit(withError: error) }  // --help, --version
    let status: Int32
    let text: String
    if let failure = error as? ComputationFailure {
      status = 1
      text = failure.message
    } else if let code = error as? ExitCode {
      Foundation.exit(code.rawValue)
    } else if parserCode == .validationFailure {
      status = 2
      text = message(for: error)
    } else {
      // Errors thrown by the library modules describe bad input or bad parameters.
      status = 2
      text = String(describing: error)
    }
    let line = text.split(whereSeparator: \.isNewline).joined(separator: " ")
    FileHandle.standardError.write(Data("tda-eval: \(line)\n".utf8))
    Foundation.exit(status)
  }
}

/// A computation that failed on valid input (exit status 1).
struct ComputationFailure: Error {
  var message: String
}

/// A subcommand whose capability is not built yet (exit status 2).
struct NotBuiltYet: Error, CustomStringConvertible {
  var command: String
  var description: String { "'tda-eval \(command)' is not built yet" }
}
