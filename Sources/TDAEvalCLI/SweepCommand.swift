import ArgumentParser
import Foundation
import TDAEval

/// `tda-eval sweep MANIFEST --out DIR`: many evaluations from a JSON Lines manifest, each saved as
/// `DIR/NAME.json` exactly as `tda-eval evaluate … --json` prints it; on one machine, by index or
/// shard, or as the tasks of a Slurm or Kubernetes array job.
struct SweepCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sweep",
    abstract: "Run the evaluations of a manifest, one result file each (for array jobs too).",
    discussion: """
      MANIFEST is JSON Lines, one evaluation per line: {"name": "a", "real": "r.csv", \
      "synthetic": "s.csv", "holdout": "h.csv", "options": {"k": 3, "skip": ["gscore"], \
      "standardize": true}} (holdout and options optional). Option names are evaluate's long \
      options without dashes; true gives a flag, a list a comma-joined value. Paths (real, \
      synthetic, holdout, schema) are relative to the manifest. Each evaluation writes \
      DIR/NAME.json, as 'tda-eval evaluate … --json' prints it (timings aside), or DIR/NAME.error \
      with the message; files appear atomically. Evaluations count from 0 in line order (blank \
      lines skipped). Without --index, --shard or --all, $SLURM_ARRAY_TASK_ID (or \
      $JOB_COMPLETION_INDEX) picks the evaluation when set; otherwise every evaluation runs. A \
      result already in DIR is kept unless --force. Exit status: 0 when every selected \
      evaluation has a result, 1 when some failed ('N of M failed'), 2 for a bad manifest.
      Example:
        tda-eval sweep sweep.jsonl --out results/ --shard 2/4
        sbatch --wait --array=0-9 Scripts/slurm/sweep.sbatch sweep.jsonl results/
        tda-eval merge results/ --out results.csv
      See docs/sweeps.md.
      """)

  @Argument(help: "The manifest (JSON Lines, one evaluation per line).")
  var manifest: String

  @Option(help: "Directory of the results, NAME.json and NAME.error (created if missing).")
  var out: String?

  @Option(
    help:
      "Run only the evaluation at this position (from 0, in line order); default: $SLURM_ARRAY_TASK_ID or $JOB_COMPLETION_INDEX when set."
  )
  var index: Int?

  @Option(help: "Run only shard i of n (i from 1): the evaluations at positions i−1, i−1+n, …")
  var shard: String?

  @Flag(help: "Run every evaluation, even inside an array job.")
  var all = false

  @Flag(help: "Run evaluations again whose result is already in --out.")
  var force = false

  @Flag(
    help:
      "Check the manifest and list its evaluations (index, line, name); run nothing (no --out needed)."
  )
  var list = false

  func validate() throws {
    if out == nil, !list { throw ValidationError("give the results directory: --out DIR") }
    if let index, index < 0 { throw ValidationError("--index counts from 0, got \(index)") }
    if let shard {
      do { _ = try Shard(parsing: shard) } catch let error as SweepError {
        throw ValidationError("--shard: \(error.message)")
      }
    }
  }

  /// The option names of `evaluate`, read from its help, and those a sweep refuses.
  static var rules: SweepManifest.Rules {
    var known = Set<String>()
    let help = EvaluateCommand.helpMessage(columns: 10_000)
    for line in help.split(separator: "\n") {
      let text = line.trimmingCharacters(in: .whitespaces)
      guard text.hasPrefix("-") else { continue }
      // The names column ends at the first run of two spaces.
      let names = text.components(separatedBy: "  ").first ?? text
      for token in names.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "=" })
      where token.hasPrefix("--") {
        known.insert(String(token.dropFirst(2)))
      }
    }
    known.subtract(["help", "version"])
    return SweepManifest.Rules(
      known: known, paths: ["holdout", "schema"],
      refused: ["html": "a sweep writes NAME.json only; run 'tda-eval evaluate --html' for a page"])
  }

  func run() throws {
    let manifest = try SweepManifest(contentsOf: self.manifest, rules: Self.rules)
    // Every line's options must parse as evaluate's before anything runs.
    for entry in manifest.entries {
      do {
        _ = try EvaluateCommand.parse(entry.arguments)
      } catch {
        throw ValidationError(
          "\(manifest.file) line \(entry.line): \(Self.message(for: error))")
      }
    }
    if list {
      for entry in manifest.entries { print("\(entry.position)\t\(entry.line)\t\(entry.name)") }
      return
    }
    let selection = try SweepManifest.Selection.choose(
      index: index, shard: try shard.map(Shard.init(parsing:)), all: all,
      environment: ProcessInfo.processInfo.environment)
    let entries = try manifest.select(selection)
    let out = self.out ?? "."
    let directory = URL(fileURLWithPath: out, isDirectory: true)
    do {
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    } catch {
      throw ValidationError("cannot create \(out): \(error.localizedDescription)")
    }
    let showProgress = ProgressBar().enabled
    var failed = 0
    for (number, entry) in entries.enumerated() {
      let result = directory.appendingPathComponent(entry.resultFile)
      let failure = directory.appendingPathComponent(entry.errorFile)
      let progress = "tda-eval sweep: [\(number + 1)/\(entries.count)] \(entry.name)"
      if !force, FileManager.default.fileExists(atPath: result.path) {
        if showProgress { FileHandle.standardError.write(Data("\(progress): kept\n".utf8)) }
        continue
      }
      let start = ContinuousClock.now
      do {
        let report = try EvaluateCommand.parse(entry.arguments).report()
        try AtomicFile.write(try Self.jsonLine(report), to: result)
        try? FileManager.default.removeItem(at: failure)
        print(result.path)
        if showProgress {
          let seconds = String(format: "%.1f", (ContinuousClock.now - start).sweepSeconds)
          FileHandle.standardError.write(Data("\(progress): done in \(seconds) s\n".utf8))
        }
      } catch {
        failed += 1
        let message = Self.message(for: error)
        try AtomicFile.write(message + "\n", to: failure)
        try? FileManager.default.removeItem(at: result)
        print(failure.path)
        if showProgress {
          FileHandle.standardError.write(Data("\(progress): failed: \(message)\n".utf8))
        }
      }
    }
    if failed > 0 {
      FileHandle.standardError.write(Data("tda-eval: \(failed) of \(entries.count) failed\n".utf8))
      throw ExitCode(1)
    }
  }

  /// A report as `tda-eval evaluate --json` prints it: one line, sorted keys.
  static func jsonLine(_ report: EvaluationReport) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    var data = try encoder.encode(report)
    data.append(0x0A)
    return data
  }

  /// The one-line message `tda-eval evaluate` would print for `error` (without `tda-eval: `).
  static func message(for error: any Error) -> String {
    let text: String
    if TDAEvalCommand.exitCode(for: error) == .validationFailure {
      text = EvaluateCommand.message(for: error)
    } else {
      text = String(describing: error)
    }
    return text.split(whereSeparator: \.isNewline).joined(separator: " ")
  }
}

extension Duration {
  fileprivate var sweepSeconds: Double {
    Double(components.seconds) + Double(components.attoseconds) / 1e18
  }
}
