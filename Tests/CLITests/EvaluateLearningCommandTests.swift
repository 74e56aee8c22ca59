import Foundation
import Testing
import _TestSupport

@Suite("tda-eval evaluate: detect and utility")
struct EvaluateLearningCommandTests {
  static let examples = "Notebooks-data/examples"
  static let schema = ["--schema", "\(examples)/registry-schema.json"]
  static let fast = [
    "--skip", "persistence,gscore,kde,metrics", "--no-baseline", "--permutations", "99",
  ]

  /// The registry's real rows split into training rows and test rows; their paths.
  static func split(in directory: URL) throws -> (train: String, test: String) {
    let lines = try String(contentsOfFile: "\(examples)/registry-real.csv", encoding: .utf8)
      .split(separator: "\n")
    return (
      try writeFile(
        lines[0..<250].joined(separator: "\n") + "\n", named: "train.csv", in: directory),
      try writeFile(
        ([lines[0]] + lines[250...]).joined(separator: "\n") + "\n", named: "test.csv",
        in: directory)
    )
  }

  /// `value` re-serialised with sorted keys, to compare JSON objects.
  static func canonical(_ value: Any?) throws -> String {
    let value = try #require(value)
    return String(
      decoding: try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]),
      as: UTF8.self)
  }

  @Test("--target: detect and utility are the objects of 'tda-eval detect' and 'utility'")
  func tables() throws {
    let directory = try makeTemporaryDirectory()
    let (train, test) = try Self.split(in: directory)
    let synthetic = "\(Self.examples)/registry-synth.csv"
    let result = try runTDAEval(
      [
        "evaluate", train, synthetic, "--holdout", test, "--target", "diabetes", "--seed", "3",
        "--json",
      ] + Self.schema + Self.fast)
    #expect(result.status == 0, "\(result.stderr)")
    let object = try jsonObject(result.stdout)
    let detect = try runTDAEval(
      ["detect", train, synthetic, "--seed", "3", "--permutations", "99", "--json"] + Self.schema)
    let utility = try runTDAEval(
      ["utility", train, synthetic, "--test", test, "--target", "diabetes", "--json"]
        + Self.schema)
    #expect(detect.status == 0 && utility.status == 0)
    #expect(try Self.canonical(object["detect"]) == Self.canonical(jsonObject(detect.stdout)))
    #expect(try Self.canonical(object["utility"]) == Self.canonical(jsonObject(utility.stdout)))
    let parameters = try #require(object["parameters"] as? [String: Any])
    #expect(parameters["parts"] as? [String] == ["privacy", "fidelity", "detect", "utility"])
    #expect(
      parameters["target"] as? String == "diabetes" && parameters["permutations"] as? Int == 99)
  }

  @Test("--skip detect,utility leaves both keys out; without --target there is no utility")
  func skip() throws {
    let directory = try makeTemporaryDirectory()
    let (train, test) = try Self.split(in: directory)
    let synthetic = "\(Self.examples)/registry-synth.csv"
    let skipped = try runTDAEval(
      [
        "evaluate", train, synthetic, "--holdout", test, "--target", "diabetes", "--json",
        "--skip", "persistence,gscore,kde,metrics,detect,utility", "--no-baseline",
      ] + Self.schema)
    #expect(skipped.status == 0, "\(skipped.stderr)")
    let object = try jsonObject(skipped.stdout)
    #expect(object["detect"] == nil && object["utility"] == nil && object["fidelity"] != nil)
    let plain = try runTDAEval(["evaluate", train, synthetic, "--json"] + Self.schema + Self.fast)
    let plainObject = try jsonObject(plain.stdout)
    #expect(plainObject["detect"] != nil && plainObject["utility"] == nil)
    #expect((plainObject["parameters"] as? [String: Any])?["target"] == nil)
    let text = try runTDAEval(["evaluate", train, synthetic] + Self.schema + Self.fast)
    #expect(text.stdout.contains("\ndetection\n") && text.stdout.contains("SDMetrics score"))
  }

  @Test("point clouds: detect as 'tda-eval detect' on the same values with a header")
  func clouds() throws {
    let directory = try makeTemporaryDirectory()
    let real = directory.appendingPathComponent("real.csv").path
    let synthetic = directory.appendingPathComponent("synth.csv").path
    let generated = try runTDAEval([
      "generate", "circle", "--failure", "mode-collapse", "--n", "60", "--seed", "2", "--real",
      real, "--out", synthetic,
    ])
    #expect(generated.status == 0)
    var headed: [String] = []
    for path in [real, synthetic] {
      let text = try String(contentsOfFile: path, encoding: .utf8)
      headed.append(
        try writeFile(
          "0,1\n" + text, named: "h-" + URL(fileURLWithPath: path).lastPathComponent,
          in: directory))
    }
    let result = try runTDAEval(
      [
        "evaluate", real, synthetic, "--json", "--skip", "persistence,gscore,kde,metrics,privacy",
        "--permutations", "99",
      ])
    #expect(result.status == 0, "\(result.stderr)")
    let detect = try runTDAEval(
      ["detect"] + headed + [
        "--distance", "euclidean", "--seed", "1", "--permutations", "99",
        "--json",
      ])
    #expect(detect.status == 0, "\(detect.stderr)")
    #expect(
      try Self.canonical(jsonObject(result.stdout)["detect"])
        == Self.canonical(jsonObject(detect.stdout)))
  }

  @Test(
    "bad learning options exit 2 with one line on stderr",
    arguments: [
      ["--target", "diabetes"], ["--task", "ranking"], ["--task", "regression"],
      ["--skip", "detect,teleport"],
    ])
  func badOptions(options: [String]) throws {
    let result = try runTDAEval(
      ["evaluate", "\(Self.examples)/registry-real.csv", "\(Self.examples)/registry-synth.csv"]
        + options)
    #expect(result.status == 2 && result.stdout.isEmpty)
    #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
  }

  @Test("--html shows the fidelity plots, the heatmaps and the detection and utility tables")
  func html() throws {
    let directory = try makeTemporaryDirectory()
    let (train, test) = try Self.split(in: directory)
    let html = directory.appendingPathComponent("report.html").path
    let result = try runTDAEval(
      [
        "evaluate", train, "\(Self.examples)/registry-synth.csv", "--holdout", test, "--target",
        "diabetes", "--html", html,
      ] + Self.schema + Self.fast)
    #expect(result.status == 0, "\(result.stderr)")
    let page = try String(contentsOfFile: html, encoding: .utf8)
    #expect(page.contains("<h2>Fidelity</h2>") && page.contains("<h2>Detection and utility</h2>"))
    #expect(page.contains("Associations: synthetic − real") && page.contains("class=\"cell\""))
    #expect(page.contains("<h3>Detection</h3>") && page.contains("<h3>Utility: classification"))
    #expect(page.contains("<title>diabetes</title>"))
  }
}
