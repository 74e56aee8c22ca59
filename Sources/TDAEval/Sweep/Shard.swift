import PointClouds

/// One of `count` interleaved parts of a list of work, numbered from 1: shard `i/n` takes the
/// items at positions i−1, i−1+n, i−1+2n, … (positions count from 0). The shards of one `n`
/// partition the list, and their sizes differ by at most one.
public struct Shard: Sendable, Hashable, CustomStringConvertible {
  /// The shard's number, 1 … ``count``.
  public var index: Int
  /// The number of shards.
  public var count: Int

  /// Shard `index` of `count`.
  /// - Throws: ``SweepError`` unless 1 ≤ index ≤ count.
  public init(index: Int, count: Int) throws {
    guard count >= 1, (1...count).contains(index) else {
      throw SweepError("a shard is i/n with 1 ≤ i ≤ n, got \(index)/\(count)")
    }
    self.index = index
    self.count = count
  }

  /// Reads `i/n`, as `--shard` takes it.
  /// - Throws: ``SweepError`` for any other text.
  public init(parsing text: String) throws {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else {
      throw SweepError("a shard is written i/n (e.g. 2/8), got '\(text)'")
    }
    try self.init(index: index, count: count)
  }

  /// Whether the item at `position` (from 0) belongs to this shard.
  public func contains(_ position: Int) -> Bool { position % count == index - 1 }

  /// The positions of this shard among `total` items.
  public func positions(among total: Int) -> [Int] {
    Array(stride(from: index - 1, to: total, by: count))
  }

  /// `i/n`.
  public var description: String { "\(index)/\(count)" }
}

/// Bad sweep input: a manifest line, a shard, a results directory. The message is one line.
public struct SweepError: LocalizedTDAEvalError, Equatable {
  public var message: String

  public init(_ message: String) { self.message = message }

  public var description: String { message }
}
