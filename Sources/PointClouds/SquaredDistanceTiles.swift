/// One tile of squared Euclidean distances |x_q − y_r|² between a block of query points q and a
/// block of reference points r, read row by row with ``row(_:)``.
///
/// The storage is scratch memory owned by the worker that produced the tile: it is valid only
/// during
/// the call to ``TileConsumer/consume(_:)``.
package struct SquaredDistanceTile {
  /// The indices of the query points of this tile.
  package let queries: Range<Int>
  /// The indices of the reference points of this tile.
  package let references: Range<Int>
  /// The first entry of the first row; rows are `stride` entries apart.
  @usableFromInline let base: UnsafePointer<Double>
  /// The distance between the starts of consecutive rows (at least `references.count`).
  @usableFromInline let stride: Int

  /// The squared distances from query `query` (a global index in `queries`) to every reference of
  /// the tile, in reference order.
  @inlinable
  package func row(_ query: Int) -> UnsafeBufferPointer<Double> {
    UnsafeBufferPointer(
      start: base + (query - queries.lowerBound) * stride, count: references.count)
  }
}

/// Exact all-pairs squared Euclidean distances between two clouds, streamed tile by tile on every
/// core, never holding more than one small tile per worker (no n × m matrix). For computations that
/// need every pair's value (the exact KDE); searches that need only a few exact values (k-NN, ball
/// membership) run faster on ``BoundedSquaredDistanceTiles``.
///
/// Kernel: the references are copied once into panels of four points stored coordinate-major
/// (`SIMD4<Double>` per coordinate), and a tile is filled four queries × four references at a time:
/// for each coordinate, broadcast each query coordinate and accumulate (x − y)² in sixteen lanes.
/// Differences are taken before squaring, so a duplicate point is at distance exactly 0 and
/// integer data gives exact distances (the Gram expansion |x|² − 2x·y + |y|² would not).
///
/// Complexity: O(n m d) time, O((n + m) d + workers · tile) memory.
package enum SquaredDistanceTiles {
  /// Streams the tiles of `queries × references` to consumers made by `makeConsumer(worker)`, one
  /// per worker, and returns the consumers (in worker order) once every tile has been consumed.
  ///
  /// With `lowerTriangle` (queries and references the same cloud) only the tiles that hold
  /// pairs (q, r) with r < q are produced — about half — and query blocks are handed out largest
  /// first; a tile may still hold entries with r ≥ q, which the consumer must skip.
  ///
  /// - Precondition: both clouds have the same dimension.
  /// - Parameter progress: told after each query block (phase "distances").
  package static func run<Consumer: TileConsumer>(
    queries: PointCloud, references: PointCloud, lowerTriangle: Bool = false,
    progress: ProgressHandler? = nil, makeConsumer: (Int) -> Consumer
  ) -> [Consumer] where Consumer.Tile == SquaredDistanceTile {
    precondition(queries.dimension == references.dimension, "clouds of different dimension")
    precondition(
      !lowerTriangle || queries.count == references.count, "lowerTriangle needs one cloud")
    return TiledPass.run(
      ExactTiles(
        queries: queries, panels: ReferencePanels(references), referenceCount: references.count),
      lowerTriangle: lowerTriangle, progress: progress, makeConsumer: makeConsumer)
  }
}

/// The tile source of ``SquaredDistanceTiles``.
struct ExactTiles: TileSource {
  let queries: PointCloud
  let panels: ReferencePanels
  let referenceCount: Int
  var queryCount: Int { queries.count }

  func tile(
    _ scratch: UnsafeMutablePointer<Double>, stride: Int, rows: Range<Int>, columns: Range<Int>
  )
    -> SquaredDistanceTile
  {
    SquaredDistanceTiles.fillTile(scratch, stride: stride, queries, rows, panels, columns)
    return SquaredDistanceTile(
      queries: rows, references: columns, base: UnsafePointer(scratch), stride: stride)
  }
}

extension SquaredDistanceTiles {
  /// Writes |x_q − y_r|² for q in `rows`, r in `columns` into `out` (row stride `stride`); the
  /// last panel may write up to three entries past `columns.count` in each row.
  static func fillTile(
    _ out: UnsafeMutablePointer<Double>, stride: Int, _ x: PointCloud, _ rows: Range<Int>,
    _ y: ReferencePanels, _ columns: Range<Int>
  ) {
    let d = x.dimension
    let firstPanel = columns.lowerBound / 4
    let panelCount = (columns.count + 3) / 4
    x.withUnsafeCoordinates { xs in
      y.storage.withUnsafeBufferPointer { ys in
        let panelBase = UnsafeRawPointer(ys.baseAddress!).assumingMemoryBound(
          to: SIMD4<Double>.self)
        let outRaw = UnsafeMutableRawPointer(out)
        var q = rows.lowerBound
        while q < rows.upperBound {
          let take = min(4, rows.upperBound - q)
          // Rows beyond the block repeat the last row; their results are not stored.
          let x0 = xs.baseAddress! + q * d
          let x1 = xs.baseAddress! + (q + min(1, take - 1)) * d
          let x2 = xs.baseAddress! + (q + min(2, take - 1)) * d
          let x3 = xs.baseAddress! + (q + min(3, take - 1)) * d
          let outRow = (q - rows.lowerBound) * stride
          for panel in 0..<panelCount {
            let yp = panelBase + (firstPanel + panel) * d
            var a0 = SIMD4<Double>(), a1 = SIMD4<Double>(), a2 = SIMD4<Double>(),
              a3 = SIMD4<Double>()
            for c in 0..<d {
              let v = yp[c]
              let t0 = SIMD4(repeating: x0[c]) - v
              let t1 = SIMD4(repeating: x1[c]) - v
              let t2 = SIMD4(repeating: x2[c]) - v
              let t3 = SIMD4(repeating: x3[c]) - v
              a0 += t0 * t0
              a1 += t1 * t1
              a2 += t2 * t2
              a3 += t3 * t3
            }
            let offset = (outRow + panel * 4) * MemoryLayout<Double>.stride
            let rowBytes = stride * MemoryLayout<Double>.stride
            outRaw.storeBytes(of: a0, toByteOffset: offset, as: SIMD4<Double>.self)
            if take > 1 {
              outRaw.storeBytes(of: a1, toByteOffset: offset + rowBytes, as: SIMD4<Double>.self)
            }
            if take > 2 {
              outRaw.storeBytes(of: a2, toByteOffset: offset + 2 * rowBytes, as: SIMD4<Double>.self)
            }
            if take > 3 {
              outRaw.storeBytes(of: a3, toByteOffset: offset + 3 * rowBytes, as: SIMD4<Double>.self)
            }
          }
          q += take
        }
      }
    }
  }
}

/// A cloud's points copied into panels of four, coordinate-major inside a panel: panel p holds,
/// for each coordinate c, the `SIMD4` of coordinate c of points 4p ..< 4p + 4 (zeros past the end).
struct ReferencePanels: @unchecked Sendable {
  let storage: [Double]

  init(_ cloud: PointCloud) {
    let d = cloud.dimension
    let panels = (cloud.count + 3) / 4
    storage = [Double](unsafeUninitializedCapacity: panels * 4 * d) { out, initialized in
      cloud.withUnsafeCoordinates { source in
        for p in 0..<panels {
          for c in 0..<d {
            for lane in 0..<4 {
              let point = 4 * p + lane
              out[(p * d + c) * 4 + lane] = point < cloud.count ? source[point * d + c] : 0
            }
          }
        }
      }
      initialized = panels * 4 * d
    }
  }
}
