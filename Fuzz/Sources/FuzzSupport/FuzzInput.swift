import TDAEval

/// One libFuzzer input: its first byte chooses the reader's options, the rest is the file.
public struct FuzzInput {
  /// The option byte (0 for an empty input).
  public var options: UInt8
  /// The file's bytes.
  public var bytes: [UInt8]

  /// The input libFuzzer hands to `LLVMFuzzerTestOneInput`.
  public init(_ data: UnsafePointer<UInt8>?, _ size: Int) {
    let all = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    options = all.first ?? 0
    bytes = Array(all.dropFirst())
  }

  /// One of `choices`, picked by the option bits `shift ..< shift + width`.
  public func pick<T>(_ choices: [T], shift: Int = 0, width: Int = 2) -> T {
    choices[((Int(options) >> shift) & ((1 << width) - 1)) % choices.count]
  }
}

/// Runs `body`; an error of one of the `refusals` types is the reader's refusal of a bad file and
/// ends the run quietly, any other error is a bug: the process stops so that libFuzzer keeps the
/// input (a trap inside `body` is caught by libFuzzer itself).
public func expectingRefusals(_ refusals: [any Error.Type], _ body: () throws -> Void) {
  do {
    try body()
  } catch {
    let type = type(of: error)
    if refusals.contains(where: { $0 == type }) { return }
    fatalError("unexpected error \(type): \(error)")
  }
}

/// Stops the process (so that libFuzzer keeps the input) when `condition` is false.
public func require(_ condition: Bool, _ message: @autoclosure () -> String) {
  if !condition { fatalError("invariant broken: \(message())") }
}

/// libFuzzer's driver (`-sanitize=fuzzer` links it in).
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
  _ argc: UnsafeMutablePointer<Int32>,
  _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
  _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

/// Runs libFuzzer on `callback` with this process's arguments. SwiftPM links an executable
/// target's entry point as `main` under the name `<Target>_main`, so each target defines that
/// symbol and calls this instead of relying on libFuzzer's own `main`.
public func runLibFuzzer(
  _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32 {
  var argc = CommandLine.argc
  var argv = CommandLine.unsafeArgv
  return LLVMFuzzerRunDriver(&argc, &argv, callback)
}
