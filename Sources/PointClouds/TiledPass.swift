import Dispatch
import Foundation
import Synchronization

/// Receives the tiles of a streamed all-pairs pass (``SquaredDistanceTiles`` or
/// ``BoundedSquaredDistanceTiles``), one worker's share of them.
///
/// A worker handles whole query blocks: it sees every tile of a query block, in increasing
/// reference
/// order, before it moves to another query block. So state kept per query point may live in the
/// consumer (or in shared storage indexed by query, since no two workers share a query point),
/// while
/// state kept per reference point must be per consumer and merged by the caller afterwards.
package protocol TileConsumer: SendableMetatype {
  /// The kind of tile consumed.
  associatedtype Tile
  /// Processes one tile.
  mutating func consume(_ tile: Tile)
}

/// Fills the tiles of one pass: a block of queries × a block of references at a time, into scratch
/// memory owned by the worker.
package protocol TileSource: Sendable {
  associatedtype Tile
  /// Number of query points.
  var queryCount: Int { get }
  /// Number of reference points.
  var referenceCount: Int { get }
  /// Fills the tile `rows × columns` into `scratch` (row stride `stride`, room for
  /// `TiledPass.queryBlock` rows; a row may be written up to 7 entries past `columns.count`).
  func tile(
    _ scratch: UnsafeMutablePointer<Double>, stride: Int, rows: Range<Int>, columns: Range<Int>
  )
    -> Tile
}

/// The driver shared by every tiled pass: hands out query blocks to the workers (one per core),
/// walks each block's reference blocks in order and gives each tile to the worker's consumer.
package enum TiledPass {
  /// Query points per tile (a multiple of 4).
  package static let queryBlock = 32
  /// Reference points per tile (a multiple of 8).
  package static let referenceBlock = 256

  /// Streams the tiles of `source` to consumers made by `makeConsumer(worker)`, one per worker, and
  /// returns the consumers (in worker order) once every tile has been consumed.
  ///
  /// With `lowerTriangle` (queries and references the same cloud) only the tiles that hold pairs
  /// (q, r) with r < q are produced — about half — and query blocks are handed out largest first; a
  /// tile may still hold entries with r ≥ q, which the consumer must skip.
  package static func run<Source: TileSource, Consumer: TileConsumer>(
    _ source: Source, lowerTriangle: Bool, progress: ProgressHandler?,
    makeConsumer: (Int) -> Consumer
  ) -> [Consumer] where Consumer.Tile == Source.Tile {
    let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 64))
    var consumers = (0..<workers).map(makeConsumer)
    let blockCount = (source.queryCount + queryBlock - 1) / queryBlock
    let claims = BlockClaims(total: blockCount)
    let stride = referenceBlock + 8
    consumers.withUnsafeMutableBufferPointer { buffer in
      nonisolated(unsafe) let base = buffer.baseAddress!
      DispatchQueue.concurrentPerform(iterations: workers) { worker in
        var consumer = (base + worker).move()
        let scratch = UnsafeMutablePointer<Double>.allocate(capacity: queryBlock * stride)
        defer { scratch.deallocate() }
        while let claimed = claims.next() {
          let block = lowerTriangle ? blockCount - 1 - claimed : claimed
          let rows = block * queryBlock..<min((block + 1) * queryBlock, source.queryCount)
          let end = lowerTriangle ? rows.upperBound - 1 : source.referenceCount
          var start = 0
          while start < end {
            let columns = start..<min(start + referenceBlock, end)
            consumer.consume(source.tile(scratch, stride: stride, rows: rows, columns: columns))
            start = columns.upperBound
          }
          if let progress {
            progress(
              ProgressUpdate(phase: "distances", completed: claims.finished(), total: blockCount))
          }
        }
        (base + worker).initialize(to: consumer)
      }
    }
    return consumers
  }
}

/// Hands out block indices 0..<total to workers, first come first served.
final class BlockClaims: Sendable {
  private let claimed = Atomic<Int>(0)
  private let done = Atomic<Int>(0)
  private let total: Int

  init(total: Int) { self.total = total }

  /// The next unclaimed block, or nil when all are claimed.
  func next() -> Int? {
    let block = claimed.add(1, ordering: .relaxed).oldValue
    return block < total ? block : nil
  }

  /// Records one finished block and returns how many are finished.
  func finished() -> Int { done.add(1, ordering: .relaxed).newValue }
}
