import Foundation
import Testing
import _TestSupport

@Suite("tda-eval fidelity")
struct FidelityCommandTests {
  @Test("--json prints columns, pairs and the three scores")
  func json() throws {
    let directory = try makeTemporaryDirectory()
    let real = try writeFile(
      "x,y,c\n1,2,a\n2,4.5,a\n3,5,b\n4,9,\n", named: "real.csv", in: directory)
    let synthetic = try writeFile("x,y,c\n1,1,a\n2,4,b\n5,3,b\n", named: "synth.csv", in: directory)
    let result = try runTDAEval(["fidelity", real, synthetic, "--json"])
    #expect(result.status == 0, "\(result.stderr)")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let columns = try #require(object["columns"] as? [[String: Any]])
    #expect(columns.map { $0["name"] as? String } == ["x", "y", "c"])
    #expect(columns[0]["kind"] as? String == "numeric" && columns[0]["wasserstein1"] != nil)
    #expect((columns[2]["shape"] as? [String: Any])?["metric"] as? String == "TVComplement")
    #expect((columns[2]["missing_real"] as? NSNumber)?.doubleValue == 0.25)
    let pairs = try #require(object["pairs"] as? [[String: Any]])
    #expect(
      pairs.map { $0["metric"] as? String } == [
        "CorrelationSimilarity", "ContingencySimilarity", "ContingencySimilarity",
      ])
    for key in ["column_shapes", "column_pair_trends", "quality"] {
      #expect(object[key] is NSNumber, "\(key)")
    }
    // associations: x, y, c on each side; real x, y: r of (1, 2, 3, 4) and (2, 4.5, 5, 9).
    let associations = try #require(object["associations"] as? [String: Any])
    #expect(associations["columns"] as? [String] == ["x", "y", "c"])
    let realMatrix = try #require(associations["real"] as? [[Double]])
    let synthMatrix = try #require(associations["synthetic"] as? [[Double]])
    #expect(realMatrix.count == 3 && realMatrix.allSatisfy { $0.count == 3 })
    #expect(synthMatrix.count == 3 && synthMatrix.allSatisfy { $0.count == 3 })
    #expect((0..<3).allSatisfy { realMatrix[$0][$0] == 1 })
    let y = [2, 4.5, 5, 9], meanY = y.reduce(0, +) / 4
    let sxy = zip([-1.5, -0.5, 0.5, 1.5], y).reduce(0) { $0 + $1.0 * ($1.1 - meanY) }
    let syy = y.reduce(0) { $0 + ($1 - meanY) * ($1 - meanY) }
    #expect(abs(realMatrix[0][1] - sxy / (5.0.squareRoot() * syy.squareRoot())) < 1e-12)
    let text = try runTDAEval(["fidelity", real, synthetic])
    #expect(text.status == 0 && text.stdout.contains("quality"))
    #expect(text.stdout.contains("largest differences") && text.stdout.contains("x × y"))
  }

  @Test("every process prints the same bits (sums never follow a hash table's order)")
  func deterministic() throws {
    let arguments = [
      "fidelity", "Notebooks-data/examples/registry-real.csv",
      "Notebooks-data/examples/registry-synth.csv", "--schema",
      "Notebooks-data/examples/registry-schema.json", "--json",
    ]
    let first = try runTDAEval(arguments)
    #expect(first.status == 0, "\(first.stderr)")
    for _ in 0..<3 { #expect(try runTDAEval(arguments).stdout == first.stdout) }
  }
}
