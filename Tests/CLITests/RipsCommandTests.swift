import Foundation
import Testing
import _TestSupport

/// The 13-point metric of Ripser's `projective_plane` example (values 1 and 2), lower triangle.
let projectivePlaneLower = """

  1
  1,2
  1,2,2
  1,2,2,2
  1,1,2,1,2
  1,2,1,2,1,2
  1,1,2,2,1,2,2
  1,2,1,1,2,2,2,2
  2,1,1,2,2,1,1,1,1
  2,2,2,2,2,1,1,2,2,1
  2,2,2,2,2,2,2,1,1,1,2
  2,2,2,1,1,1,1,1,1,2,1,1

  """

@Suite("tda-eval rips")
struct RipsCommandTests {
  @Test("--json reports the parameters and the diagrams of a unit square")
  func squareJSON() throws {
    let directory = try makeTemporaryDirectory()
    let file = try writeFile("x,y\n0,0\n1,0\n1,1\n0,1\n", named: "square.csv", in: directory)
    let result = try runTDAEval(["rips", file, "--maxdim", "1", "--json"])
    #expect(result.status == 0, "\(result.stderr)")
    let object = try jsonObject(result.stdout)
    #expect(object["maxdim"] as? Int == 1)
    #expect(object["coeff"] as? Int == 2)
    #expect(object["points"] as? Int == 4)
    #expect(abs((object["threshold"] as? Double ?? 0) - 2.0.squareRoot()) < 1e-12)
    let diagrams = try #require(object["diagrams"] as? [[String: Any]])
    #expect(diagrams.count == 2)
    let h0 = try #require(diagrams[0]["pairs"] as? [[Any]])
    let h1 = try #require(diagrams[1]["pairs"] as? [[Double]])
    #expect(h0.count == 4)
    #expect(h0.filter { $0[1] is NSNull }.count == 1)
    #expect(h1.count == 1 && h1[0][0] == 1 && abs(h1[0][1] - 2.0.squareRoot()) < 1e-12)
  }

  @Test("--output ripser prints Ripser's text, read from stdin with Ripser's option names")
  func ripserOutput() throws {
    let result = try runTDAEval(
      ["rips", "--format", "lower-distance", "--dim", "2", "--modulus", "2", "--output", "ripser"],
      input: projectivePlaneLower)
    #expect(result.status == 0, "\(result.stderr)")
    let expected =
      [
        "value range: [1,2]",
        "distance matrix with 13 points, using threshold at enclosing radius 2",
        "persistence intervals in dim 0:",
      ] + Array(repeating: " [0,1)", count: 12)
      + [
        " [0, )", "persistence intervals in dim 1:", " [1,2)", "persistence intervals in dim 2:",
        " [1,2)",
      ]
    #expect(result.stdout == expected.joined(separator: "\n") + "\n")
  }

  @Test("Z/3 kills the projective plane's torsion class")
  func modulusThree() throws {
    let result = try runTDAEval(
      ["rips", "-", "--input-format", "lower-distance", "--maxdim", "2", "--coeff", "3", "--json"],
      input: projectivePlaneLower)
    #expect(result.status == 0, "\(result.stderr)")
    let diagrams = try #require(try jsonObject(result.stdout)["diagrams"] as? [[String: Any]])
    #expect((diagrams[1]["pairs"] as? [Any])?.isEmpty == true)
    #expect((diagrams[2]["pairs"] as? [Any])?.isEmpty == true)
  }

  @Test(
    "bad options and inputs exit 2 with one line on stderr",
    arguments: [
      (["--threshold=-1"], "0,0\n1,1\n", "csv"), (["--threshold", "0"], "0,0\n1,1\n", "csv"),
      (["--threshold", "nan"], "0,0\n1,1\n", "csv"), (["--maxdim=-1"], "0,0\n1,1\n", "csv"),
      (["--coeff", "4"], "0,0\n1,1\n", "csv"), (["--coeff", "1"], "0,0\n1,1\n", "csv"),
      (["--coeff", "65536"], "0,0\n1,1\n", "csv"), (["--input-format", "matlab"], "0,0\n", "csv"),
      (["--input-format", "distance"], "0,1,2\n1,0,1\n", "txt"),
      (["--input-format", "distance"], "0,1\n-1,0\n", "txt"),
      (["--input-format", "lower-distance"], "1\n2,nan\n", "txt"),
      (["--input-format", "lower-distance"], "1\n2\n", "txt"),
      (["--input-format", "sparse"], "0 1\n", "txt"),
      (["--input-format", "point-cloud"], "", "txt"),
      ([], "x,y\n", "csv"), ([], "1,2\n3\n", "csv"), (["--metric", "cosine"], "0,0\n", "csv"),
      (["--output", "xml"], "0,0\n", "csv"),
    ])
  func badInput(options: [String], content: String, extension: String) throws {
    let directory = try makeTemporaryDirectory()
    let file = try writeFile(content, named: "input.\(`extension`)", in: directory)
    let result = try runTDAEval(["rips", file] + options)
    #expect(result.status == 2, "\(options): \(result.stdout)")
    #expect(result.stderr.split(separator: "\n").count == 1, "\(options): \(result.stderr)")
  }

  @Test("a graph metric with infinite distances: two components, an infinite threshold is null")
  func disconnectedGraph() throws {
    let directory = try makeTemporaryDirectory()
    let file = try writeFile(
      "0,1,1,inf,inf,inf\n1,0,1,inf,inf,inf\n1,1,0,inf,inf,inf\ninf,inf,inf,0,2,2\n"
        + "inf,inf,inf,2,0,2\ninf,inf,inf,2,2,0\n", named: "graph.csv", in: directory)
    for (options, threshold) in [([String](), 2.0 as Double?), (["--threshold", "inf"], nil)] {
      let result = try runTDAEval(["rips", file, "--input-format", "distance", "--json"] + options)
      #expect(result.status == 0, "\(result.stderr)")
      let object = try jsonObject(result.stdout)
      #expect(object["threshold"] as? Double == threshold)
      #expect(object.keys.contains("threshold"))
      let diagrams = try #require(object["diagrams"] as? [[String: Any]])
      let h0 = try #require(diagrams[0]["pairs"] as? [[Any]])
      #expect(h0.count == 6 && h0.filter { $0[1] is NSNull }.count == 2)
    }
  }

  @Test("a malformed matrix is reported with its file, line and column")
  func locatedError() throws {
    let directory = try makeTemporaryDirectory()
    let file = try writeFile("1\n2,-3\n", named: "m.txt", in: directory)
    let result = try runTDAEval(["rips", file, "--input-format", "lower-distance"])
    #expect(result.status == 2)
    #expect(result.stderr.contains("m.txt:2:3: '-3' is not a non-negative distance"))
  }
}
