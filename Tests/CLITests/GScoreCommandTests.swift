import Foundation
import Testing
import _TestSupport

#if canImport(FoundationXML)
  import FoundationXML
#endif

@Suite("tda-eval gscore")
struct GScoreCommandTests {
  /// A noisy circle and two circles written to a fresh directory, with landmark files.
  func fixture() throws -> (directory: URL, real: String, synth: String) {
    let directory = try makeTemporaryDirectory()
    let circle = try runTDAEval([
      "generate", "circle", "--n", "120", "--noise", "0.05", "--seed", "1",
    ])
    let two = try runTDAEval([
      "generate", "two-circles", "--n", "150", "--noise", "0.05", "--seed", "2",
    ])
    let real = try writeFile(circle.stdout, named: "real.csv", in: directory)
    let synth = try writeFile(two.stdout, named: "synth.csv", in: directory)
    return (directory, real, synth)
  }

  @Test("--json with landmark files: gscore is the squared distance of the two MRLTs printed")
  func jsonWithLandmarkFiles() throws {
    let (directory, real, synth) = try fixture()
    let realLandmarks = try writeFile(
      "0,5,10,15,20,25,30,35,40,45,50,55,60,65,70,75\n1,6,11,16,21,26,31,36,41,46,51,56,61,66,71,76\n3,3,9,27,81,100,101,102,7,8,2,4,6,110,111,119\n",
      named: "real.landmarks", in: directory)
    let synthLandmarks = try writeFile(
      "0,9,18,27,36,45,54,63,72,81,90,99,108,117,126,135\n140,130,120,110,100,90,80,70,60,50,40,30,20,10,5,1\n2,3,4,5,146,147,148,149,77,78,79,80,33,34,35,36\n",
      named: "synth.landmarks", in: directory)
    let arguments = [
      "gscore", real, synth, "--real-landmarks", realLandmarks, "--synth-landmarks",
      synthLandmarks, "--gamma", "0.125", "--imax", "10", "--json",
    ]
    let result = try runTDAEval(arguments)
    #expect(result.status == 0, "\(result.stderr)")
    let json = try jsonObject(result.stdout)
    let mrltReal = json["mrlt_real"] as! [Double]
    let mrltSynth = json["mrlt_synth"] as! [Double]
    #expect(mrltReal.count == 10 && mrltSynth.count == 10)
    let expected = zip(mrltReal, mrltSynth).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
    #expect(isClose(json["gscore"] as! Double, expected))
    #expect(json["trials"] as? Int == 3 && json["landmarks"] as? Int == 16)
    #expect(json["seed"] == nil)
    // The same files give the same bytes.
    #expect(try runTDAEval(arguments).stdout == result.stdout)
  }

  @Test("random landmarks: reproducible per seed; the table names gscore and the MRLTs")
  func randomLandmarks() throws {
    let (_, real, synth) = try fixture()
    let base = ["gscore", real, synth, "--landmarks", "16", "--gamma", "0.1", "--trials", "20"]
    let first = try runTDAEval(base + ["--seed", "3", "--json"])
    let second = try runTDAEval(base + ["--seed", "3", "--json"])
    let other = try runTDAEval(base + ["--seed", "4", "--json"])
    #expect(first.status == 0)
    #expect(first.stdout == second.stdout)
    #expect(first.stdout != other.stdout)
    #expect(try jsonObject(first.stdout)["seed"] as? Int == 3)
    let serial = try runTDAEval(base + ["--seed", "3", "--json", "--threads", "1"])
    #expect(serial.status == 0 && serial.stdout == first.stdout)
    let table = try runTDAEval(base)
    #expect(table.status == 0)
    #expect(table.stdout.contains("gscore"))
    #expect(table.stdout.contains("mrlt_real"))
  }

  @Test("--plot draws both MRLT histograms, one bar per sample and category, into an SVG file")
  func plot() throws {
    let (directory, real, synth) = try fixture()
    let path = directory.appendingPathComponent("mrlt.svg").path
    let result = try runTDAEval(
      [
        "gscore", real, synth, "--landmarks", "16", "--gamma", "0.1", "--trials", "20", "--plot",
        path,
      ])
    #expect(result.status == 0)
    let svg = try String(contentsOfFile: path, encoding: .utf8)
    let document = try XMLDocument(xmlString: svg)
    let realBars = try document.nodes(forXPath: "//*[local-name()='rect'][@data-series='0']").count
    let syntheticBars = try document.nodes(forXPath: "//*[local-name()='rect'][@data-series='1']")
      .count
    #expect(realBars >= 5 && realBars == syntheticBars)
    let unwritable = try runTDAEval(
      ["gscore", real, synth, "--trials", "2", "--plot", "/no/such/dir/mrlt.svg"])
    #expect(unwritable.status == 2)
    #expect(unwritable.stderr.contains("/no/such/dir/mrlt.svg"))
  }

  @Test(
    "bad landmark files and options exit 2 with one line naming the defect",
    arguments: [
      ("0,1\n2,x\n", "0,1\n2,3\n", [String](), "real.landmarks:2:2: 'x' is not a row index"),
      ("0,1\n2,1.5\n", "0,1\n2,3\n", [], "real.landmarks:2:2: '1.5' is not a row index"),
      ("0,1\n2,3\n", "0,1\n2,150\n", [], "synth.landmarks:2:2: row index 150 is outside 0..<150"),
      (
        "0,1\n2,3\n", "0,1\n2\n", [],
        "synth.landmarks:2: expected 2 landmarks as on line 1, found 1"
      ),
      ("0,1\n2,3\n", "0,1\n", [], "has 2 trials of 2 landmarks but"),
      ("0,1\n2,3\n", "0,1,2\n2,3,4\n", [], "has 2 trials of 2 landmarks but"),
      ("0,1\n", "0,1\n", ["--landmarks", "5"], "disagrees with the landmark files"),
      ("0,1\n", "0,1\n", ["--imax", "0"], "imax must be in 1...1000000, got 0"),
      ("0,1\n", "0,1\n", ["--gamma=-1"], "gamma must be a finite number > 0, got -1.0"),
      ("0,1\n", "0,1\n", ["--gamma", "nan"], "gamma must be a finite number > 0, got nan"),
    ])
  func badInput(realText: String, synthText: String, extra: [String], message: String) throws {
    let (directory, real, synth) = try fixture()
    let realLandmarks = try writeFile(realText, named: "real.landmarks", in: directory)
    let synthLandmarks = try writeFile(synthText, named: "synth.landmarks", in: directory)
    let result = try runTDAEval(
      [
        "gscore", real, synth, "--real-landmarks", realLandmarks, "--synth-landmarks",
        synthLandmarks,
      ]
        + extra)
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.split(separator: "\n").count == 1)
    #expect(result.stderr.contains(message), "\(result.stderr)")
  }

  @Test(
    "bad options without landmark files exit 2",
    arguments: [
      ["--landmarks", "0"], ["--trials", "0"], ["--real-landmarks", "x"], ["--threads", "0"],
    ])
  func badOptions(extra: [String]) throws {
    let (_, real, synth) = try fixture()
    let result = try runTDAEval(["gscore", real, synth] + extra)
    #expect(result.status == 2)
    #expect(result.stderr.split(separator: "\n").count == 1)
  }

  @Test("clouds of different dimensions exit 2")
  func dimensionMismatch() throws {
    let (directory, real, _) = try fixture()
    let flat = try writeFile("1,2,3\n4,5,6\n", named: "three.csv", in: directory)
    let result = try runTDAEval(["gscore", real, flat])
    #expect(result.status == 2)
    #expect(result.stderr.contains("dimension"))
  }
}
