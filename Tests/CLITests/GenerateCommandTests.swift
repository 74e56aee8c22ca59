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
      ["generate", "cube", "--dimension", "0"], ["generate", "torus", "--dimension", "4"],
      ["generate", "gaussian-mixture", "--dimension", "1"], ["frobnicate"],
    ])
  func badOptions(arguments: [String]) throws {
    let result = try runTDAEval(arguments)
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.split(separator: "\n").count == 1)
  }

  @Test("--failure writes the synthetic sample of the pair, --real the real one")
  func failureVariants() throws {
    let directory = try makeTemporaryDirectory()
    let realPath = directory.appendingPathComponent("real.csv").path
    let synthPath = directory.appendingPathComponent("synth.csv").path
    let result = try runTDAEval([
      "generate", "tabular", "--failure", "memorisation", "--fraction", "1", "--n", "30",
      "--seed", "3", "--real", realPath, "--out", synthPath,
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let real = try String(contentsOfFile: realPath, encoding: .utf8).split(separator: "\n")
    let synthetic = try String(contentsOfFile: synthPath, encoding: .utf8).split(separator: "\n")
    #expect(real.count == 30 && synthetic.count == 30)
    #expect(real.allSatisfy { $0.split(separator: ",").count == 16 })
    // Every row is memorised: the synthetic rows are the real rows, in another order.
    #expect(Set(real) == Set(synthetic) && real != synthetic)

    let cube = try runTDAEval([
      "generate", "cube", "--dimension", "5", "--failure", "translation", "--n", "10",
    ])
    #expect(cube.status == 0, "\(cube.stderr)")
    let cubeRows = cube.stdout.split(separator: "\n")
    #expect(cubeRows.count == 10 && cubeRows.allSatisfy { $0.split(separator: ",").count == 5 })

    let few = try runTDAEval(["generate", "circle", "--failure", "too-few-samples", "--n", "50"])
    #expect(few.status == 0 && few.stdout.split(separator: "\n").count == 5)
    let collapse = try runTDAEval(["generate", "circle", "--failure", "mode-collapse", "--n", "20"])
    for row in collapse.stdout.split(separator: "\n") {
      let xy = row.split(separator: ",").map { Double($0)! }
      #expect(xy[1] >= 0 && xy[0] > cos(2 * Double.pi / 5) - 1e-12)  // the first arc of 72°
    }
  }

  @Test(
    "bad failure options exit 2 with one line on stderr",
    arguments: [
      ["generate", "cube", "--failure", "wrong-topology"],
      ["generate", "circle", "--failure", "melt"],
      ["generate", "circle", "--failure", "noise", "--sigma", "-1"],
      ["generate", "circle", "--failure", "dropped-modes", "--kept", "0"],
      ["generate", "swiss-roll", "--failure", "wrong-topology"],
      ["generate", "circle", "--failure", "scaling", "--factor", "0"],
      ["generate", "circle", "--failure", "noise", "--noise", "0.1"],
      ["generate", "circle", "--real", "x.csv"],
    ])
  func badFailureOptions(arguments: [String]) throws {
    let result = try runTDAEval(arguments)
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.split(separator: "\n").count == 1)
  }

  @Test("a defective CSV is reported with file, line and column, exit 2")
  func defectiveInput() throws {
    let directory = try makeTemporaryDirectory()
    // Headerless, so a point cloud (a file with a header would be a table with a text column).
    let bad = try writeFile("1,2\n3,abc\n", named: "bad.csv", in: directory)
    let result = try runTDAEval(["diagrams", bad, bad])
    #expect(result.status == 2)
    #expect(result.stderr.contains("bad.csv:2:2: 'abc' is not a number"))
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
