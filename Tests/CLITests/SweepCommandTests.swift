import Foundation
import Testing
import _TestSupport

/// The example samples of the repository.
private let examples = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  .appendingPathComponent("Notebooks-data/examples")

/// Copies the example samples into `directory/data` and returns `directory`.
private func workspace() throws -> URL {
  let directory = try makeTemporaryDirectory()
  let data = directory.appendingPathComponent("data")
  try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
  for name in [
    "circle-real.csv", "circle-synth.csv", "two-circles-synth.csv", "registry-real.csv",
    "registry-synth.csv", "registry-schema.json",
  ] {
    try FileManager.default.copyItem(
      at: examples.appendingPathComponent(name), to: data.appendingPathComponent(name))
  }
  return directory
}

/// Fast evaluations (≤ 300 points, no geometry score or few trials, small Rips subsets).
private let lines = [
  #"{"name": "circle", "real": "data/circle-real.csv", "synthetic": "data/circle-synth.csv", "options": {"skip": ["gscore"], "persistence-points": 40, "k": 3, "bins": 5}}"#,
  #"{"name": "two-circles", "real": "data/circle-real.csv", "synthetic": "data/two-circles-synth.csv", "holdout": "data/circle-synth.csv", "options": {"skip": ["persistence", "gscore"], "standardize": true, "balls": "closed"}}"#,
  #"{"name": "registry", "real": "data/registry-real.csv", "synthetic": "data/registry-synth.csv", "options": {"schema": "data/registry-schema.json", "trials": 3, "landmarks": 16, "persistence-points": 40}}"#,
]

/// A line that fails when run (the synthetic file's second column is text).
private let failing =
  #"{"name": "broken", "real": "data/circle-real.csv", "synthetic": "data/bad.csv", "options": {"skip": ["gscore", "persistence"]}}"#

private func writeManifest(
  _ manifestLines: [String], in directory: URL, named name: String = "sweep.jsonl"
)
  throws -> String
{
  try writeFile(manifestLines.joined(separator: "\n") + "\n", named: name, in: directory)
}

/// The files of a directory, hidden ones left out.
private func files(_ directory: URL) throws -> [String] {
  try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { !$0.hasPrefix(".") }
    .sorted()
}

/// A report's JSON text without its `timings` object (seconds, which differ from run to run).
private func withoutTimings(_ text: String) throws -> String {
  let pattern = try NSRegularExpression(pattern: #""timings":\{[^}]*\},?"#)
  return pattern.stringByReplacingMatches(
    in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "")
}

/// Runs `tda-eval` with extra environment variables.
private func runTDAEval(_ arguments: [String], environment extra: [String: String]) throws
  -> (status: Int32, stdout: String, stderr: String)
{
  let process = Process()
  process.executableURL = tdaEvalExecutable
  process.arguments = arguments
  var environment = ProcessInfo.processInfo.environment
  environment["CI"] = "true"
  environment.merge(extra) { $1 }
  process.environment = environment
  let out = Pipe()
  let err = Pipe()
  process.standardOutput = out
  process.standardError = err
  try process.run()
  let output = out.fileHandleForReading.readDataToEndOfFile()
  let error = err.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return (
    process.terminationStatus, String(decoding: output, as: UTF8.self),
    String(decoding: error, as: UTF8.self)
  )
}

/// The cells of one CSV line (RFC 4180 quoting).
private func csvCells(_ line: String) -> [String] {
  var cells: [String] = []
  var cell = ""
  var quoted = false
  var previous: Character? = nil
  for character in line {
    if quoted {
      if character == "\"" { quoted = false } else { cell.append(character) }
    } else if character == "\"" {
      if previous == "\"" { cell.append("\"") }
      quoted = true
    } else if character == "," {
      cells.append(cell)
      cell = ""
    } else {
      cell.append(character)
    }
    previous = character
  }
  cells.append(cell)
  return cells
}

@Suite("tda-eval sweep and merge")
struct SweepCommandTests {
  @Test("each result is what 'evaluate … --json' prints with the same options, timings aside")
  func sameAsEvaluate() throws {
    let directory = try workspace()
    let manifest = try writeManifest(lines, in: directory)
    let out = directory.appendingPathComponent("out")
    let sweep = try runTDAEval(["sweep", manifest, "--out", out.path])
    #expect(sweep.status == 0, "\(sweep.stderr)")
    #expect(try files(out) == ["circle.json", "registry.json", "two-circles.json"])
    let d = directory.path + "/data/"
    let equivalents: [(String, [String])] = [
      (
        "circle",
        [
          d + "circle-real.csv", d + "circle-synth.csv", "--skip", "gscore", "--persistence-points",
          "40", "--k", "3", "--bins", "5",
        ]
      ),
      (
        "two-circles",
        [
          d + "circle-real.csv", d + "two-circles-synth.csv", "--holdout", d + "circle-synth.csv",
          "--skip", "persistence,gscore", "--standardize", "--balls", "closed",
        ]
      ),
      (
        "registry",
        [
          d + "registry-real.csv", d + "registry-synth.csv", "--schema", d + "registry-schema.json",
          "--trials", "3", "--landmarks", "16", "--persistence-points", "40",
        ]
      ),
    ]
    for (name, arguments) in equivalents {
      let evaluate = try runTDAEval(["evaluate"] + arguments + ["--json"])
      #expect(evaluate.status == 0, "\(evaluate.stderr)")
      let saved = try String(
        contentsOf: out.appendingPathComponent(name + ".json"), encoding: .utf8)
      #expect(saved.contains("\"timings\":{"))
      #expect(try withoutTimings(saved) == withoutTimings(evaluate.stdout), "\(name)")
    }
  }

  @Test("shards and indices partition the lines; the scheduler's array index picks one")
  func shardsAndIndices() throws {
    let directory = try workspace()
    let manifest = try writeManifest(lines, in: directory)
    let all = ["circle.json", "registry.json", "two-circles.json"]
    // Shards 1/2 and 2/2 into one directory: every line once.
    let sharded = directory.appendingPathComponent("sharded")
    let first = try runTDAEval(["sweep", manifest, "--out", sharded.path, "--shard", "1/2"])
    #expect(first.status == 0, "\(first.stderr)")
    #expect(try files(sharded) == ["circle.json", "registry.json"])
    let second = try runTDAEval(["sweep", manifest, "--out", sharded.path, "--shard", "2/2"])
    #expect(second.status == 0 && second.stdout.split(separator: "\n").count == 1)
    #expect(try files(sharded) == all)
    // --index counts from 0; SLURM_ARRAY_TASK_ID and JOB_COMPLETION_INDEX stand in for it.
    for (variable, index, expected) in [
      ("", "1", "two-circles.json"), ("SLURM_ARRAY_TASK_ID", "2", "registry.json"),
      ("JOB_COMPLETION_INDEX", "0", "circle.json"),
    ] {
      let out = directory.appendingPathComponent("index-\(index)")
      let result =
        variable.isEmpty
        ? try runTDAEval(
          ["sweep", manifest, "--out", out.path, "--index", index], environment: [:])
        : try runTDAEval(["sweep", manifest, "--out", out.path], environment: [variable: index])
      #expect(result.status == 0, "\(result.stderr)")
      #expect(try files(out) == [expected])
    }
    // --all overrides the array index; an index past the end is exit 2.
    let everything = directory.appendingPathComponent("all")
    let result = try runTDAEval(
      ["sweep", manifest, "--out", everything.path, "--all"],
      environment: ["SLURM_ARRAY_TASK_ID": "1"])
    #expect(try result.status == 0 && files(everything) == all)
    let past = try runTDAEval(["sweep", manifest, "--out", everything.path, "--index", "3"])
    #expect(past.status == 2 && past.stderr.contains("index 3 is out of range"))
    // --list shows index, line and name, and runs nothing.
    let list = try runTDAEval([
      "sweep", manifest, "--out", directory.appendingPathComponent("none").path, "--list",
    ])
    #expect(list.stdout == "0\t1\tcircle\n1\t2\ttwo-circles\n2\t3\tregistry\n")
    #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("none").path))
    #expect(try runTDAEval(["sweep", manifest, "--list"]).stdout == list.stdout)
    #expect(try runTDAEval(["sweep", manifest]).status == 2)
  }

  @Test("a failing line writes NAME.error and the others go on; exit 1 says how many failed")
  func failures() throws {
    let directory = try workspace()
    try writeFile("x,y\n1,a\n2,b\n3,c\n", named: "data/bad.csv", in: directory)
    let manifest = try writeManifest([lines[0], failing, lines[1]], in: directory)
    let out = directory.appendingPathComponent("out")
    let result = try runTDAEval(["sweep", manifest, "--out", out.path])
    #expect(result.status == 1)
    #expect(result.stderr.contains("1 of 3 failed"), "\(result.stderr)")
    #expect(try files(out) == ["broken.error", "circle.json", "two-circles.json"])
    let message = try String(
      contentsOf: out.appendingPathComponent("broken.error"), encoding: .utf8)
    #expect(message.contains("bad.csv") && message.split(separator: "\n").count == 1)
    let evaluate = try runTDAEval([
      "evaluate", directory.path + "/data/circle-real.csv", directory.path + "/data/bad.csv",
    ])
    #expect(evaluate.stderr == "tda-eval: " + message)

    // Merge lists the failure and keeps going; --json has it under errors.
    let merged = try runTDAEval(["merge", out.path])
    #expect(merged.status == 0, "\(merged.stderr)")
    let rows = merged.stdout.split(separator: "\n")
    #expect(rows.count == 4 && rows[0].hasPrefix("name,error,"))
    #expect(
      rows[1].hasPrefix("broken,") && rows[2].hasPrefix("circle,,")
        && rows[3].hasPrefix("two-circles,,"))
    #expect(merged.stderr.contains("1 of 3 evaluations failed: broken"))
    let json = try runTDAEval(["merge", out.path, "--json"])
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    #expect((object["errors"] as? [[String: String]])?.map { $0["name"] } == ["broken"])
    #expect((object["rows"] as? [[String: Any]])?.count == 2)

    // Fixed input: a rerun retries only the failed line and removes its error.
    try writeFile(
      "x,y\n" + (0..<12).map { "\($0 % 4),\($0 / 4)" }.joined(separator: "\n") + "\n",
      named: "data/bad.csv", in: directory)
    let again = try runTDAEval(["sweep", manifest, "--out", out.path])
    #expect(again.status == 0, "\(again.stderr)")
    #expect(again.stdout == out.appendingPathComponent("broken.json").path + "\n")
    #expect(try files(out) == ["broken.json", "circle.json", "two-circles.json"])
  }

  @Test("reruns keep finished results unless --force; an interrupted sweep resumes cleanly")
  func rerunsAndInterruptions() throws {
    let directory = try workspace()
    let manifest = try writeManifest(lines, in: directory)
    let out = directory.appendingPathComponent("out")
    // Kill the sweep as soon as its first result appears.
    let process = Process()
    process.executableURL = tdaEvalExecutable
    process.arguments = ["sweep", manifest, "--out", out.path]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    let deadline = Date().addingTimeInterval(120)
    while Date() < deadline, (try? files(out))?.isEmpty ?? true { usleep(2_000) }
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    let written = try files(out)
    #expect(!written.isEmpty && written.count < 3, "\(written)")
    for name in written {
      // Every visible result is whole.
      let data = try Data(contentsOf: out.appendingPathComponent(name))
      #expect((try? JSONSerialization.jsonObject(with: data)) is [String: Any], "\(name)")
    }
    let kept = try Data(contentsOf: out.appendingPathComponent(written[0]))

    // The rerun does only what is missing.
    let resumed = try runTDAEval(["sweep", manifest, "--out", out.path])
    #expect(resumed.status == 0, "\(resumed.stderr)")
    #expect(resumed.stdout.split(separator: "\n").count == 3 - written.count)
    #expect(try files(out) == ["circle.json", "registry.json", "two-circles.json"])
    #expect(try Data(contentsOf: out.appendingPathComponent(written[0])) == kept)

    // Nothing left to do; --force runs everything again.
    let repeated = try runTDAEval(["sweep", manifest, "--out", out.path])
    #expect(repeated.status == 0 && repeated.stdout.isEmpty)
    let forced = try runTDAEval(["sweep", manifest, "--out", out.path, "--force", "--index", "0"])
    #expect(
      forced.status == 0 && forced.stdout == out.appendingPathComponent("circle.json").path + "\n")

    // The merge of the resumed run equals that of a clean one.
    let clean = directory.appendingPathComponent("clean")
    _ = try runTDAEval(["sweep", manifest, "--out", clean.path])
    let a = try runTDAEval(["merge", out.path])
    let b = try runTDAEval(["merge", clean.path])
    #expect(a.status == 0 && a.stdout == b.stdout)
  }

  @Test(
    "merge: partial results, name first, sorted rows, dotted scalar columns, --out and --timings")
  func merge() throws {
    let directory = try workspace()
    let manifest = try writeManifest(lines, in: directory)
    let first = directory.appendingPathComponent("shard-1")
    let second = directory.appendingPathComponent("shard-2")
    #expect(try runTDAEval(["sweep", manifest, "--out", first.path, "--shard", "1/2"]).status == 0)
    // Partial: only shard 1 so far.
    let partial = try runTDAEval(["merge", first.path])
    #expect(partial.status == 0)
    #expect(
      partial.stdout.split(separator: "\n").dropFirst().map { $0.prefix { $0 != "," } } == [
        "circle", "registry",
      ])
    #expect(
      try runTDAEval(["sweep", manifest, "--out", second.path, "--shard", "2/2"]).status == 0)
    let csv = directory.appendingPathComponent("results.csv")
    let merged = try runTDAEval(["merge", first.path, second.path, "--out", csv.path])
    #expect(merged.status == 0 && merged.stdout.isEmpty, "\(merged.stderr)")
    let text = try String(contentsOf: csv, encoding: .utf8)
    let rows = text.split(separator: "\n").map { csvCells(String($0)) }
    let header = rows[0]
    #expect(header.prefix(2) == ["name", "error"])
    #expect(rows.dropFirst().map { $0[0] } == ["circle", "registry", "two-circles"])
    #expect(rows.allSatisfy { $0.count == header.count })
    for column in [
      "metrics.precision", "metrics.recall", "metrics.dcr.median", "parameters.k",
      "diagrams.distances.1.bottleneck", "kde.synth_given_real", "gscore.gscore",
    ] {
      #expect(header.contains(column), "\(column)")
    }
    #expect(!header.contains { $0.hasPrefix("timings.") })
    let k = try #require(header.firstIndex(of: "parameters.k"))
    #expect(rows[1][k] == "3" && rows[3][k] == "5")
    // The same as one directory holding everything.
    let together = directory.appendingPathComponent("together")
    #expect(try runTDAEval(["sweep", manifest, "--out", together.path]).status == 0)
    #expect(try runTDAEval(["merge", together.path]).stdout == text)
    let timed = try runTDAEval(["merge", together.path, "--timings"])
    #expect(timed.stdout.split(separator: "\n")[0].contains("timings.metrics"))
    // Nothing to merge, or an unreadable directory: exit 2.
    let empty = try makeTemporaryDirectory()
    for arguments in [["merge", empty.path], ["merge", empty.path + "/none"]] {
      let result = try runTDAEval(arguments)
      #expect(result.status == 2 && result.stderr.split(separator: "\n").count == 1)
    }
  }

  @Test(
    "a bad manifest exits 2 with one line naming the line, before anything runs",
    arguments: [
      (
        [lines[0], #"{"name": "b", "real": "data/circle-real.csv", "#],
        "sweep.jsonl line 2: not valid JSON"
      ),
      (
        [
          lines[0],
          #"{"name": "b", "real": "data/circle-real.csv", "synthetic": "data/circle-synth.csv", "options": {"neighbours": 3}}"#,
        ],
        "sweep.jsonl line 2: unknown option 'neighbours'"
      ),
      (
        [
          "", lines[0],
          #"{"name": "b", "real": "data/missing.csv", "synthetic": "data/circle-synth.csv"}"#,
        ],
        "sweep.jsonl line 3: real file 'data/missing.csv' not found"
      ),
      (
        [
          lines[0],
          #"{"name": "b", "real": "data/circle-real.csv", "synthetic": "data/circle-synth.csv", "options": {"k": 0}}"#,
        ],
        "sweep.jsonl line 2: --k must be at least 1"
      ),
      (
        [
          lines[0],
          #"{"name": "b", "real": "data/circle-real.csv", "synthetic": "data/circle-synth.csv", "options": {"skip": ["everything"]}}"#,
        ],
        "sweep.jsonl line 2: The value 'everything' is invalid for '--skip <skip>'"
      ),
      (
        [
          lines[0],
          #"{"name": "b", "real": "data/circle-real.csv", "synthetic": "data/circle-synth.csv", "options": {"standardize": 1}}"#,
        ],
        "sweep.jsonl line 2: "
      ),
      (
        [
          lines[0],
          #"{"name": "../b", "real": "data/circle-real.csv", "synthetic": "data/circle-synth.csv"}"#,
        ],
        "sweep.jsonl line 2: name '../b' is not a safe file name"
      ),
      ([lines[0], lines[1], lines[0]], "name 'circle' is used on lines 1, 3"),
    ])
  func badManifest(manifestLines: [String], message: String) throws {
    let directory = try workspace()
    let manifest = try writeManifest(manifestLines, in: directory)
    let out = directory.appendingPathComponent("out")
    let result = try runTDAEval(["sweep", manifest, "--out", out.path])
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
    #expect(result.stderr.contains(message), "\(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: out.path))
  }

  @Test(
    "bad sweep options exit 2",
    arguments: [
      ["--shard", "0/2"], ["--shard", "2"], ["--index", "-1"], ["--index", "0", "--shard", "1/2"],
    ])
  func badOptions(options: [String]) throws {
    let directory = try workspace()
    let manifest = try writeManifest(lines, in: directory)
    let result = try runTDAEval(
      ["sweep", manifest, "--out", directory.appendingPathComponent("out").path] + options)
    #expect(
      result.status == 2 && result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
  }

  @Test("tables --shard i/n and --merge give the single run's tables byte for byte")
  func shardedTables() throws {
    let directory = try makeTemporaryDirectory()
    let options = ["--quick", "--only", "sensitivity"]
    let single = directory.appendingPathComponent("single")
    #expect(try runTDAEval(["tables"] + options + ["--out", single.path]).status == 0)
    var shardDirectories: [String] = []
    for index in 1...3 {
      let out = directory.appendingPathComponent("shard-\(index)")
      let result = try runTDAEval(
        ["tables"] + options + ["--shard", "\(index)/3", "--out", out.path])
      #expect(result.status == 0, "\(result.stderr)")
      #expect(try files(out) == ["tables-shard-\(index)-of-3.json"])
      shardDirectories.append(out.path)
    }
    let merged = directory.appendingPathComponent("merged")
    let result = try runTDAEval(
      ["tables"] + options + ["--merge"] + shardDirectories + ["--out", merged.path])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(try files(merged) == files(single))
    for name in try files(single) {
      #expect(
        try Data(contentsOf: single.appendingPathComponent(name))
          == Data(contentsOf: merged.appendingPathComponent(name)), "\(name)")
    }
    // A shard missing, or other options than the shards': exit 2 with one line.
    for arguments in [
      ["tables"] + options + [
        "--merge", shardDirectories[0], shardDirectories[2], "--out", merged.path,
      ],
      ["tables", "--only", "sensitivity", "--merge"] + shardDirectories + ["--out", merged.path],
      ["tables", "--quick", "--merge"] + shardDirectories + ["--out", merged.path],
      ["tables", "--quick", "--shard", "4/3", "--out", merged.path],
      ["tables", "--quick", "--shard", "1/2", "--merge", shardDirectories[0]],
    ] {
      let bad = try runTDAEval(arguments)
      #expect(
        bad.status == 2 && bad.stderr.split(separator: "\n").count == 1,
        "\(arguments): \(bad.stderr)")
    }
  }
}
