import Dispatch
import Foundation
import TDAEval

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Ctrl-C (SIGINT): the run ends at once with exit status 130 (128 + SIGINT, what a shell reports
/// for a process the signal killed), one line on stderr, and no partial output file — the
/// temporary files of ``AtomicFile`` being written are deleted first.
enum Interruption {
  /// The handler's source, kept alive for the life of the process.
  nonisolated(unsafe) private static var source: (any DispatchSourceSignal)?

  /// Replaces the default action of SIGINT by the handler above.
  static func install() {
    signal(SIGINT, SIG_IGN)
    let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
    source.setEventHandler {
      AtomicFile.removeTemporaryFiles()
      FileHandle.standardError.write(Data("tda-eval: interrupted\n".utf8))
      _exit(130)
    }
    source.resume()
    Self.source = source
  }
}
