import Foundation
import Testing
import _TestSupport

@Suite("tda-eval distance")
struct DistanceCommandTests {
  @Test("bottleneck and Wasserstein values, matching and infinity as null")
  func values() throws {
    let directory = try makeTemporaryDirectory()
    let a = try writeFile("birth,death\n0,2\n0,inf\n", named: "a.csv", in: directory)
    let b = try writeFile("0.5,2.5\n1,1\n0.25,INF\n", named: "b.csv", in: directory)
    let c = try writeFile("0,2\n", named: "c.csv", in: directory)

    let bottleneck = try runTDAEval(["distance", a, b, "--bottleneck", "--json", "--matching"])
    #expect(bottleneck.status == 0, "\(bottleneck.stderr)")
    let object = try jsonObject(bottleneck.stdout)
    #expect(object["distance"] as? Double == 0.5)
    let pairs = try #require(object["matching"] as? [[Int]])
    #expect(Set(pairs.map { [$0[0], $0[1]] }) == [[0, 0], [1, 2], [-1, 1]])

    let w2 = try jsonObject(runTDAEval(["distance", a, b, "--wasserstein", "2", "--json"]).stdout)
    #expect(isClose(w2["distance"] as? Double ?? .nan, (0.25 + 0.0625).squareRoot()))
    let l1 = try jsonObject(
      runTDAEval([
        "distance", c, b, "--wasserstein", "1", "--internal-p", "1", "--ignore-essential", "--json",
      ]).stdout)
    #expect(isClose(l1["distance"] as? Double ?? .nan, 1))

    let infinite = try runTDAEval(["distance", a, c, "--bottleneck", "--json"])
    #expect(infinite.status == 0)
    #expect(try jsonObject(infinite.stdout)["distance"] is NSNull)
    let ignored = try jsonObject(
      runTDAEval(["distance", a, c, "--bottleneck", "--ignore-essential", "--json"]).stdout)
    #expect(ignored["distance"] as? Double == 0)

    let table = try runTDAEval(["distance", a, c, "--wasserstein", "1"])
    #expect(table.status == 0 && table.stdout.contains("inf"))
  }

  @Test(
    "bad options exit 2 with one line on stderr",
    arguments: [
      ["--bottleneck", "--wasserstein", "1"], [], ["--wasserstein", "0.5"],
      ["--wasserstein", "nan"], ["--wasserstein", "1", "--internal-p", "0"],
      ["--bottleneck", "--internal-p", "2"], ["--bottleneck", "--relative-error", "-1"],
      ["--wasserstein", "1", "--method", "magic"],
    ])
  func badOptions(options: [String]) throws {
    let directory = try makeTemporaryDirectory()
    let a = try writeFile("0,1\n", named: "a.csv", in: directory)
    let result = try runTDAEval(["distance", a, a] + options)
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.split(separator: "\n").count == 1)
  }

  @Test("a bad diagram file is reported with file, line and column, exit 2")
  func badFile() throws {
    let directory = try makeTemporaryDirectory()
    let good = try writeFile("0,1\n", named: "good.csv", in: directory)
    let below = try writeFile("0,1\n3,2\n", named: "below.csv", in: directory)
    let nan = try writeFile("0,1\n1,nan\n", named: "nan.csv", in: directory)
    let result = try runTDAEval(["distance", good, below, "--bottleneck"])
    #expect(result.status == 2)
    #expect(result.stderr.contains("below.csv:2:2:"))
    let other = try runTDAEval(["distance", nan, good, "--wasserstein", "1"])
    #expect(other.status == 2)
    #expect(other.stderr.contains("nan.csv:2:2:"))
    let missing = try runTDAEval([
      "distance", good, directory.appendingPathComponent("none.csv").path, "--bottleneck",
    ])
    #expect(missing.status == 2 && missing.stderr.contains("none.csv"))
  }
}
