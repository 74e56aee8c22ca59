import Foundation
import Testing
import _TestSupport

@Suite("tda-eval fidelity")
struct FidelityCommandTests {
  @Test("--json prints columns, pairs and the three scores")
  func json() throws {
    let directory = try makeTemporaryDirectory()
    let real = try writeFile("x,y,c\n1,2,a\n2,4.5,a\n3,5,b\n4,9,\n", named: "real.csv", in: directory)
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
    #expect(pairs.map { $0["metric"] as? String } == [
      "CorrelationSimilarity", "ContingencySimilarity", "ContingencySimilarity",
    ])
    for key in ["column_shapes", "column_pair_trends", "quality"] {
      #expect(object[key] is NSNumber, "\(key)")
    }
    let text = try runTDAEval(["fidelity", real, synthetic])
    #expect(text.status == 0 && text.stdout.contains("quality"))
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
