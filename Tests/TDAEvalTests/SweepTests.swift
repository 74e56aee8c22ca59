import Foundation
import Testing
import _TestSupport

@testable import TDAEval

/// The option names of these tests (a stand-in for `evaluate`'s).
private let rules = SweepManifest.Rules(
  known: ["k", "skip", "trials", "standardize", "balls", "schema", "holdout", "html"],
  refused: ["html": "a sweep writes NAME.json only"])

/// A directory with two sample files, a holdout and a schema.
private func dataDirectory() throws -> URL {
  let directory = try makeTemporaryDirectory()
  try FileManager.default.createDirectory(
    at: directory.appendingPathComponent("data"), withIntermediateDirectories: true)
  for name in ["data/real.csv", "data/synth.csv", "data/holdout.csv"] {
    try writeFile("0,0\n1,0\n0,1\n1,1\n", named: name, in: directory)
  }
  try writeFile("{}", named: "data/schema.json", in: directory)
  return directory
}

private func manifest(_ lines: [String], in directory: URL, checkFiles: Bool = true) throws
  -> SweepManifest
{
  try SweepManifest(
    text: lines.joined(separator: "\n") + "\n", file: "m.jsonl", directory: directory,
    rules: rules, checkFiles: checkFiles)
}

private let good = #"{"name": "a", "real": "data/real.csv", "synthetic": "data/synth.csv"}"#

@Suite("Sweep manifests")
struct SweepManifestTests {
  @Test(
    "lines become evaluations: positions skip blank lines, paths resolve, options become arguments")
  func parsing() throws {
    let directory = try dataDirectory()
    let parsed = try manifest(
      [
        good, "",
        #"{"name": "b", "real": "data/real.csv", "synthetic": "/ABS/data/synth.csv", "holdout": "data/holdout.csv", "options": {"k": 3, "skip": ["gscore", "kde"], "standardize": true, "balls": "closed", "trials": 2.5, "schema": "data/schema.json"}}"#
          .replacingOccurrences(of: "/ABS", with: directory.path),
        "   ",
        #"{"name": "c d", "real": "data/../data/real.csv", "synthetic": "data/synth.csv", "options": {"standardize": false}}"#,
      ], in: directory)
    #expect(parsed.entries.map(\.name) == ["a", "b", "c d"])
    #expect(parsed.entries.map(\.position) == [0, 1, 2])
    #expect(parsed.entries.map(\.line) == [1, 3, 5])
    let data = directory.standardized.path + "/data"
    let b = parsed.entries[1]
    #expect(b.real == data + "/real.csv" && b.synthetic == data + "/synth.csv")
    #expect(
      b.arguments == [
        data + "/real.csv", data + "/synth.csv", "--balls=closed", "--holdout=\(data)/holdout.csv",
        "--k=3", "--schema=\(data)/schema.json", "--skip=gscore,kde", "--standardize",
        "--trials=2.5",
      ])
    #expect(parsed.entries[2].arguments == [data + "/real.csv", data + "/synth.csv"])
    #expect(b.resultFile == "b.json" && b.errorFile == "b.error")
  }

  @Test("paths under the working directory are given relative to it")
  func relativePaths() throws {
    let directory = try dataDirectory()
    let parsed = try SweepManifest(
      text: good, file: "m.jsonl", directory: directory.appendingPathComponent("data/.."),
      rules: rules, workingDirectory: directory.path)
    #expect(parsed.entries[0].arguments == ["data/real.csv", "data/synth.csv"])
  }

  @Test(
    "a bad line stops the manifest with a one-line message naming the line",
    arguments: [
      (#"{"name": "b", "real": "data/real.csv", "synthetic": "#, "line 2: not valid JSON"),
      (
        #"{"name": "b", "real": "data/real.csv", "synthetic": "data/synth.csv", "options": {"foo": 1}}"#,
        "line 2: unknown option 'foo'"
      ),
      (
        #"{"name": "b", "real": "data/nope.csv", "synthetic": "data/synth.csv"}"#,
        "line 2: real file 'data/nope.csv' not found"
      ),
      (
        #"{"name": "b", "real": "data/real.csv", "synthetic": "data/synth.csv", "holdout": "h.csv"}"#,
        "line 2: holdout file 'h.csv' not found"
      ),
      (
        #"{"name": "b", "real": "data/real.csv", "synthetic": "data/synth.csv", "options": {"schema": "s.json"}}"#,
        "line 2: schema file 's.json' not found"
      ),
      (
        #"{"name": "x/y", "real": "data/real.csv", "synthetic": "data/synth.csv"}"#,
        "line 2: name 'x/y' is not a safe file name"
      ),
      (
        #"{"name": "..", "real": "data/real.csv", "synthetic": "data/synth.csv"}"#,
        "line 2: name '..' is not a safe file name"
      ),
      (
        #"{"name": ".hidden", "real": "data/real.csv", "synthetic": "data/synth.csv"}"#,
        "line 2: name '.hidden' is not a safe file name"
      ),
      (#"{"name": "b", "real": "data/real.csv"}"#, "line 2: no 'synthetic' file"),
      (#"{"real": "data/real.csv", "synthetic": "data/synth.csv"}"#, "line 2: no 'name'"),
      (
        #"{"name": "b", "real": "data/real.csv", "synthetic": "data/synth.csv", "weight": 1}"#,
        "line 2: unknown field 'weight'"
      ),
      (
        #"{"name": "b", "real": "data/real.csv", "synthetic": "data/synth.csv", "options": {"--k": 1}}"#,
        "line 2: option '--k': write option names without dashes"
      ),
      (
        #"{"name": "b", "real": "data/real.csv", "synthetic": "data/synth.csv", "options": {"html": "r.html"}}"#,
        "line 2: option 'html' cannot be used in a sweep"
      ),
      (
        #"{"name": "b", "real": "data/real.csv", "synthetic": "data/synth.csv", "options": {"k": null}}"#,
        "line 2: option 'k' must be a string, a number, true/false or a list"
      ),
      (
        #"{"name": "b", "real": "data/real.csv", "synthetic": "data/synth.csv", "options": {"skip": []}}"#,
        "line 2: option 'skip': a list must hold strings or numbers"
      ),
      (
        #"{"name": "b", "real": "-", "synthetic": "data/synth.csv"}"#,
        "line 2: 'real' cannot be standard input"
      ),
      ("[1, 2]", "line 2: expected a JSON object"),
      (good, "name 'a' is used on lines 1, 2"),
    ])
  func badLine(line: String, message: String) throws {
    let directory = try dataDirectory()
    do {
      _ = try manifest([good, line], in: directory)
      Issue.record("no error for \(line)")
    } catch let error as SweepError {
      #expect(error.message.contains(message), "\(error.message)")
      #expect(error.message.hasPrefix("m.jsonl"))
      #expect(!error.message.contains("\n"))
    }
  }

  @Test("an empty manifest, and names that are safe")
  func emptyAndNames() throws {
    let directory = try dataDirectory()
    #expect(throws: SweepError("m.jsonl holds no evaluation")) {
      try manifest(["", "  "], in: directory)
    }
    for name in ["a", "circle-k3", "run_1.v2", "ümlaut", "a b"] {
      #expect(SweepManifest.isSafeName(name), "\(name)")
    }
    for name in ["", "a/b", "..", "a..b", ".x", "tab\there", String(repeating: "x", count: 201)] {
      #expect(!SweepManifest.isSafeName(name), "\(name)")
    }
  }

  @Test("--index, --shard and the array index of the scheduler select lines")
  func selection() throws {
    let directory = try dataDirectory()
    let lines = (0..<5).map {
      #"{"name": "e\#($0)", "real": "data/real.csv", "synthetic": "data/synth.csv"}"#
    }
    let parsed = try manifest(lines, in: directory)
    #expect(try parsed.select(.all).map(\.name) == ["e0", "e1", "e2", "e3", "e4"])
    #expect(try parsed.select(.index(3)).map(\.name) == ["e3"])
    #expect(try parsed.select(.shard(Shard(index: 2, count: 2))).map(\.name) == ["e1", "e3"])
    #expect(try parsed.select(.shard(Shard(index: 1, count: 2))).map(\.name) == ["e0", "e2", "e4"])
    #expect(throws: SweepError.self) { try parsed.select(.index(5)) }

    typealias S = SweepManifest.Selection
    #expect(try S.choose(index: nil, shard: nil, all: false, environment: [:]) == .all)
    #expect(
      try S.choose(index: nil, shard: nil, all: false, environment: ["SLURM_ARRAY_TASK_ID": "4"])
        == .index(4))
    #expect(
      try S.choose(index: nil, shard: nil, all: false, environment: ["JOB_COMPLETION_INDEX": "2"])
        == .index(2))
    #expect(
      try S.choose(
        index: nil, shard: nil, all: false,
        environment: ["SLURM_ARRAY_TASK_ID": "1", "JOB_COMPLETION_INDEX": "2"]) == .index(1))
    #expect(
      try S.choose(index: 0, shard: nil, all: false, environment: ["SLURM_ARRAY_TASK_ID": "4"])
        == .index(0))
    #expect(
      try S.choose(index: nil, shard: nil, all: true, environment: ["SLURM_ARRAY_TASK_ID": "4"])
        == .all)
    let shard = try Shard(parsing: "3/4")
    #expect(try S.choose(index: nil, shard: shard, all: false, environment: [:]) == .shard(shard))
    #expect(throws: SweepError.self) {
      try S.choose(index: 1, shard: shard, all: false, environment: [:])
    }
    #expect(throws: SweepError.self) {
      try S.choose(index: nil, shard: nil, all: false, environment: ["SLURM_ARRAY_TASK_ID": "x"])
    }
  }

  @Test("the shards of n partition the lines, in interleaved, balanced parts")
  func shardsPartition() throws {
    for total in 0...23 {
      for count in 1...7 {
        var seen: [Int] = []
        var sizes: [Int] = []
        for index in 1...count {
          let shard = try Shard(index: index, count: count)
          let positions = shard.positions(among: total)
          #expect(positions.allSatisfy { shard.contains($0) })
          seen += positions
          sizes.append(positions.count)
        }
        #expect(seen.sorted() == Array(0..<total))
        #expect((sizes.max() ?? 0) - (sizes.min() ?? 0) <= 1)
      }
    }
    #expect(try Shard(parsing: "1/1").description == "1/1")
    for bad in ["0/2", "3/2", "1/0", "a/2", "1", "1/2/3", "", "-1/2"] {
      #expect(throws: SweepError.self, "\(bad)") { try Shard(parsing: bad) }
    }
  }
}

@Suite("Sweep results")
struct SweepResultsTests {
  private let report = #"""
    {"diagrams":{"distances":[{"bottleneck":0.5,"dimension":0},{"bottleneck":null,"dimension":1}],"real":{"diagrams":[{"dimension":0,"pairs":[[0,1]]}],"points":60}},"distance":"euclidean","gscore":{"gscore":0.125,"mrlt_real":[0.5,0.5]},"metrics":{"k":3,"precision":0.9},"omitted":{},"parameters":{"parts":["metrics"],"seed":18446744073709551615,"standardize":false,"threshold":null},"timings":{"metrics":0.25}}
    """#

  @Test(
    "a report flattens to its scalars under dotted names, lists of numbers and timings left out")
  func flatten() throws {
    let cells = try SweepResults.flatten(Data(report.utf8))
    #expect(cells["metrics.precision"] == .number("0.9"))
    #expect(cells["metrics.k"] == .number("3"))
    #expect(cells["diagrams.distances.0.bottleneck"] == .number("0.5"))
    #expect(cells["diagrams.distances.1.bottleneck"] == .null)
    #expect(cells["diagrams.real.points"] == .number("60"))
    #expect(cells["distance"] == .string("euclidean"))
    #expect(cells["parameters.seed"] == .number("18446744073709551615"))
    #expect(cells["parameters.standardize"] == .bool(false))
    #expect(cells["gscore.gscore"] == .number("0.125"))
    #expect(
      cells.keys.allSatisfy {
        !$0.contains("pairs") && !$0.contains("mrlt") && !$0.contains("parts")
      })
    #expect(cells["timings.metrics"] == nil)
    #expect(
      try SweepResults.flatten(Data(report.utf8), includeTimings: true)["timings.metrics"]
        == .number("0.25"))
    #expect(throws: SweepError.self) { try SweepResults.flatten(Data("[1]".utf8)) }
  }

  @Test("partial results merge: rows sorted by name, failures listed, temporary files ignored")
  func merge() throws {
    let first = try makeTemporaryDirectory()
    let second = try makeTemporaryDirectory()
    try writeFile(report, named: "zeta.json", in: first)
    try writeFile(
      report.replacingOccurrences(of: "0.9", with: "0.75"), named: "alpha.json", in: second)
    try writeFile("bad input, at line 3\n", named: "mid.error", in: first)
    try writeFile("stale\n", named: "zeta.error", in: first)  // a result wins over an old error
    try writeFile(#"{"half": "#, named: ".zeta.json.tmp-1-abc", in: first)  // an interrupted write
    try writeFile("notes", named: "README.txt", in: first)
    let results = try SweepResults.load(directories: [first.path, second.path])
    #expect(results.rows.map(\.name) == ["alpha", "zeta"])
    #expect(results.failures == [.init(name: "mid", message: "bad input, at line 3")])
    #expect(results.columns.prefix(2) == ["name", "error"])
    #expect(Array(results.columns.dropFirst(2)) == results.columns.dropFirst(2).sorted())
    let lines = results.csv().split(separator: "\n").map(String.init)
    #expect(lines.count == 4)
    let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    let precision = try #require(header.firstIndex(of: "metrics.precision"))
    func cells(_ line: String) -> [String] {
      // The error cell is quoted (it holds a comma); the others are plain.
      line.replacingOccurrences(of: "\"bad input, at line 3\"", with: "ERROR")
        .split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
    #expect(cells(lines[1])[0] == "alpha" && cells(lines[1])[precision] == "0.75")
    #expect(cells(lines[2])[0] == "mid" && cells(lines[2])[1] == "ERROR")
    #expect(cells(lines[2]).dropFirst(2).allSatisfy { $0.isEmpty })
    #expect(cells(lines[3])[0] == "zeta" && cells(lines[3])[precision] == "0.9")
    #expect(cells(lines[3])[header.firstIndex(of: "diagrams.distances.1.bottleneck")!] == "null")

    let json = try #require(
      try JSONSerialization.jsonObject(with: results.json()) as? [String: Any])
    let rows = try #require(json["rows"] as? [[String: Any]])
    #expect(rows.map { $0["name"] as? String } == ["alpha", "zeta"])
    #expect(rows[0]["metrics.precision"] as? Double == 0.75)
    #expect((json["errors"] as? [[String: String]])?.first?["name"] == "mid")

    // The same name in two directories is a mistake.
    try writeFile(report, named: "alpha.json", in: first)
    #expect(throws: SweepError.self) {
      try SweepResults.load(directories: [first.path, second.path])
    }
    #expect(throws: SweepError.self) { try SweepResults.load(directories: [first.path + "/none"]) }
  }

  @Test("atomic writes replace the file and leave nothing else behind")
  func atomicFile() throws {
    let directory = try makeTemporaryDirectory()
    let url = directory.appendingPathComponent("r.json")
    try AtomicFile.write("first", to: url)
    try AtomicFile.write("second, longer", to: url)
    #expect(try String(contentsOf: url, encoding: .utf8) == "second, longer")
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["r.json"])
    #expect(throws: AtomicFileError.self) {
      try AtomicFile.write("x", to: directory.appendingPathComponent("missing/r.json"))
    }
  }
}

/// A tiny configuration of the benchmark tables (as in BenchmarkTablesTests).
private var tinyTables: BenchmarkTables {
  var tables = BenchmarkTables.quick
  tables.count = 60
  tables.bases = [.circle]
  tables.failures = [.faithful, .modeCollapse, .wrongTopology]
  tables.noiseBases = [.circle]
  tables.noiseLevels = [0, 0.3]
  tables.keptBases = [.gaussianMixture]
  tables.keptFractions = [0.2, 1]
  tables.runtimeSizes = [50]
  tables.runtimeDimensions = [2]
  tables.runtimeBaseCount = 50
  tables.persistenceSizeLimit = 50
  tables.evaluation.persistencePoints = 40
  tables.evaluation.trials = 3
  return tables
}

@Suite("Benchmark tables in shards")
struct TablesShardTests {
  @Test("shards merged give the single run's tables byte for byte, runtime aside")
  func shardsMerge() throws {
    let tables = tinyTables
    let single = try tables.generate()
    let jobs = tables.jobs()
    #expect(Set(jobs.map(\.id)).count == jobs.count)
    #expect(jobs.count == tables.evaluationCount())
    // Through the file format, in another order.
    let shards = try [3, 1, 2].map { index in
      let results = try tables.run(shard: Shard(index: index, count: 3))
      return try BenchmarkTables.ShardResults.decode(results.encoded(), file: "shard")
    }
    #expect(shards.map { $0.results.count }.reduce(0, +) == jobs.count)
    let merged = try tables.merge(shards)
    #expect(merged.map(\.name) == single.map(\.name))
    for (a, b) in zip(single, merged) where !a.name.hasPrefix("runtime") {
      #expect(a == b, "\(a.name) differs")
    }

    // A missing shard, another configuration, other tables: refused.
    #expect(throws: SweepError.self) { try tables.merge(Array(shards.prefix(2))) }
    var other = tables
    other.seeds = [1]
    #expect(throws: SweepError.self) { try other.merge(shards) }
    #expect(throws: SweepError.self) { try tables.merge(shards, tables: [.failures]) }
  }

  @Test("shard files keep every value bit for bit, infinities and NaN included")
  func shardFileRoundTrip() throws {
    let values = [0.1, 1.0 / 3, .infinity, -.infinity, 5e-324, -0.0, 1e300]
    let results = BenchmarkTables.ShardResults(
      configuration: "c", tables: ["failures"], shard: "1/1",
      results: [
        "a": .init(metrics: values.map { "\($0)" }, values: values),
        "b": .init(metrics: ["nan"], values: [.nan]), "c": .init(seconds: 0.5, peakBytes: 1024),
      ])
    let back = try BenchmarkTables.ShardResults.decode(results.encoded(), file: "f")
    #expect(back.results["a"]!.values.map(\.bitPattern) == values.map(\.bitPattern))
    #expect(back.results["b"]!.values[0].isNaN)
    #expect(back.results["c"] == results.results["c"])
    #expect(throws: SweepError.self) {
      try BenchmarkTables.ShardResults.decode(Data("{}".utf8), file: "f")
    }
  }
}
