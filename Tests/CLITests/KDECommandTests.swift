import Foundation
import Testing
import _TestSupport

@Suite("tda-eval kde")
struct KDECommandTests {
  @Test("--json prints the bandwidth and both mean log-likelihoods; a fixed h is exact")
  func jsonFields() throws {
    let directory = try makeTemporaryDirectory()
    // One real point at 0 and one synthetic point at 1 in d = 1, h = 1:
    // log N(1; 0, 1) = −1/2 − log √(2π) both ways.
    let real = try writeFile("0\n", named: "real.csv", in: directory)
    let synthetic = try writeFile("1\n", named: "synth.csv", in: directory)
    let result = try runTDAEval(["kde", real, synthetic, "--bandwidth", "1", "--json"])
    #expect(result.status == 0, "\(result.stderr)")
    let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
    let expected = -0.5 - 0.5 * Foundation.log(2 * Double.pi)
    #expect(object["bandwidth"] as? Double == 1)
    #expect(isClose(object["synth_given_real"] as! Double, expected, relative: 1e-15))
    #expect(isClose(object["real_given_synth"] as! Double, expected, relative: 1e-15))
  }

  @Test("scott is the default and prints a table without --json")
  func scottTable() throws {
    let directory = try makeTemporaryDirectory()
    let real = try writeFile("0,0\n1,0.5\n0,1\n2,1\n", named: "real.csv", in: directory)
    let synthetic = try writeFile("0,0.2\n1,1\n0.5,1.5\n", named: "synth.csv", in: directory)
    let result = try runTDAEval(["kde", real, synthetic])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("scott"))
  }

  @Test(
    "bad bandwidths and singular covariances exit 2 with one line on stderr",
    arguments: [
      ["--bandwidth", "0"], ["--bandwidth", "-2"], ["--bandwidth", "wide"], ["--bandwidth", "nan"],
      [],
    ])
  func badOptions(extra: [String]) throws {
    let directory = try makeTemporaryDirectory()
    // The second column is constant: scott's covariance is singular.
    let real = try writeFile("0,1\n1,1\n2,1\n", named: "real.csv", in: directory)
    let result = try runTDAEval(["kde", real, real] + extra)
    #expect(result.status == 2)
    #expect(result.stderr.split(separator: "\n").count == 1)
  }
}
