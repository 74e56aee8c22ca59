import Foundation
import Testing
import _TestSupport

@Suite("tda-eval evaluate")
struct EvaluateCommandTests {
  /// Writes a real circle and its wrong-topology (two circles) counterpart; returns their paths.
  private func pair(in directory: URL, failure: String = "wrong-topology") throws -> (
    String, String
  ) {
    let real = directory.appendingPathComponent("real.csv").path
    let synthetic = directory.appendingPathComponent("synth.csv").path
    let result = try runTDAEval([
      "generate", "circle", "--failure", failure, "--n", "80", "--seed", "2", "--real", real,
      "--out", synthetic,
    ])
    #expect(result.status == 0, "\(result.stderr)")
    return (real, synthetic)
  }

  private let fast = ["--trials", "5", "--persistence-points", "60", "--bins", "5"]

  @Test("--json prints one object with every part and the parameters used")
  func json() throws {
    let directory = try makeTemporaryDirectory()
    let (real, synthetic) = try pair(in: directory)
    let result = try runTDAEval(["evaluate", real, synthetic, "--json", "--k", "3"] + fast)
    #expect(result.status == 0, "\(result.stderr)")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let parameters = try #require(object["parameters"] as? [String: Any])
    #expect(parameters["k"] as? Int == 3 && parameters["trials"] as? Int == 5)
    let metrics = try #require(object["metrics"] as? [String: Any])
    #expect(metrics["k"] as? Int == 3)
    for key in ["precision", "recall", "density", "coverage"] {
      let value = try #require(metrics[key] as? Double)
      #expect(value >= 0 && (key == "density" || value <= 1))
    }
    let diagrams = try #require(object["diagrams"] as? [String: Any])
    let realRips = try #require(diagrams["real"] as? [String: Any])
    #expect(realRips["points"] as? Int == 60 && realRips["maxdim"] as? Int == 1)
    #expect((realRips["diagrams"] as? [Any])?.count == 2)
    let kde = try #require(object["kde"] as? [String: Any])
    #expect(kde["synth_given_real"] is Double && kde["real_given_synth"] is Double)
    let gscore = try #require(object["gscore"] as? [String: Any])
    #expect(gscore["gscore"] is Double && (gscore["mrlt_synth"] as? [Double])?.count == 100)
    #expect((object["real"] as? [String: Any])?["points"] as? Int == 80)
  }

  @Test("the table has a reading per metric; --skip leaves parts out; --html writes the page")
  func tableAndHTML() throws {
    let directory = try makeTemporaryDirectory()
    let (real, synthetic) = try pair(in: directory, failure: "mode-collapse")
    let html = directory.appendingPathComponent("report.html").path
    let result = try runTDAEval(
      ["evaluate", real, synthetic, "--skip", "persistence,gscore", "--html", html] + fast)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("recall") && result.stdout.contains("coverage"))
    #expect(!result.stdout.contains("H1 bars") && !result.stdout.contains("geometry score"))
    let page = try String(contentsOfFile: html, encoding: .utf8)
    #expect(page.hasPrefix("<!DOCTYPE html>") && page.contains("<table class=\"metrics\">"))
    #expect(!page.contains("<script"))
  }

  @Test(
    "bad options exit 2 with one line on stderr",
    arguments: [
      ["--k", "0"], ["--skip", "everything"], ["--balls", "half"], ["--bandwidth", "wide"],
      ["--gamma", "-1"], ["--maxdim", "7"], ["--threshold", "-2"], ["--trials", "0"],
    ])
  func badOptions(options: [String]) throws {
    let directory = try makeTemporaryDirectory()
    let (real, synthetic) = try pair(in: directory)
    let result = try runTDAEval(["evaluate", real, synthetic] + options)
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
  }

  @Test("bad input files exit 2 naming the file")
  func badInput() throws {
    let directory = try makeTemporaryDirectory()
    let (real, _) = try pair(in: directory)
    let sphere = directory.appendingPathComponent("sphere.csv").path
    _ = try runTDAEval(["generate", "sphere", "--n", "20", "--out", sphere])
    let mismatch = try runTDAEval(["evaluate", real, sphere])
    #expect(mismatch.status == 2 && mismatch.stderr.contains("sphere.csv"))
    let bad = try writeFile("1,2\n3,nan\n", named: "bad.csv", in: directory)
    let notFinite = try runTDAEval(["evaluate", real, bad])
    #expect(notFinite.status == 2 && notFinite.stderr.contains("bad.csv:2:2"))
    let missing = try runTDAEval([
      "evaluate", real, directory.appendingPathComponent("none.csv").path,
    ])
    #expect(missing.status == 2 && missing.stderr.contains("none.csv"))
  }
}
