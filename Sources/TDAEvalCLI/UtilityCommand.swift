import ArgumentParser
import Foundation
import TDAEval

/// `tda-eval utility REAL SYNTH --test TEST --target COL`: train on synthetic, test on real.
struct UtilityCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "utility",
    abstract: "Train on synthetic, test on real (TSTR) against train on real (TRTR).",
    discussion: """
      scikit-learn's default models fitted on the real and on the synthetic table (one-hot and \
      standard scaling fitted on each), scored on the real TEST table: logistic regression and \
      5-NN for a categorical or ordinal target (accuracy, balanced accuracy, macro F1, ROC AUC), \
      ridge and 5-NN for a numeric one (R², RMSE, MAE); gap = synthetic − real. Rows with a \
      missing target are left out and counted (docs/detection-utility.md).
      Example: tda-eval utility train.csv synth.csv --test test.csv --target diabetes --json
      """)

  @Argument(help: "The real training sample (a table).")
  var real: String

  @Argument(help: "The synthetic sample (a table).")
  var synthetic: String

  @Option(help: "Real rows held out from the generator, to score the models on.")
  var test: String

  @Option(help: "The column to predict.")
  var target: String

  @Option(help: "The task (default: from the target's kind).")
  var task: UtilityReport.Task?

  @OptionGroup var input: SampleInputOptions
  @OptionGroup var output: OutputOptions

  func run() throws {
    let samples = try input.load(real: real, synthetic: synthetic, holdout: test, asTables: true)
    guard case .tables(let tables) = samples else { preconditionFailure("asTables reads tables") }
    let report = try computing {
      try Utility.compute(tables, target: target, task: task)
    }
    if output.json {
      try printJSON(report)
      return
    }
    writeStandardOutput(report.summary + "\n")
    printTable(header: report.tableHeader, rows: report.tableRows(formatted))
  }
}
