import Foundation
import Testing
import _TestSupport

@Suite("Ctrl-C")
struct InterruptionTests {
  @Test("SIGINT ends a long run with exit 130, one line on stderr, and no temporary file left")
  func interrupt() throws {
    let directory = try makeTemporaryDirectory()
    let process = Process()
    process.executableURL = tdaEvalExecutable
    process.arguments = ["tables", "--quick", "--out", directory.path]
    var environment = ProcessInfo.processInfo.environment
    environment["CI"] = "true"
    process.environment = environment
    let err = Pipe()
    process.standardError = err
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    Thread.sleep(forTimeInterval: 1.5)
    #expect(process.isRunning, "the quick tables should take longer than 1.5 s in a debug build")
    process.interrupt()
    process.waitUntilExit()
    let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    #expect(process.terminationStatus == 130)
    #expect(message == "tda-eval: interrupted\n")
    let left = try FileManager.default.contentsOfDirectory(atPath: directory.path)
    #expect(left.allSatisfy { !$0.contains(".tmp-") }, "\(left)")
  }
}
