import ArgumentParser
import Foundation
import TDAEval

/// `tda-eval`: topological and geometric quality metrics for synthetic data.
///
/// Exit status: 0 on success; 1 when the results cannot be written (a full device, a closed
/// stdout) or some evaluations of a sweep failed; 2 for bad input or bad options, with a one-line
/// message on stderr.
@main
struct TDAEvalCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tda-eval",
    abstract: "Measure how realistic synthetic data is, with topological and geometric metrics.",
    discussion: """
      Compare a real sample with a synthetic one: persistence diagrams of Vietoris–Rips \
      filtrations and the distances between them, manifold precision/recall, density/coverage, \
      the geometry score and kernel-density baselines.

      Exit status: 0 on success, 1 when the results cannot be written or some evaluations of a \
      sweep failed, 2 for bad input or options (one line on stderr).
      """,
    version: TDAEvalVersion.current,
    subcommands: [
      RipsCommand.self, DiagramsCommand.self, DistanceCommand.self, MetricsCommand.self,
      KDECommand.self, GScoreCommand.self, EvaluateCommand.self, GenerateCommand.self,
      TablesCommand.self, SchemaCommand.self, PrivacyCommand.self, SweepCommand.self,
      MergeCommand.self, FidelityCommand.self, DetectCommand.self, UtilityCommand.self,
    ])

  static func main() {
    Interruption.install()
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch {
      exit(reporting: error)
    }
  }

  /// Prints `error` as one line on stderr and exits with the status of the CLI contract: the
  /// status an `ExitCode` carries, else 2 (errors of the library describe bad input or parameters).
  static func exit(reporting error: any Error) -> Never {
    let parserCode = exitCode(for: error)
    if parserCode == .success { exit(withError: error) }  // --help, --version
    if let code = error as? ExitCode { Foundation.exit(code.rawValue) }
    let text = parserCode == .validationFailure ? message(for: error) : String(describing: error)
    let line = text.split(whereSeparator: \.isNewline).joined(separator: " ")
    FileHandle.standardError.write(Data("tda-eval: \(line)\n".utf8))
    Foundation.exit(2)
  }
}
