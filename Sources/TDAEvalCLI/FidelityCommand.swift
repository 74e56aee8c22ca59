import ArgumentParser
import Foundation
import TDAEval

/// `tda-eval fidelity REAL SYNTH`: column shapes and column pair trends as SDMetrics'
/// QualityReport computes them, with Wasserstein-1, missing rates and coverage per column.
struct FidelityCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "fidelity",
    abstract: "Column shapes and pair trends of a synthetic table, as SDMetrics' QualityReport.",
    discussion: """
      Per column: KSComplement (numeric) or TVComplement (categorical, ordinal) of the present \
      values, the exact Wasserstein-1 distance (numeric), missing rates, range or category \
      coverage. Per pair: CorrelationSimilarity (two numeric columns; Pearson) or \
      ContingencySimilarity (numeric columns cut in 10 equal bins, missing a category of its \
      own); a pair counts when |ρ_real| > 0.5 or Cramér's V of the real table > 0.3. \
      column_shapes, column_pair_trends and quality equal SDMetrics 0.32's QualityReport with \
      its defaults. associations: Pearson's r, the correlation ratio η and the bias-corrected \
      Cramér's V between every two columns of each table, as dython's associations (missing \
      cells read as 0 or as a label of their own); the text lists the largest differences \
      (docs/fidelity.md).
      Example: tda-eval fidelity real.csv synth.csv --ignore patient_id --json
      """)

  @Argument(help: "The real sample (a table).")
  var real: String

  @Argument(help: "The synthetic sample (a table).")
  var synthetic: String

  @OptionGroup var input: SampleInputOptions
  @OptionGroup var output: OutputOptions
  @OptionGroup var memory: MemoryOptions

  func run() throws {
    memory.install()
    let samples = try input.load(real: real, synthetic: synthetic, asTables: true)
    guard case .tables(let tables) = samples else { preconditionFailure("asTables reads tables") }
    let report = FidelityReport.compute(tables)
    if output.json {
      try printJSON(report)
      return
    }
    func text(_ value: Double?) -> String { value.map(formatted) ?? "—" }
    printTable(
      header: [
        "column", "kind", "shape metric", "score", "W1", "coverage", "missing real",
        "missing synth",
      ],
      rows: report.columns.map {
        [
          $0.name, $0.kind.rawValue, $0.shape.metric, text($0.shape.score), text($0.wasserstein1),
          text($0.rangeCoverage ?? $0.categoryCoverage), formatted($0.missingReal),
          formatted($0.missingSynthetic),
        ]
      })
    writeStandardOutput("\n")
    printTable(
      header: ["pair", "metric", "real", "synthetic", "score", "counted"],
      rows: report.pairs.map {
        [
          $0.columns.joined(separator: " × "), $0.metric, text($0.real), text($0.synthetic),
          text($0.score), $0.counted ? "yes" : "no",
        ]
      })
    writeStandardOutput(
      "\ncolumn shapes \(text(report.columnShapes)), column pair trends "
        + "\(text(report.columnPairTrends)), quality \(text(report.quality))\n")
    let associations = report.associations
    guard let meanDifference = associations.meanAbsoluteDifference else { return }
    writeStandardOutput(
      "\nassociations (Pearson, η, Cramér's V; --json for the matrices): mean |real − synthetic| "
        + "\(formatted(meanDifference)); the largest differences:\n")
    printTable(
      header: ["pair", "real", "synthetic", "difference"],
      rows: associations.largestDifferences(5).map {
        [
          $0.columns.joined(separator: " × "), formatted($0.real), formatted($0.synthetic),
          formatted($0.synthetic - $0.real),
        ]
      })
  }
}
