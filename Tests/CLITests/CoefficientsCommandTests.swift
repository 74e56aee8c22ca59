import Foundation
import Testing
import _TestSupport

/// `count` points on a circle of radius `radius`, jittered deterministically, as CSV.
private func circleCSV(count: Int, radius: Double, jitter: Double) -> String {
  (0..<count).map { i in
    let angle = 2 * Double.pi * Double(i) / Double(count)
    let wobble = jitter * sin(7.3 * Double(i))
    return "\((radius + wobble) * cos(angle)),\((radius - wobble) * sin(angle))"
  }
  .joined(separator: "\n") + "\n"
}

@Suite("--coeff: one spelling of the coefficient field in rips, diagrams and evaluate")
struct CoefficientsCommandTests {
  @Test("evaluate --coeff Q computes the diagrams over Q: those of rips --coeff Q, coeff \"Q\"")
  func evaluateOverRationals() throws {
    let directory = try makeTemporaryDirectory()
    let real = try writeFile(
      circleCSV(count: 30, radius: 1, jitter: 0.05), named: "real.csv", in: directory)
    let synthetic = try writeFile(
      circleCSV(count: 25, radius: 1.2, jitter: 0.1), named: "synth.csv", in: directory)
    let result = try runTDAEval([
      "evaluate", real, synthetic, "--coeff", "Q", "--skip",
      "metrics,kde,gscore,privacy,fidelity,detect", "--no-baseline", "--json",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let report = try jsonObject(result.stdout)
    let parameters = try #require(report["parameters"] as? [String: Any])
    #expect(parameters["coeff"] as? String == "Q")
    let diagrams = try #require(report["diagrams"] as? [String: Any])
    for (name, file) in [("real", real), ("synthetic", synthetic)] {
      var summary = try #require(diagrams[name] as? [String: Any])
      #expect(summary["coeff"] as? String == "Q")
      // evaluate says on which points H0 was computed (here the whole sample, as rips does).
      #expect(summary.removeValue(forKey: "h0_points") as? Int == summary["points"] as? Int)
      #expect(summary.removeValue(forKey: "h0_threshold") as? Double != nil)
      let rips = try jsonObject(runTDAEval(["rips", file, "--coeff", "Q", "--json"]).stdout)
      #expect(rips["coeff"] as? String == "Q")
      #expect(
        NSDictionary(dictionary: summary).isEqual(to: rips), "\(name): evaluate and rips differ")
    }
  }

  @Test("evaluate --coeff 3 writes coeff 3, a number, as rips does")
  func evaluatePrime() throws {
    let directory = try makeTemporaryDirectory()
    let real = try writeFile(
      circleCSV(count: 20, radius: 1, jitter: 0.05), named: "real.csv", in: directory)
    let result = try runTDAEval([
      "evaluate", real, real, "--coeff", "3", "--skip",
      "metrics,kde,gscore,privacy,fidelity,detect", "--no-baseline", "--json",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let report = try jsonObject(result.stdout)
    #expect((report["parameters"] as? [String: Any])?["coeff"] as? Int == 3)
    let real3 = (report["diagrams"] as? [String: Any])?["real"] as? [String: Any]
    #expect(real3?["coeff"] as? Int == 3)
  }

  @Test(
    "a bad --coeff is one line naming --coeff and the allowed values, exit 2",
    arguments: [["rips"], ["diagrams"], ["evaluate"]], ["4", "x", "65537", "0"])
  func badCoefficients(command: [String], value: String) throws {
    let directory = try makeTemporaryDirectory()
    let file = try writeFile(
      circleCSV(count: 8, radius: 1, jitter: 0), named: "cloud.csv", in: directory)
    let files = command == ["rips"] ? [file] : [file, file]
    let result = try runTDAEval(command + files + ["--coeff", value])
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
    #expect(result.stderr.contains("--coeff"))
    #expect(result.stderr.contains("a prime between 2 and 65521, or Q"), "\(result.stderr)")
  }

  @Test("--modulus is Ripser's spelling of --coeff on rips")
  func modulusAlias() throws {
    let directory = try makeTemporaryDirectory()
    let file = try writeFile(
      circleCSV(count: 12, radius: 1, jitter: 0.1), named: "cloud.csv", in: directory)
    let coeff = try runTDAEval(["rips", file, "--coeff", "5", "--json"])
    let modulus = try runTDAEval(["rips", file, "--modulus", "5", "--json"])
    #expect(coeff.status == 0 && !coeff.stdout.isEmpty)
    #expect(coeff.stdout == modulus.stdout)
  }
}

@Suite("Options with a fixed set of values: help lists them, one parser for the CLI and C ABI")
struct NamedOptionsCommandTests {
  @Test(
    "help lists the choices of every enumerated option",
    arguments: [
      (["evaluate"], "--skip", ["persistence", "metrics", "kde", "gscore", "detect", "utility"]),
      (["evaluate"], "--task", ["classification", "regression"]),
      (["utility"], "--task", ["classification", "regression"]),
      (["tables"], "--only", ["failures", "sensitivity", "runtime", "fidelity", "calibration"]),
      (["rips"], "--index-width", ["64", "128", "gmp"]),
      (["rips"], "--metric", ["euclidean", "manhattan", "chebyshev"]),
      (["metrics"], "--delimiter", ["comma", "tab", "whitespace"]),
    ])
  func helpListsChoices(command: [String], option: String, choices: [String]) throws {
    let help = try runTDAEval(command + ["--help"])
    #expect(help.status == 0)
    // The option's paragraph: from its line to the next option's line.
    let lines = help.stdout.split(separator: "\n").map(String.init)
    let start = try #require(lines.firstIndex { $0.hasPrefix("  \(option) ") })
    let end = lines[(start + 1)...].firstIndex { $0.hasPrefix("  -") } ?? lines.endIndex
    let paragraph = lines[start..<end].joined(separator: " ")
    let values = try #require(paragraph.range(of: "(values: "))
    let listed = paragraph[values.upperBound...].prefix { $0 != ")" && $0 != ";" }
      .split(separator: ",").map { $0.split(separator: " ").joined(separator: " ") }
    #expect(Set(choices).isSubset(of: Set(listed)), "\(option): \(listed)")
  }

  @Test(
    "comma-separated lists: every name is checked, an unknown one is one line, exit 2",
    arguments: [
      ["evaluate", "real.csv", "real.csv", "--skip", "kde,everything"],
      ["tables", "--only", "failures,nope"],
      ["evaluate", "real.csv", "real.csv", "--bandwidth", "wide"],
      ["evaluate", "real.csv", "real.csv", "--gamma", "x"],
      ["rips", "real.csv", "--delimiter", "semicolon"],
    ])
  func badNames(arguments: [String]) throws {
    let result = try runTDAEval(arguments)
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
    let option = try #require(arguments.first { $0.hasPrefix("--") })
    #expect(result.stderr.contains(option), "\(result.stderr)")
  }
}
