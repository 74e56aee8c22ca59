import Foundation
import Testing
import _TestSupport

@Suite("tda-eval tables")
struct TablesCommandTests {
  /// The quick tables (the CI suite): files written, and the directions the thesis relies on.
  @Test("--quick writes every table and the directions that must hold hold")
  func quickTables() throws {
    let directory = try makeTemporaryDirectory()
    let result = try runTDAEval([
      "tables", "--quick", "--only", "failures,sensitivity", "--out", directory.path,
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let written = result.stdout.split(separator: "\n").map {
      URL(fileURLWithPath: String($0)).lastPathComponent
    }
    #expect(written.contains("failures.csv") && written.contains("sensitivity-noise.csv"))
    #expect(!written.contains { $0.hasPrefix("runtime") })
    let csv = try String(
      contentsOf: directory.appendingPathComponent("failures.csv"), encoding: .utf8)
    let rows = csv.split(separator: "\n").dropFirst().map {
      $0.split(separator: ",").map(String.init)
    }
    func mean(_ base: String, _ failure: String, _ metric: String) throws -> Double {
      let row = try #require(rows.first { $0[0] == base && $0[1] == failure && $0[2] == metric })
      return try #require(Double(row[3]))
    }
    for base in ["circle", "gaussian-mixture"] {
      // Mode collapse: recall and coverage drop, precision stays.
      #expect(try mean(base, "collapse", "recall") < mean(base, "faithful", "recall") - 0.4)
      #expect(try mean(base, "collapse", "coverage") < mean(base, "faithful", "coverage") - 0.4)
      // Memorisation: exact copies appear only there.
      #expect(try mean(base, "copies 0.5", "dcr_exact_copies") == 0.5)
      #expect(try mean(base, "faithful", "dcr_exact_copies") == 0)
    }
    // Noise: precision drops on the circle.
    #expect(
      try mean("circle", "noise 0.3", "precision") < mean("circle", "faithful", "precision") - 0.3)
    // Topology: the H1 bottleneck distance is large for circle vs two circles.
    #expect(
      try mean("circle", "topology", "bottleneck_h1") > 3
        * mean("circle", "faithful", "bottleneck_h1"))
  }

  @Test(
    "an unwritable output directory or an unknown table exits 2 with one line",
    arguments: [["--out", "FILE/tables"], ["--only", "failures,plots"], ["--only", ""]])
  func badOptions(options: [String]) throws {
    let directory = try makeTemporaryDirectory()
    let file = try writeFile("x", named: "file", in: directory)
    let result = try runTDAEval(
      ["tables", "--quick"] + options.map { $0.replacingOccurrences(of: "FILE", with: file) })
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.split(separator: "\n").count == 1)
  }
}
