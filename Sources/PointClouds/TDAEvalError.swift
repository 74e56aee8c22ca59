import Foundation

/// An error of tda-eval's library: its `description` is the one-line message the command-line tool
/// prints, and Foundation's `localizedDescription` gives the same text, so that a harness catching
/// it can show it as it is. Each module has its own family of errors conforming to this protocol.
public protocol TDAEvalError: LocalizedError, CustomStringConvertible, Sendable {}

extension TDAEvalError {
  /// The one-line message, as `description`.
  public var errorDescription: String? { description }
}
