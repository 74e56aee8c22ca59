import Foundation
import Testing
import _TestSupport

@Suite("tda-eval detect and utility")
struct LearningCommandsTests {
  static let examples = "Notebooks-data/examples"
  static let registry = [
    "\(examples)/registry-real.csv", "\(examples)/registry-synth.csv", "--schema",
    "\(examples)/registry-schema.json",
  ]

  /// `tda-eval arguments` pinned to CPU 0 (`taskset -c 0`), standard output only.
  static func onOneCore(_ arguments: [String]) throws -> (status: Int32, stdout: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/taskset")
    process.arguments = ["-c", "0", tdaEvalExecutable.path] + arguments
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }

  @Test("detect --json: logistic auc and score, nearest_neighbour accuracy and p_value")
  func detectJSON() throws {
    let result = try runTDAEval(["detect"] + Self.registry + ["--permutations", "99", "--json"])
    #expect(result.status == 0, "\(result.stderr)")
    let object = try jsonObject(result.stdout)
    let logistic = try #require(object["logistic"] as? [String: Any])
    let auc = try #require((logistic["auc"] as? NSNumber)?.doubleValue)
    let score = try #require((logistic["score"] as? NSNumber)?.doubleValue)
    let folds = try #require(logistic["folds"] as? [NSNumber]).map(\.doubleValue)
    #expect(folds.count == 3 && abs(auc - folds.reduce(0, +) / 3) <= 1e-15)
    #expect(abs(score - (1 - folds.map { 2 * max($0, 0.5) - 1 }.reduce(0, +) / 3)) <= 1e-15)
    let test = try #require(object["nearest_neighbour"] as? [String: Any])
    let p = try #require((test["p_value"] as? NSNumber)?.doubleValue)
    #expect(
      test["accuracy"] is NSNumber && p > 0 && p <= 1 && object["distance"] as? String == "gower")
    let text = try runTDAEval(["detect"] + Self.registry + ["--permutations", "99"])
    #expect(text.status == 0 && text.stdout.contains("SDMetrics score"))
  }

  @Test("detect prints the same bits on one core as on all of them, and per seed")
  func detectDeterministic() throws {
    let arguments = ["detect"] + Self.registry + ["--seed", "4", "--permutations", "300", "--json"]
    let all = try runTDAEval(arguments)
    let one = try Self.onOneCore(arguments)
    #expect(all.status == 0 && one.status == 0, "\(all.stderr)")
    #expect(all.stdout == one.stdout)
    let other = try runTDAEval(
      ["detect"] + Self.registry + ["--seed", "5", "--permutations", "300", "--json"])
    #expect(other.stdout != all.stdout)
  }

  @Test("utility --json: task, target, models with real, synthetic and gap")
  func utilityJSON() throws {
    let directory = try makeTemporaryDirectory()
    let lines = try String(contentsOfFile: "\(Self.examples)/registry-real.csv", encoding: .utf8)
      .split(separator: "\n")
    let train = try writeFile(
      lines[0..<250].joined(separator: "\n") + "\n", named: "train.csv", in: directory)
    let test = try writeFile(
      ([lines[0]] + lines[250...]).joined(separator: "\n") + "\n", named: "test.csv", in: directory)
    let base = [
      "utility", train, "\(Self.examples)/registry-synth.csv", "--test", test, "--schema",
      "\(Self.examples)/registry-schema.json",
    ]
    let result = try runTDAEval(base + ["--target", "diabetes", "--json"])
    #expect(result.status == 0, "\(result.stderr)")
    let object = try jsonObject(result.stdout)
    #expect(
      object["task"] as? String == "classification" && object["target"] as? String == "diabetes")
    let models = try #require(object["models"] as? [String: [String: [String: Any]]])
    #expect(Set(models.keys) == ["logistic", "knn"])
    for (name, model) in models {
      for key in ["accuracy", "balanced_accuracy", "f1_macro", "auroc"] {
        let real = try #require((model["real"]?[key] as? NSNumber)?.doubleValue, "\(name).\(key)")
        let synthetic = try #require((model["synthetic"]?[key] as? NSNumber)?.doubleValue)
        // Foundation's JSON parser may round the last bit: compare to 1e-12.
        let gap = try #require((model["gap"]?[key] as? NSNumber)?.doubleValue)
        #expect(abs(gap - (synthetic - real)) <= 1e-12, "\(name) gap")
      }
    }
    let regression = try runTDAEval(base + ["--target", "systolic_bp", "--json"])
    let regressionModels = try #require(
      try jsonObject(regression.stdout)["models"] as? [String: [String: [String: Any]]])
    #expect(Set(regressionModels.keys) == ["ridge", "knn"])
    #expect(regressionModels["ridge"]?["real"]?["r2"] is NSNumber)
    let text = try runTDAEval(base + ["--target", "stage"])
    #expect(text.status == 0 && text.stdout.contains("macro F1"), "\(text.stderr)")
  }

  @Test(
    "bad input: one line naming the option or column, exit 2",
    arguments: [
      (["--target", "nope"], "no column 'nope' (named by --target)"),
      (
        ["--target", "sex", "--task", "regression"], "regression needs a numeric or ordinal column"
      ),
      (
        ["--target", "sex", "--task", "guess"],
        "The value 'guess' is invalid for '--task <task>'. Please provide one of 'classification'"
      ),
    ])
  func utilityErrors(arguments: [String], message: String) throws {
    let result = try runTDAEval(
      ["utility"] + Self.registry + ["--test", "\(Self.examples)/registry-real.csv"] + arguments)
    #expect(result.status == 2)
    #expect(result.stderr.contains(message), "\(result.stderr)")
    #expect(result.stderr.split(separator: "\n").count == 1)
  }

  @Test("detect rejects too few folds and permutations, exit 2")
  func detectErrors() throws {
    for (option, value) in [("--folds", "1"), ("--permutations", "0")] {
      let result = try runTDAEval(["detect"] + Self.registry + [option, value])
      #expect(result.status == 2 && result.stderr.contains(option), "\(result.stderr)")
    }
  }
}
