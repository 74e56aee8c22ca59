import Foundation
import TDAEval

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Draws progress on stderr, only when stderr is a terminal: one line, redrawn at most every
/// 100 ms, cleared when the work is done so it never mixes with results.
final class ProgressBar: @unchecked Sendable {
  private let lock = NSLock()
  private var lastDraw = Date.distantPast
  private var drawn = false
  let enabled: Bool

  init() {
    enabled = isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["CI"] == nil
  }

  /// The handler to pass to the library.
  var handler: ProgressHandler {
    { [self] update in self.show(update) }
  }

  func show(_ update: ProgressUpdate) {
    guard enabled else { return }
    lock.lock()
    defer { lock.unlock() }
    let now = Date()
    guard now.timeIntervalSince(lastDraw) >= 0.1 else { return }
    lastDraw = now
    var text = "\r\u{1B}[K\(update.phase): \(update.completed)"
    if update.total > 0 {
      let percent = 100 * Double(update.completed) / Double(update.total)
      text += " / \(update.total) (\(String(format: "%.0f", percent))%)"
    }
    FileHandle.standardError.write(Data(text.utf8))
    drawn = true
  }

  /// Clears the line.
  func finish() {
    lock.lock()
    defer { lock.unlock() }
    if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    drawn = false
  }
}
