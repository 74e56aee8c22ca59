import Foundation

/// The result of running the `tda-eval` executable.
public struct CommandResult: Sendable {
  public var status: Int32
  public var stdout: String
  public var stderr: String
}

/// The `tda-eval` executable built beside the running test bundle: on Linux in the folder of the
/// running test binary; elsewhere (not tested in CI) in the package's `.build/debug`.
public var tdaEvalExecutable: URL {
  #if os(Linux)
    let running = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    return running.deletingLastPathComponent().appendingPathComponent("tda-eval")
  #else
    let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    return package.appendingPathComponent(".build/debug/tda-eval")
  #endif
}

/// Runs `tda-eval` with `arguments` (and `input` on stdin), waiting for it to finish.
public func runTDAEval(_ arguments: [String], input: String? = nil) throws -> CommandResult {
  let process = Process()
  process.executableURL = tdaEvalExecutable
  process.arguments = arguments
  var environment = ProcessInfo.processInfo.environment
  environment["CI"] = "true"  // never draw progress bars in tests
  process.environment = environment
  let out = Pipe()
  let err = Pipe()
  let stdin = Pipe()
  process.standardOutput = out
  process.standardError = err
  process.standardInput = stdin
  try process.run()
  if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
  try stdin.fileHandleForWriting.close()
  // Read both pipes concurrently so a large output cannot block the child.
  nonisolated(unsafe) var errorData = Data()
  let group = DispatchGroup()
  group.enter()
  DispatchQueue.global().async {
    errorData = err.fileHandleForReading.readDataToEndOfFile()
    group.leave()
  }
  let outputData = out.fileHandleForReading.readDataToEndOfFile()
  group.wait()
  process.waitUntilExit()
  return CommandResult(
    status: process.terminationStatus, stdout: String(decoding: outputData, as: UTF8.self),
    stderr: String(decoding: errorData, as: UTF8.self))
}

/// A fresh temporary directory for one test.
public func makeTemporaryDirectory() throws -> URL {
  let url = FileManager.default.temporaryDirectory.appendingPathComponent(
    "tda-eval-tests-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url
}

/// Writes `text` to `name` inside `directory` and returns its path.
@discardableResult
public func writeFile(_ text: String, named name: String, in directory: URL) throws -> String {
  let url = directory.appendingPathComponent(name)
  try Data(text.utf8).write(to: url)
  return url.path
}

/// The JSON object a command printed (its `--json` output); throws if `text` is not one.
public func jsonObject(_ text: String) throws -> [String: Any] {
  guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
  else { throw NotAJSONObject(text: text) }
  return object
}

/// Text that should have been a JSON object.
public struct NotAJSONObject: Error, CustomStringConvertible {
  public let text: String
  public var description: String { "not a JSON object: \(text.prefix(200))" }
}
