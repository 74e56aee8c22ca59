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
