import Foundation
import Testing
import _TestSupport

@Suite("tda-eval generate and the command frame")
struct GenerateCommandTests {
  @Test("generate writes the seeded cloud as CSV, the same for the same seed")
  func generateIsDeterministic() throws {
    let first = try runTDAEval(["generate", "torus", "--n", "50", "--seed", "7"])
    let second = try runTDAEval(["generate", "torus", "--n", "50", "--seed", "7"])
    let other = try runTDAEval(["generate", "torus", "--n", "50", "--seed", "8"])
    #expect(first.status == 0)
    #expect(first.stdout == second.stdout)
    #expect(first.stdout != other.stdout)
    let rows = first.stdout.split(separator: "\n")
    #expect(rows.count == 50)
    #expect(rows.allSatisfy { $0.split(separator: ",").count == 3 })
  }

  @Test(
    "bad options exit 2 with one line on stderr",
    arguments: [
      ["generate", "donut"], ["generate", "torus", "--n", "0"],
      ["generate", "torus", "--noise", "-1"], ["generate", "torus", "--noise", "nan"],
      ["generate", "cube", "--dimension", "0"], ["frobnicate"],
    ])
  func badOptions(arguments: [String]) throws {
    let result = try runTDAEval(arguments)
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.split(separator: "\n").count == 1)
  }

  @Test("a defective CSV is reported with file, line and column, exit 2")
  func defectiveInput() throws {
    let directory = try makeTemporaryDirectory()
    let bad = try writeFile("x,y\n1,2\n3,abc\n", named: "bad.csv", in: directory)
    let result = try runTDAEval(["diagrams", bad, bad])
    #expect(result.status == 2)
    #expect(result.stderr.contains("bad.csv:3:2: 'abc' is not a number"))
  }

  @Test("--help lists every subcommand of the contract")
  func helpListsSubcommands() throws {
    let result = try runTDAEval(["--help"])
    #expect(result.status == 0)
    for name in [
      "rips", "diagrams", "distance", "metrics", "kde", "gscore", "evaluate", "generate", "tables",
    ] {
      #expect(result.stdout.contains("  \(name) "), "missing \(name)")
    }
  }
}
