import Foundation
import Testing
import _TestSupport

/// The JSON object a command printed.
private func object(_ result: CommandResult) throws -> [String: Any] {
  #expect(result.status == 0, "\(result.stderr)")
  return try #require(
    try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
}

/// Writes the real circle and a synthetic sample under `failure`; returns their paths.
private func pair(in directory: URL, failure: String, n: Int = 120) throws -> (String, String) {
  let real = directory.appendingPathComponent("real.csv").path
  let synthetic = directory.appendingPathComponent("synth-\(failure).csv").path
  let result = try runTDAEval([
    "generate", "circle", "--failure", failure, "--n", "\(n)", "--seed", "4", "--real", real,
    "--out", synthetic,
  ])
  #expect(result.status == 0, "\(result.stderr)")
  return (real, synthetic)
}

/// `path` with its first column multiplied by 1,000.
private func scaledFirstColumn(_ path: String, in directory: URL) throws -> String {
  let text = try String(contentsOfFile: path, encoding: .utf8)
  let lines = text.split(separator: "\n").map { line -> String in
    var cells = line.split(separator: ",").map(String.init)
    cells[0] = "\(Double(cells[0])! * 1000)"
    return cells.joined(separator: ",")
  }
  let out = directory.appendingPathComponent(
    "scaled-" + URL(fileURLWithPath: path).lastPathComponent)
  try (lines.joined(separator: "\n") + "\n").write(to: out, atomically: true, encoding: .utf8)
  return out.path
}

@Suite("evaluate's baseline and readings; one set of defaults; --standardize everywhere")
struct ReadingsCommandTests {
  private let fast = ["--trials", "5", "--persistence-points", "60", "--bins", "5"]

  @Test("--json holds the baseline, the matched comparison and a reading per scalar metric")
  func readings() throws {
    let directory = try makeTemporaryDirectory()
    let (real, synthetic) = try pair(in: directory, failure: "mode-collapse")
    let report = try object(try runTDAEval(["evaluate", real, synthetic, "--json"] + fast))
    let baseline = try #require(report["baseline"] as? [String: Any])
    #expect(baseline["source"] as? String == "halves")
    #expect((baseline["real"] as? [String: Any])?["points"] as? Int == 60)
    #expect(baseline["metrics"] is [String: Any] && baseline["diagrams"] is [String: Any])
    #expect(report["matched"] is [String: Any] && report["fidelity"] is [String: Any])
    #expect(report["standardized"] as? [String] == [])
    let readings = try #require(report["readings"] as? [[String: Any]])
    let recall = try #require(readings.first { $0["metric"] as? String == "metrics.recall" })
    #expect(
      recall["value"] as? Double == (report["metrics"] as? [String: Any])?["recall"] as? Double)
    #expect(recall["verdict"] as? String == "differs" && recall["worse"] as? String == "lower")
    #expect((recall["text"] as? String)?.contains("beyond what a second real sample gets") == true)
    #expect(
      Set(readings.compactMap { $0["verdict"] as? String }).isSubset(of: ["consistent", "differs"]))
    #expect(readings.contains { $0["metric"] as? String == "diagrams.1.bottleneck" })

    let table = try runTDAEval(
      ["evaluate", real, synthetic, "--skip", "persistence,gscore"] + fast)
    #expect(table.status == 0)
    #expect(table.stdout.contains("baseline") && table.stdout.contains("differs"))

    let none = try object(
      try runTDAEval(["evaluate", real, synthetic, "--json", "--no-baseline"] + fast))
    #expect(none["readings"] == nil && none["baseline"] == nil)
  }

  @Test("--bootstrap gives intervals, the same for the same seed, drawn as error bars")
  func bootstrap() throws {
    let directory = try makeTemporaryDirectory()
    let (real, synthetic) = try pair(in: directory, failure: "faithful", n: 80)
    let html = directory.appendingPathComponent("report.html").path
    let arguments =
      ["evaluate", real, synthetic, "--json", "--skip", "persistence,gscore", "--bootstrap", "4"]
      + fast
    let first = try object(try runTDAEval(arguments + ["--html", html]))
    let second = try object(try runTDAEval(arguments))
    let readings = try #require(first["readings"] as? [[String: Any]])
    let precision = try #require(readings.first { $0["metric"] as? String == "metrics.precision" })
    let interval = try #require(precision["interval"] as? [Double])
    #expect(interval.count == 2 && interval[0] <= interval[1])
    #expect(precision["baseline_interval"] is [Double] && precision["matched_interval"] is [Double])
    let again = try #require(second["readings"] as? [[String: Any]])
    #expect(
      readings.map { $0["interval"] as? [Double] } == again.map { $0["interval"] as? [Double] })
    let page = try String(contentsOfFile: html, encoding: .utf8)
    #expect(page.contains("class=\"error-bars\""))
    for options in [["--bootstrap", "-1"], ["--bootstrap", "3", "--no-baseline"]] {
      let bad = try runTDAEval(["evaluate", real, synthetic] + options)
      #expect(bad.status == 2 && bad.stderr.split(separator: "\n").count == 1, "\(bad.stderr)")
    }
  }

  @Test("gscore and evaluate use the same defaults, so they give the same geometry score")
  func oneSetOfDefaults() throws {
    let directory = try makeTemporaryDirectory()
    let (real, synthetic) = try pair(in: directory, failure: "wrong-topology", n: 80)
    let gscore = try object(try runTDAEval(["gscore", real, synthetic, "--json"]))
    let evaluate = try object(
      try runTDAEval([
        "evaluate", real, synthetic, "--json", "--no-baseline", "--skip",
        "persistence,metrics,kde,privacy,fidelity",
      ]))
    let parameters = try #require(evaluate["parameters"] as? [String: Any])
    #expect(gscore["trials"] as? Int == parameters["trials"] as? Int)
    #expect(gscore["seed"] as? Int == parameters["seed"] as? Int)
    #expect(
      gscore["gscore"] as? Double == (evaluate["gscore"] as? [String: Any])?["gscore"] as? Double)
    let help = try runTDAEval(["gscore", "--help"]).stdout
      .split(whereSeparator: \.isWhitespace).joined(separator: " ")
    #expect(help.contains("(default 100)") && help.contains("(default 0.125)"), "\(help)")
  }

  @Test("--standardize: a column scaled by 1,000 changes nothing in evaluate, diagrams and gscore")
  func standardize() throws {
    let directory = try makeTemporaryDirectory()
    let (real, synthetic) = try pair(in: directory, failure: "noise", n: 80)
    let scaledReal = try scaledFirstColumn(real, in: directory)
    let scaledSynthetic = try scaledFirstColumn(synthetic, in: directory)
    for command in [["diagrams"], ["gscore", "--trials", "5"]] {
      let plain = try object(
        try runTDAEval(command + [real, synthetic, "--standardize", "--json"]))
      let scaled = try object(
        try runTDAEval(command + [scaledReal, scaledSynthetic, "--standardize", "--json"]))
      if command[0] == "gscore" {
        let a = try #require(plain["gscore"] as? Double),
          b = try #require(scaled["gscore"] as? Double)
        #expect(isClose(a, b, relative: 1e-6, absolute: 1e-9), "\(a) vs \(b)")
      } else {
        let a = try #require(plain["distances"] as? [[String: Any]])
        let b = try #require(scaled["distances"] as? [[String: Any]])
        for (x, y) in zip(a, b) {
          let u = try #require(x["bottleneck"] as? Double),
            v = try #require(y["bottleneck"] as? Double)
          #expect(isClose(u, v, relative: 1e-6, absolute: 1e-9), "\(u) vs \(v)")
        }
      }
    }
    let arguments = ["--json", "--standardize", "--skip", "gscore"] + fast
    let plain = try object(try runTDAEval(["evaluate", real, synthetic] + arguments))
    let scaled = try object(try runTDAEval(["evaluate", scaledReal, scaledSynthetic] + arguments))
    #expect(plain["standardized"] as? [String] == ["persistence", "metrics", "kde", "privacy"])
    let a = try #require(plain["readings"] as? [[String: Any]])
    let b = try #require(scaled["readings"] as? [[String: Any]])
    #expect(a.count == b.count)
    for (x, y) in zip(a, b) where !(x["metric"] as! String).hasPrefix("fidelity.") {
      #expect(x["verdict"] as? String == y["verdict"] as? String)
      let u = try #require(x["value"] as? Double), v = try #require(y["value"] as? Double)
      #expect(isClose(u, v, relative: 1e-6, absolute: 1e-9), "\(x["metric"]!): \(u) vs \(v)")
    }
  }
}
