import Foundation

/// An error of tda-eval's library: its `description` is the one-line message the command-line tool
/// prints. Each module has its own family of errors conforming to this protocol.
public protocol TDAEvalError: Error, CustomStringConvertible, Sendable {}

/// A ``TDAEvalError`` whose Foundation `localizedDescription` is its one-line message too, so that
/// a
/// harness catching it can show it as it is.
///
/// `PersistenceError` and `ResourceError` are thrown with typed throws (`throws(PersistenceError)`)
/// and are plain ``TDAEvalError``s: on Swift 6.3 a typed throw of a `LocalizedError` crashes Swift
/// Testing's thrown-error hook (a double release in `Backtrace._willThrowTyped`), so a harness's
/// tests would crash on them. Read their `description`.
public protocol LocalizedTDAEvalError: TDAEvalError, LocalizedError {}

extension LocalizedTDAEvalError {
  /// The one-line message, as `description`.
  public var errorDescription: String? { description }
}
