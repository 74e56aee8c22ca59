import Dispatch
import Foundation

/// One tile of squared Euclidean distances between a block of query points and a block of
/// reference points: entry `(q, r)` is |x_q − y_r|² for query `queries.lowerBound + q` and
/// reference `references.lowerBound + r`, stored row-major.
///
/// The storage is scratch memory owned by the worker that produced the tile: it is valid only during
/// the call to ``SquaredDistanceTileConsumer/consume(_:)``.
public struct SquaredDistanceTile {
  /// The indices of the query points of this tile.
  public let queries: Range<Int>
  /// The indices of the reference points of this tile.
  public let references: Range<Int>
  /// `queries.count × references.count` squared distances, row-major.
  public let values: UnsafeBufferPointer<Double>

  /// The squared distances from query `query` (a global index in `queries`) to every reference of
  /// the tile, in reference order.
  @inlinable
  public func row(_ query: Int) -> UnsafeBufferPointer<Double> {
    let width = references.count
    return UnsafeBufferPointer(
      rebasing: values[(query - queries.lowerBound) * width..<(query - queries.lowerBound + 1) * width])
  }
}

/// Receives the tiles of a ``SquaredDistanceTiles/run(queries:references:progress:makeConsumer:)``
/// pass, one worker's share of them.
///
/// A worker handles whole query blocks: it sees every tile of a query block, in increasing reference
/// order, before it moves to another query block. So state kept per query point may live in the
/// consumer (or in shared storage indexed by query, since no two workers share a query point), while
/// state kept per reference point must be per consumer and merged by the caller afterwards.
public protocol SquaredDistanceTileConsumer {
  /// Processes one tile.
  mutating func consume(_ tile: SquaredDistanceTile)
}

/// Exact all-pairs squared Euclidean distances between two clouds, streamed tile by tile on every
/// core, never holding more than one small tile per worker (no n × m matrix).
///
/// Kernel: both clouds are copied once into row-major storage padded with zeros to a multiple of
/// four coordinates; a tile is filled one query against four references at a time with
/// `SIMD4<Double>` accumulators of (x − y)². Differences are taken before squaring, so a duplicate
/// point is at distance exactly 0 and integer data gives exact distances (the Gram expansion
/// |x|² − 2x·y + |y|² would not).
///
/// Complexity: O(n m d) time, O((n + m) d + workers · tile) memory.
public enum SquaredDistanceTiles {
  /// Query points per tile.
  public static let queryBlock = 32
  /// Reference points per tile.
  public static let referenceBlock = 256

  /// Streams the tiles of `queries × references` to consumers made by `makeConsumer(worker)`, one
  /// per worker, and returns the consumers (in worker order) once every tile has been consumed.
  ///
  /// - Precondition: both clouds have the same dimension.
  /// - Parameter progress: told after each query block (phase "distances").
  public static func run<Consumer: SquaredDistanceTileConsumer>(
    queries: PointCloud, references: PointCloud, progress: ProgressHandler? = nil,
    makeConsumer: (Int) -> Consumer
  ) -> [Consumer] {
    precondition(queries.dimension == references.dimension, "clouds of different dimension")
    let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 64))
    var consumers = (0..<workers).map(makeConsumer)
    let paddedQueries = PaddedPoints(queries)
    let paddedReferences =
      PaddedPoints.shareStorage(queries, references) ? paddedQueries : PaddedPoints(references)
    let blockCount = (queries.count + queryBlock - 1) / queryBlock
    let claims = BlockClaims(total: blockCount)
    consumers.withUnsafeMutableBufferPointer { buffer in
      nonisolated(unsafe) let base = buffer.baseAddress!
      DispatchQueue.concurrentPerform(iterations: workers) { worker in
        var consumer = (base + worker).move()
        let scratch = UnsafeMutablePointer<Double>.allocate(capacity: queryBlock * referenceBlock)
        defer { scratch.deallocate() }
        while let block = claims.next() {
          let rows = block * queryBlock..<min((block + 1) * queryBlock, queries.count)
          var start = 0
          while start < references.count {
            let columns = start..<min(start + referenceBlock, references.count)
            fillTile(scratch, paddedQueries, rows, paddedReferences, columns)
            consumer.consume(
              SquaredDistanceTile(
                queries: rows, references: columns,
                values: UnsafeBufferPointer(start: scratch, count: rows.count * columns.count)))
            start = columns.upperBound
          }
          if let progress {
            progress(ProgressUpdate(phase: "distances", completed: claims.finished(), total: blockCount))
          }
        }
        (base + worker).initialize(to: consumer)
      }
    }
    return consumers
  }

  /// Writes |x_q − y_r|² for q in `rows`, r in `columns` into `out`, row-major.
  static func fillTile(
    _ out: UnsafeMutablePointer<Double>, _ x: PaddedPoints, _ rows: Range<Int>, _ y: PaddedPoints,
    _ columns: Range<Int>
  ) {
    let chunks = x.stride / 4
    let width = columns.count
    x.storage.withUnsafeBufferPointer { xs in
      y.storage.withUnsafeBufferPointer { ys in
        let xBase = UnsafeRawPointer(xs.baseAddress!).assumingMemoryBound(to: SIMD4<Double>.self)
        let yBase = UnsafeRawPointer(ys.baseAddress!).assumingMemoryBound(to: SIMD4<Double>.self)
        for (q, query) in rows.enumerated() {
          let p = xBase + query * chunks
          let outRow = out + q * width
          var r = 0
          while r + 4 <= width {
            let y0 = yBase + (columns.lowerBound + r) * chunks
            let y1 = y0 + chunks, y2 = y1 + chunks, y3 = y2 + chunks
            var a0 = SIMD4<Double>(), a1 = SIMD4<Double>(), a2 = SIMD4<Double>(),
              a3 = SIMD4<Double>()
            for c in 0..<chunks {
              let v = p[c]
              let t0 = v - y0[c], t1 = v - y1[c], t2 = v - y2[c], t3 = v - y3[c]
              a0 += t0 * t0
              a1 += t1 * t1
              a2 += t2 * t2
              a3 += t3 * t3
            }
            outRow[r] = a0.sum()
            outRow[r + 1] = a1.sum()
            outRow[r + 2] = a2.sum()
            outRow[r + 3] = a3.sum()
            r += 4
          }
          while r < width {
            let y0 = yBase + (columns.lowerBound + r) * chunks
            var a0 = SIMD4<Double>()
            for c in 0..<chunks {
              let t0 = p[c] - y0[c]
              a0 += t0 * t0
            }
            outRow[r] = a0.sum()
            r += 1
          }
        }
      }
    }
  }
}

/// A cloud copied row-major with each row padded by zeros to a multiple of four coordinates, so
/// rows can be read as `SIMD4<Double>` chunks.
struct PaddedPoints: @unchecked Sendable {
  let stride: Int
  let storage: [Double]

  init(_ cloud: PointCloud) {
    let d = cloud.dimension
    stride = max(4, (d + 3) / 4 * 4)
    let stride = self.stride
    storage = [Double](unsafeUninitializedCapacity: cloud.count * stride) { out, initialized in
      cloud.withUnsafeCoordinates { source in
        for i in 0..<cloud.count {
          for k in 0..<d { out[i * stride + k] = source[i * d + k] }
          for k in d..<stride { out[i * stride + k] = 0 }
        }
      }
      initialized = cloud.count * stride
    }
  }

  /// Whether `a` and `b` are the same cloud, so one padded copy serves both.
  static func shareStorage(_ a: PointCloud, _ b: PointCloud) -> Bool {
    a.count == b.count
      && a.coordinates.withUnsafeBufferPointer { pa in
        b.coordinates.withUnsafeBufferPointer { pb in pa.baseAddress == pb.baseAddress }
      }
  }
}

/// Hands out block indices 0..<total to workers, first come first served.
final class BlockClaims: @unchecked Sendable {
  private let lock = NSLock()
  private var nextBlock = 0
  private var done = 0
  private let total: Int

  init(total: Int) { self.total = total }

  /// The next unclaimed block, or nil when all are claimed.
  func next() -> Int? {
    lock.lock()
    defer { lock.unlock() }
    guard nextBlock < total else { return nil }
    nextBlock += 1
    return nextBlock - 1
  }

  /// Records one finished block and returns how many are finished.
  func finished() -> Int {
    lock.lock()
    defer { lock.unlock() }
    done += 1
    return done
  }
}
