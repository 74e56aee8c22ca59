import Foundation
import Synchronization

/// How far a long computation has come; libraries report it, the CLI draws it.
public struct ProgressUpdate: Sendable, Equatable {
  /// What is being done, e.g. "H1 reduction".
  public var phase: String
  /// Units done so far.
  public var completed: Int
  /// Units in all (0 when unknown).
  public var total: Int

  public init(phase: String, completed: Int, total: Int) {
    self.phase = phase
    self.completed = completed
    self.total = total
  }
}

/// Receives progress updates; it may be called from any thread, and often: keep it cheap.
public typealias ProgressHandler = @Sendable (ProgressUpdate) -> Void

/// Counts finished units of work across threads and reports each to a progress handler, if any.
package final class ProgressCounter: Sendable {
  private let count = Atomic<Int>(0)
  private let total: Int
  private let phase: String
  private let progress: ProgressHandler?

  /// A counter of `total` units reported under `phase` (each ``increment(phase:)`` may name its
  /// own).
  package init(phase: String = "", total: Int, progress: ProgressHandler?) {
    self.phase = phase
    self.total = total
    self.progress = progress
  }

  /// Records one finished unit, reported under `phase` (default: the counter's).
  package func increment(phase: String? = nil) {
    guard let progress else { return }
    let completed = count.add(1, ordering: .relaxed).newValue
    progress(ProgressUpdate(phase: phase ?? self.phase, completed: completed, total: total))
  }
}
