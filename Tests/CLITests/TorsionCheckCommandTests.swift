import Foundation
import Testing
import _TestSupport

@Suite("tda-eval rips over Q, --torsion-check and the index width")
struct TorsionCheckCommandTests {
  private func projectivePlaneFile() throws -> String {
    try writeFile(
      projectivePlaneLower, named: "rp2.lower_distance_matrix", in: makeTemporaryDirectory())
  }

  @Test("--torsion-check on the projective plane: Z/2 differs in H1 and H2, Q agrees with Z/3")
  func projectivePlaneTorsion() throws {
    let file = try projectivePlaneFile()
    let result = try runTDAEval([
      "rips", file, "--input-format", "lower-distance", "--maxdim", "2", "--torsion-check",
      "--json",
    ])
    #expect(result.status == 0)
    let report = try jsonObject(result.stdout)
    #expect(report["agree"] as? Bool == false)
    #expect(report["differing_dimensions"] as? [Int] == [1, 2])
    #expect(report["fields"] as? [String] == ["Z/2", "Z/3", "Q"])
    let differences = try #require(report["differences"] as? [[String: Any]])
    #expect(differences.count == 2)
    for difference in differences {
      #expect(difference["birth"] as? Double == 1 && difference["death"] as? Double == 2)
      #expect(difference["multiplicities"] as? [String: Int] == ["Z/2": 1, "Z/3": 0, "Q": 0])
    }
    let table = try runTDAEval([
      "rips", file, "--input-format", "lower-distance", "--maxdim", "2", "--torsion-check",
    ])
    #expect(table.status == 0 && table.stdout.contains("Q agrees with: Z/3"))
  }

  @Test(
    "--coeff Q prints coeff \"Q\" and no H1/H2 bars on the projective plane; --coeff 2 has them")
  func rationalCoefficients() throws {
    let file = try projectivePlaneFile()
    let q = try jsonObject(
      runTDAEval([
        "rips", file, "--input-format", "lower-distance", "--maxdim", "2", "--coeff", "Q", "--json",
      ]).stdout)
    #expect(q["coeff"] as? String == "Q")
    let qDiagrams = try #require(q["diagrams"] as? [[String: Any]])
    #expect(qDiagrams.count == 3)
    #expect(
      (qDiagrams[1]["pairs"] as? [Any])?.isEmpty == true
        && (qDiagrams[2]["pairs"] as? [Any])?.isEmpty == true)
    let z2 = try jsonObject(
      runTDAEval([
        "rips", file, "--input-format", "lower-distance", "--maxdim", "2", "--coeff", "2", "--json",
      ]).stdout)
    #expect(z2["coeff"] as? Int == 2)
    #expect(((z2["diagrams"] as? [[String: Any]])?[1]["pairs"] as? [Any])?.count == 1)
  }

  @Test(
    "--verbose reports the index width: 64-bit normally, 128-bit for S⁸ among 400 points at dimension 8"
  )
  func verboseIndexWidth() throws {
    let directory = try makeTemporaryDirectory()
    var rows: [String] = []
    for i in 0..<9 {
      for sign in ["1", "-1"] {
        rows.append((0..<9).map { $0 == i ? sign : "0" }.joined(separator: ","))
      }
    }
    for j in 0..<382 {
      rows.append(([String(100 + 10 * j)] + Array(repeating: "0", count: 8)).joined(separator: ","))
    }
    let file = try writeFile(rows.joined(separator: "\n") + "\n", named: "s8.csv", in: directory)
    let wide = try runTDAEval([
      "rips", file, "--maxdim", "8", "--threshold", "1.9", "--verbose", "--json",
    ])
    #expect(wide.status == 0)
    #expect(wide.stderr.contains("simplex indices 128-bit"))
    let diagrams = try #require(try jsonObject(wide.stdout)["diagrams"] as? [[String: Any]])
    #expect((diagrams[8]["pairs"] as? [[Any]])?.count == 1)
    let narrow = try runTDAEval([
      "rips", try projectivePlaneFile(), "--input-format", "lower-distance", "--verbose",
    ])
    #expect(narrow.status == 0 && narrow.stderr.contains("simplex indices 64-bit"))
  }

  @Test(
    "bad --coeff values exit 2 with one line on stderr",
    arguments: ["0", "1", "4", "-3", "R", "1/2", ""])
  func badCoefficients(value: String) throws {
    let result = try runTDAEval([
      "rips", try projectivePlaneFile(), "--input-format", "lower-distance", "--coeff", value,
    ])
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.split(separator: "\n").count == 1)
  }
}
