import Foundation
import Testing
import _TestSupport

@Suite("tda-eval metrics")
struct MetricsCommandTests {
  static let real = "x,y\n0,0\n1,0\n0,1\n1,1\n2,2\n3,3\n"
  static let synthetic = "x,y\n0,0\n1,0.2\n0.5,1\n2,2.5\n9,9\n"

  func write(_ directory: URL) throws -> (String, String) {
    (
      try writeFile(Self.real, named: "real.csv", in: directory),
      try writeFile(Self.synthetic, named: "synth.csv", in: directory)
    )
  }

  @Test("--json prints every field of the contract, with the DCR of the holdout")
  func jsonFields() throws {
    let directory = try makeTemporaryDirectory()
    let (real, synthetic) = try write(directory)
    let holdout = try writeFile("x,y\n0,0.5\n2,2\n", named: "holdout.csv", in: directory)
    let result = try runTDAEval([
      "metrics", real, synthetic, "--k", "2", "--holdout", holdout, "--json",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let object = try jsonObject(result.stdout)
    for key in ["k", "balls", "precision", "recall", "density", "coverage", "realism", "dcr"] {
      #expect(object[key] != nil, "missing \(key)")
    }
    #expect(object["k"] as? Int == 2)
    #expect(object["balls"] as? String == "open")
    let dcr = try #require(object["dcr"] as? [String: Any])
    #expect(dcr["exact_copies"] as? Double == 0.2)  // (0, 0) is a copy
    for key in ["median", "p5"] { #expect(dcr[key] is Double) }
    let holdoutStatistics = try #require(dcr["holdout"] as? [String: Any])
    #expect(holdoutStatistics["exact_copies"] as? Double == 0.5)
    #expect((object["realism"] as? [String: Any])?["median"] is Double)
  }

  @Test("--balls closed counts boundary points; the table names every metric")
  func closedAndTable() throws {
    let directory = try makeTemporaryDirectory()
    let (real, synthetic) = try write(directory)
    let open = try jsonObject(
      try runTDAEval(["metrics", real, synthetic, "--k", "1", "--json"]).stdout)
    let closed = try jsonObject(
      try runTDAEval(["metrics", real, synthetic, "--k", "1", "--balls", "closed", "--json"]).stdout
    )
    #expect(closed["balls"] as? String == "closed")
    #expect((closed["density"] as! Double) >= (open["density"] as! Double))
    let table = try runTDAEval(["metrics", real, synthetic, "--k", "2", "--standardize"])
    #expect(table.status == 0)
    for name in ["precision", "recall", "density", "coverage", "realism", "DCR median"] {
      #expect(table.stdout.contains(name))
    }
  }

  @Test(
    "bad options and input exit 2 with one line on stderr",
    arguments: [
      ["--k", "0"], ["--k", "5"], ["--balls", "half"], ["--bins", "-1"], ["--bins", "7"],
      ["--holdout", "missing.csv"],
    ])
  func badOptions(extra: [String]) throws {
    let directory = try makeTemporaryDirectory()
    let (real, synthetic) = try write(directory)
    let result = try runTDAEval(["metrics", real, synthetic] + extra)
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.split(separator: "\n").count == 1)
  }

  @Test("a NaN cell is a missing cell: Euclidean distance reports it with file, line and column")
  func nanCell() throws {
    let directory = try makeTemporaryDirectory()
    let (real, _) = try write(directory)
    let bad = try writeFile("x,y\n0,0\n1,nan\n2,2\n", named: "bad.csv", in: directory)
    let result = try runTDAEval(["metrics", real, bad, "--k", "1", "--distance", "euclidean"])
    #expect(result.status == 2)
    #expect(result.stderr.contains("bad.csv:3:2: missing cell in column 'y'"))
    let headerless = try writeFile("0,0\n1,nan\n", named: "headerless.csv", in: directory)
    let cloud = try runTDAEval(["metrics", real, headerless, "--k", "1"])
    #expect(cloud.status == 2)
    #expect(cloud.stderr.contains("headerless.csv:2:2: 'nan' is not a finite number"))
  }
}
