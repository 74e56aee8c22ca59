import ArgumentParser
import Foundation
import TDAEval

/// `tda-eval tables`: regenerates the benchmark tables (CSV, Markdown, LaTeX, SVG) from seeds.
struct TablesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tables",
    abstract: "Regenerate the benchmark tables into Notebooks-data/tables/.",
    discussion: """
      Writes failures.{csv,md,tex} (every metric under every controlled failure, mean ± sd over \
      the seeds), sensitivity-*.csv and sensitivity-*.svg (metrics against noise σ, against \
      the fraction of modes kept, and — with the privacy measures — against the jitter of \
      memorised copies), runtime.{csv,md,tex} with runtime-*.svg (seconds and peak \
      memory of each metric against n and d), fidelity.{csv,md,tex} (column shapes, pair \
      trends, quality and association difference next to the topological metrics, on the \
      tabular base and the patient registry), and calibration.{csv,md} (every metric between \
      two samples of one distribution at n = 300, 1,000 and 3,000: the null calibration of \
      the readings). Everything but the runtime files is byte-identical \
      from run to run. The full tables take a long time: build with -c release. --quick makes a \
      small version for CI.
      Example:
        swift run -c release tda-eval tables
        tda-eval tables --quick --only failures,sensitivity --out /tmp/tables
      """)

  @Option(help: "Directory to write into (created if missing).")
  var out = "Notebooks-data/tables"

  @Flag(help: "A small version (two bases, 100 points, 2 seeds) for CI.")
  var quick = false

  @Option(
    help:
      "Tables to make, comma separated (default: all). The runtime table is the only one that is not byte-identical across runs."
  )
  var only: CommaSeparated<BenchmarkTables.Table>?

  @Option(
    help:
      "Run only shard i of n (i from 1) of the tables' evaluations and save their results in --out as tables-shard-i-of-n.json, for --merge."
  )
  var shard: String?

  @Option(
    parsing: .upToNextOption,
    help:
      "Directories of shard results (tables-shard-*.json) to put together into the tables, written to --out; give the same --quick and --only as for the shards."
  )
  var merge: [String] = []

  /// The tables `--only` names.
  func selectedTables() -> Set<BenchmarkTables.Table> {
    Set(only?.elements ?? BenchmarkTables.Table.allCases)
  }

  func validate() throws {
    if let shard {
      do { _ = try Shard(parsing: shard) } catch let error as SweepError {
        throw ValidationError("--shard: \(error.message)")
      }
      guard merge.isEmpty else { throw ValidationError("choose one of --shard and --merge") }
    }
  }

  func run() throws {
    let tables = quick ? BenchmarkTables.quick : BenchmarkTables.full
    let selected = selectedTables()
    let directory = URL(fileURLWithPath: out, isDirectory: true)
    do {
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    } catch {
      throw ValidationError("cannot create \(out): \(error.localizedDescription)")
    }
    let bar = ProgressBar()
    if let shard {
      let results = try tables.run(
        shard: Shard(parsing: shard), tables: selected, progress: bar.handler)
      bar.finish()
      let url = directory.appendingPathComponent(
        BenchmarkTables.ShardResults.fileName(try Shard(parsing: shard)))
      try AtomicFile.write(results.encoded(), to: url)
      print(url.path)
      return
    }
    let files =
      merge.isEmpty
      ? try tables.generate(tables: selected, progress: bar.handler)
      : try tables.merge(BenchmarkTables.readShards(in: merge), tables: selected)
    bar.finish()
    for file in files {
      let path = directory.appendingPathComponent(file.name).path
      do {
        try file.contents.write(toFile: path, atomically: true, encoding: .utf8)
      } catch {
        throw ValidationError("cannot write \(path): \(error.localizedDescription)")
      }
      print(path)
    }
  }
}
