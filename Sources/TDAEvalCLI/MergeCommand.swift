import ArgumentParser
import Foundation
import TDAEval

/// `tda-eval merge DIR…`: the results of a sweep as one table, one row per evaluation.
struct MergeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "merge",
    abstract: "Gather the results of a sweep into one table (CSV or JSON).",
    discussion: """
      Reads every NAME.json and NAME.error that 'tda-eval sweep' wrote in the directories (several \
      when shards wrote apart) and makes one row per evaluation, sorted by name: name, error (the \
      message of a failed evaluation), then every scalar of the report under a dotted name \
      (metrics.precision, gscore.gscore, diagrams.distances.1.bottleneck, parameters.k), sorted; \
      lists of numbers are left out, JSON null is written null, an absent value empty. Timings \
      are left out unless --timings, so merged results of one sweep are identical wherever it ran. \
      Without --out the CSV goes to stdout; --json prints one object (columns, rows, errors) \
      instead. Failed evaluations are also named on stderr.
      Example:
        tda-eval merge results/ --out results.csv
        tda-eval merge shard-1/ shard-2/ --json
      """)

  @Argument(help: "Directories of sweep results.")
  var directories: [String]

  @Option(help: "Write the CSV to this file (atomically).")
  var out: String?

  @Flag(help: "Include the timings.* columns (seconds per part, which differ from run to run).")
  var timings = false

  @OptionGroup var output: OutputOptions

  func validate() throws {
    guard !directories.isEmpty else { throw ValidationError("give at least one results directory") }
  }

  func run() throws {
    let results = try SweepResults.load(directories: directories, includeTimings: timings)
    guard !results.rows.isEmpty || !results.failures.isEmpty else {
      throw ValidationError(
        "no results (NAME.json or NAME.error) in \(directories.map { "'\($0)'" }.joined(separator: ", "))"
      )
    }
    if let out {
      do {
        try AtomicFile.write(results.csv(), to: URL(fileURLWithPath: out))
      } catch let error as AtomicFileError {
        throw ValidationError(error.description)
      }
    }
    if output.json {
      var data = try results.json()
      data.append(0x0A)
      writeStandardOutput(data)
    } else if out == nil {
      writeStandardOutput(results.csv())
    }
    if !results.failures.isEmpty {
      let total = results.rows.count + results.failures.count
      note(
        "\(results.failures.count) of \(total) evaluations failed: "
          + results.failures.map { "\($0.name) (\($0.message))" }.joined(separator: "; "))
    }
  }
}
