import Foundation
import Testing
import _TestSupport

@Suite("tda-eval diagrams")
struct DiagramsCommandTests {
  let square = "0,0\n1,0\n1,1\n0,1\n"
  let segment = "0,0\n1,0\n3,0\n"

  @Test("--json holds a rips report for each cloud")
  func json() throws {
    let directory = try makeTemporaryDirectory()
    let real = try writeFile(square, named: "real.csv", in: directory)
    let synthetic = try writeFile(segment, named: "synthetic.csv", in: directory)
    let result = try runTDAEval(["diagrams", real, synthetic, "--maxdim", "1", "--json"])
    #expect(result.status == 0, "\(result.stderr)")
    let object = try #require(
      JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    for (name, points, h1) in [("real", 4, 1), ("synthetic", 3, 0)] {
      let report = try #require(object[name] as? [String: Any])
      #expect(report["points"] as? Int == points)
      #expect(report["maxdim"] as? Int == 1)
      #expect(report["coeff"] as? Int == 2)
      #expect(report["threshold"] is Double)
      let diagrams = try #require(report["diagrams"] as? [[String: Any]])
      #expect(diagrams.count == 2)
      #expect((diagrams[1]["pairs"] as? [Any])?.count == h1)
    }
    // By hand. H0: real (0,1)×3, synthetic (0,1), (0,2), one essential class each; the best
    // matching pairs (0,1)–(0,1) at 0, (0,1)–(0,2) at 1 and sends one (0,1) to the diagonal at ½.
    // H1: the square's one bar (1, √2) goes to the diagonal at (√2 − 1)/2.
    let distances = try #require(object["distances"] as? [[String: Any]])
    let h1Cost = (2.0.squareRoot() - 1) / 2
    let expected: [(Int, Double, Double, Double)] = [
      (0, 1, 1.5, 1.25.squareRoot()), (1, h1Cost, h1Cost, h1Cost),
    ]
    #expect(distances.count == 2)
    for (entry, (dimension, bottleneck, w1, w2)) in zip(distances, expected) {
      #expect(entry["dimension"] as? Int == dimension)
      #expect(abs((entry["bottleneck"] as? Double ?? .nan) - bottleneck) < 1e-12)
      #expect(abs((entry["wasserstein1"] as? Double ?? .nan) - w1) < 1e-9)
      #expect(abs((entry["wasserstein2"] as? Double ?? .nan) - w2) < 1e-9)
    }
  }

  @Test("--plot draws both diagrams, one panel per dimension, into an SVG file")
  func plot() throws {
    let directory = try makeTemporaryDirectory()
    let real = try writeFile(square, named: "real.csv", in: directory)
    let synthetic = try writeFile(segment, named: "synthetic.csv", in: directory)
    let path = directory.appendingPathComponent("dgm.svg").path
    let result = try runTDAEval(["diagrams", real, synthetic, "--plot", path])
    #expect(result.status == 0, "\(result.stderr)")
    let svg = try String(contentsOfFile: path, encoding: .utf8)
    #expect(svg.hasPrefix("<svg"))
    #expect(svg.contains("H0 persistence diagram") && svg.contains("H1 persistence diagram"))
    #expect(svg.components(separatedBy: "class=\"diagonal\"").count - 1 == 2)
  }

  @Test("--out writes each diagram as CSV with inf for essential classes; the table summarises")
  func csvAndTable() throws {
    let directory = try makeTemporaryDirectory()
    let real = try writeFile(square, named: "real.csv", in: directory)
    let synthetic = try writeFile(segment, named: "synthetic.csv", in: directory)
    let out = directory.appendingPathComponent("out").path
    let result = try runTDAEval(["diagrams", real, synthetic, "--out", out])
    #expect(result.status == 0, "\(result.stderr)")
    let h0 = try String(contentsOfFile: out + "/synthetic_H0.csv", encoding: .utf8)
    #expect(h0 == "birth,death\n0.0,1.0\n0.0,2.0\n0.0,inf\n")
    let h1 = try String(contentsOfFile: out + "/real_H1.csv", encoding: .utf8)
    #expect(h1.hasPrefix("birth,death\n1.0,1.414213562373"))
    // Table: real H0 has 4 bars, 1 essential, total persistence 3, largest 1.
    #expect(result.stdout.contains("real"))
    let row = result.stdout.split(separator: "\n").first {
      $0.hasPrefix("real") && $0.contains(" 0 ")
    }
    let cells = try #require(row).split(separator: " ")
    #expect(cells == ["real", "0", "4", "1", "3", "1"])
  }

  @Test("clouds of different dimensions are rejected with exit 2")
  func dimensionMismatch() throws {
    let directory = try makeTemporaryDirectory()
    let real = try writeFile(square, named: "real.csv", in: directory)
    let other = try writeFile("0,0,0\n1,1,1\n", named: "other.csv", in: directory)
    let result = try runTDAEval(["diagrams", real, other])
    #expect(result.status == 2)
    #expect(result.stderr.split(separator: "\n").count == 1)
  }
}
