import ArgumentParser
import Foundation
import TDAEval

/// `tda-eval detect REAL SYNTH`: can a classifier tell the synthetic rows from the real ones?
struct DetectCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "detect",
    abstract: "Can a classifier tell synthetic rows from real ones? (logistic and 1-NN detection)",
    discussion: """
      Logistic detection as SDMetrics' LogisticDetection: real rows labelled 1, synthetic 0, \
      one-hot and robust-scaled features, L2 logistic regression solved to optimality, ROC AUC \
      on seeded stratified folds; auc is the mean, score SDMetrics' 1 − mean(2·max(AUC, 0.5) − 1) \
      (1: indistinguishable). The exact leave-one-out 1-NN two-sample test on the pooled rows in \
      the row distance of the other table metrics, with a seeded permutation p-value \
      (docs/detection-utility.md).
      Example: tda-eval detect real.csv synth.csv --ignore patient_id --seed 1 --json
      """)

  @Argument(help: "The real sample (a table).")
  var real: String

  @Argument(help: "The synthetic sample (a table).")
  var synthetic: String

  @Option(help: "Stratified folds of the logistic detection.")
  var folds = 3

  @Option(help: "Label permutations for the 1-NN test's p-value.")
  var permutations = 1000

  @Option(help: "Seeds the folds, the 1-NN ties and the permutations.")
  var seed: UInt64 = 0

  @OptionGroup var input: SampleInputOptions
  @OptionGroup var output: OutputOptions

  func run() throws {
    let samples = try input.load(real: real, synthetic: synthetic, asTables: true)
    guard case .tables(let tables) = samples else { preconditionFailure("asTables reads tables") }
    let report = try computing {
      try Detection.compute(
        tables, options: .init(folds: folds, permutations: permutations, seed: seed))
    }
    if output.json {
      try printJSON(report)
      return
    }
    printTable(header: DetectionReport.tableHeader, rows: report.tableRows(formatted))
  }
}

/// Runs a Learning computation, reporting a solver that failed as a failed computation (one line
/// on stderr, exit 1) rather than bad input (exit 2).
func computing<T>(_ body: () throws -> T) throws -> T {
  do {
    return try body()
  } catch let error as LearningError {
    guard case .notConverged = error else { throw error }
    FileHandle.standardError.write(Data("tda-eval: \(error)\n".utf8))
    throw ExitCode(1)
  }
}
