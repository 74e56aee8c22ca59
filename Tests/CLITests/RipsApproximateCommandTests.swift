import Foundation
import Testing
import _TestSupport

@Suite("tda-eval rips --approximate")
struct RipsApproximateCommandTests {
  /// The unit square by hand: greedy order (0,0), (1,1) with λ = √2, then (1,0) and (0,1) with
  /// λ = 1; at ε = 0.5 every edge has d·ε ≤ 2λⱼ (value d) and no triangle is blocked
  /// (f·ε(1 − ε)/2 ≤ √2/8 < 1), so the diagrams are the exact ones: three H0 deaths at 1 and
  /// [1, √2) in H1.
  @Test("--json on the unit square, from the cloud and from its distance matrix")
  func square() throws {
    let directory = try makeTemporaryDirectory()
    let cloud = try writeFile("x,y\n0,0\n1,0\n1,1\n0,1\n", named: "square.csv", in: directory)
    let lower = try writeFile(
      "1\n1.4142135623730951,1\n1,1.4142135623730951,1\n", named: "square.txt", in: directory)
    for arguments in [[cloud], [lower, "--input-format", "lower-distance"]] {
      let result = try runTDAEval(["rips"] + arguments + ["--approximate", "0.5", "--json"])
      #expect(result.status == 0, "\(result.stderr)")
      let object = try jsonObject(result.stdout)
      #expect(object["threshold"] is NSNull)
      #expect(object["points"] as? Int == 4)
      let approximation = try #require(object["approximation"] as? [String: Any])
      #expect(approximation["method"] as? String == "sparse-rips")
      #expect(approximation["epsilon"] as? Double == 0.5)
      #expect(approximation["interleaving_factor"] as? Double == 2)
      let bound = try #require(approximation["log_bottleneck_bound"] as? Double)
      #expect(abs(bound - log(2.0)) < 1e-15)
      let diagrams = try #require(object["diagrams"] as? [[String: Any]])
      let h0 = try #require(diagrams[0]["pairs"] as? [[Any]])
      #expect(h0.compactMap { $0[1] as? Double }.sorted() == [1, 1, 1])
      #expect(h0.filter { $0[1] is NSNull }.count == 1)
      let h1 = try #require(diagrams[1]["pairs"] as? [[Double]])
      #expect(h1.count == 1 && h1[0][0] == 1 && abs(h1[0][1] - 2.0.squareRoot()) < 1e-15)
    }
  }

  @Test("ε ≥ 1 has no guarantee: its bound is null")
  func largeEpsilon() throws {
    let directory = try makeTemporaryDirectory()
    let cloud = try writeFile("0,0\n1,0\n1,1\n0,1\n", named: "square.csv", in: directory)
    let result = try runTDAEval(["rips", cloud, "--approximate", "1.5", "--json"])
    #expect(result.status == 0, "\(result.stderr)")
    let approximation = try #require(
      try jsonObject(result.stdout)["approximation"] as? [String: Any])
    #expect(approximation["interleaving_factor"] is NSNull)
    #expect(approximation["log_bottleneck_bound"] is NSNull)
  }

  @Test(
    "bad ε, a sparse matrix or --torsion-check exit 2 with one line on stderr",
    arguments: [
      (["--approximate", "0"], "0,0\n1,1\n", "csv"), (["--approximate=-1"], "0,0\n1,1\n", "csv"),
      (["--approximate", "nan"], "0,0\n1,1\n", "csv"),
      (["--approximate", "inf"], "0,0\n1,1\n", "csv"),
      (["--approximate", "half"], "0,0\n1,1\n", "csv"),
      (["--approximate", "0.5", "--torsion-check"], "0,0\n1,1\n", "csv"),
      (["--approximate", "0.5", "--input-format", "sparse"], "0 1 1\n", "txt"),
    ])
  func badInput(options: [String], content: String, extension: String) throws {
    let directory = try makeTemporaryDirectory()
    let file = try writeFile(content, named: "input.\(`extension`)", in: directory)
    let result = try runTDAEval(["rips", file] + options)
    #expect(result.status == 2, "\(options): \(result.stdout)")
    #expect(result.stderr.split(separator: "\n").count == 1, "\(options): \(result.stderr)")
  }
}
