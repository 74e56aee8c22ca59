import Foundation
import Testing
import _TestSupport

private func json(_ text: String) throws -> [String: Any] {
  try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
}

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
    let report = try json(result.stdout)
    let parameters = try #require(report["parameters"] as? [String: Any])
    #expect(parameters["coeff"] as? String == "Q")
    let diagrams = try #require(report["diagrams"] as? [String: Any])
    for (name, file) in [("real", real), ("synthetic", synthetic)] {
      let summary = try #require(diagrams[name] as? [String: Any])
      #expect(summary["coeff"] as? String == "Q")
      let rips = try json(runTDAEval(["rips", file, "--coeff", "Q", "--json"]).stdout)
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
    let report = try json(result.stdout)
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
