import Foundation
import Testing
import _TestSupport

/// Streams as inputs, write failures, and values at the edges of float64, through the CLI.
@Suite("Robustness: streams, write errors, extreme values")
struct RobustnessCommandTests {
  /// Runs tda-eval with standard output sent to `path` (e.g. /dev/full), or closed when nil.
  private func run(_ arguments: [String], stdoutPath: String?) throws -> (
    status: Int32, stderr: String
  ) {
    let process = Process()
    process.executableURL = tdaEvalExecutable
    process.arguments = arguments
    var environment = ProcessInfo.processInfo.environment
    environment["CI"] = "true"
    process.environment = environment
    let err = Pipe()
    process.standardError = err
    if let stdoutPath {
      process.standardOutput = FileHandle(forWritingAtPath: stdoutPath)
    } else {
      // Standard output closed (`>&-`) by a shell that then becomes tda-eval.
      process.executableURL = URL(fileURLWithPath: "/bin/sh")
      process.arguments = ["-c", "exec \"$0\" \"$@\" >&-", tdaEvalExecutable.path] + arguments
    }
    try process.run()
    let errorData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: errorData, as: UTF8.self))
  }

  private func json(_ result: CommandResult) throws -> [String: Any] {
    try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
  }

  @Test("rips reads a cloud from standard input with '-'")
  func ripsFromStandardInput() throws {
    let result = try runTDAEval(["rips", "-", "--json"], input: "0,0\n1,0\n0,1\n1,1\n")
    #expect(result.status == 0, "\(result.stderr)")
    #expect(try json(result)["points"] as? Int == 4)
    let bad = try runTDAEval(["rips", "-"], input: "0,0\n1,x\n")
    #expect(bad.status == 2)
    #expect(bad.stderr.hasPrefix("tda-eval: <stdin>:2:"))
  }

  @Test("distance reads a diagram from standard input and /dev/null as empty")
  func distanceStreams() throws {
    let result = try runTDAEval(
      ["distance", "-", "/dev/null", "--bottleneck", "--json"], input: "0,4\n")
    #expect(result.status == 0, "\(result.stderr)")
    #expect(try json(result)["distance"] as? Double == 2)
  }

  @Test("extreme diagram values answer at once with the value of the definition")
  func extremeDistances() throws {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let empty = try writeFile("", named: "empty.csv", in: directory)
    let cases: [(String, [String], Double?)] = [
      ("0,1e160\n", ["--wasserstein", "2"], 5e159),
      ("0,1e160\n", ["--wasserstein", "2", "--method", "auction"], 5e159),
      ("0,1e155\n", ["--wasserstein", "2"], 5e154),
      ("0,1e104\n", ["--wasserstein", "3"], 5e103),
      ("0,1.7976931348623157e308\n", ["--wasserstein", "2"], 1.7976931348623157e308 / 2),
      (
        String(repeating: "0,1.3e154\n", count: 10), ["--wasserstein", "2"],
        10.0.squareRoot() * 6.5e153
      ),
      (String(repeating: "0,1.7e308\n", count: 10), ["--wasserstein", "2"], nil),  // truly +∞: null
    ]
    for (index, (text, options, expected)) in cases.enumerated() {
      let file = try writeFile(text, named: "d\(index).csv", in: directory)
      let result = try runTDAEval(["distance", file, empty, "--json"] + options)
      #expect(result.status == 0, "\(options): \(result.stderr)")
      let value = try json(result)["distance"]
      if let expected {
        let number = try #require(value as? Double, "\(text.prefix(20)) \(options)")
        #expect(abs(number - expected) <= 1e-14 * expected, "\(text.prefix(20)) \(options)")
      } else {
        #expect(value is NSNull, "\(options)")
      }
    }
    // W_400 is close to the bottleneck 0.3, not 0 by underflow.
    let a = try writeFile("0,1\n0.5,3\n2,2.5\n", named: "a.csv", in: directory)
    let b = try writeFile("0.1,1.2\n0.4,2.7\n", named: "b.csv", in: directory)
    let result = try runTDAEval(["distance", a, b, "--wasserstein", "400", "--json"])
    let value = try #require(try json(result)["distance"] as? Double)
    #expect(abs(value - 0.3) < 1e-9)
  }

  @Test("a failed write to standard output is one line and exit status 1")
  func writeFailures() throws {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let cloud = try writeFile("0,0\n1,0\n0,1\n", named: "c.csv", in: directory)
    for arguments in [
      ["rips", cloud, "--json"], ["rips", cloud],
      ["generate", "circle", "--n", "5", "--seed", "1"],
    ] {
      let full = try run(arguments, stdoutPath: "/dev/full")
      #expect(full.status == 1, "\(arguments)")
      #expect(full.stderr == "tda-eval: cannot write to standard output: No space left on device\n")
      let closed = try run(arguments, stdoutPath: nil)
      #expect(closed.status == 1, "\(arguments)")
      // (With descriptor 1 closed, an input file may be opened on it: EBADF or EINVAL.)
      #expect(closed.stderr.hasPrefix("tda-eval: cannot write to standard output: "))
      #expect(closed.stderr.filter { $0 == "\n" }.count == 1)
    }
  }

  @Test("output files are written whole or not at all; an unwritable one is exit 2")
  func outputFiles() throws {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let out = directory.appendingPathComponent("g.csv").path
    let result = try runTDAEval(["generate", "circle", "--n", "5", "--seed", "1", "--out", out])
    #expect(result.status == 0)
    #expect(try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").count == 5)
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter {
      $0.hasPrefix(".")
    }
    #expect(leftovers.isEmpty)
    let failed = try runTDAEval([
      "generate", "circle", "--n", "5", "--seed", "1", "--out", "/no/such/dir/g.csv",
    ])
    #expect(failed.status == 2)
    #expect(failed.stderr.hasPrefix("tda-eval: cannot write '/no/such/dir/g.csv'"))
    #expect(failed.stderr.filter { $0 == "\n" }.count == 1)
  }
  // Extreme magnitudes through every command: ExtremeInputCommandTests.
}
