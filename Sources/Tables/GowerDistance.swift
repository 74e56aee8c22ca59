import CDistanceKernels
import PointClouds

/// Gower's distance between rows of tables (Gower 1971), with ranges fitted to the real sample:
///
///   d(x, y) = Σₖ δₖ sₖ / Σₖ δₖ  over the used columns k,
///
/// - numeric: sₖ = min(1, |xₖ − yₖ| / Rₖ), Rₖ = max − min of column k in the **real** sample (the
///   cap keeps d ≤ 1 when a synthetic value leaves that range); ordinal: the same on the ranks
///   (Podani 1999); Rₖ = 0: sₖ = 0 if equal, else 1;
/// - categorical: sₖ = 0 if equal, else 1;
/// - δₖ = 0 when xₖ or yₖ is missing, else 1; a pair with no column present in both has d = 1.
///
/// Computed one way only, so exact ties stay ties: each term in float64, the terms summed in
/// column order, one division by Σ δₖ at the end — the same value whichever row is the query, and
/// whichever pass (``distance(_:_:_:_:)`` or the tiles of
/// ``pass(queries:references:lowerTriangle:progress:makeConsumer:)``)
/// computes it.
public struct GowerDistance: Sendable, Equatable {
  /// The used columns' names, in order.
  public let names: [String]
  /// Rₖ per column; 0 for categorical columns and for constant ones (compared as equal or not).
  public let ranges: [Double]

  /// Fits the ranges to `real`'s numeric and ordinal columns (present cells only).
  public init(fittedTo real: Table) {
    names = real.columns.map(\.name)
    ranges = real.columns.map { column in
      guard column.kind == .numeric || column.kind == .ordinal else { return 0 }
      var low = Double.infinity
      var high = -Double.infinity
      for value in column.values where !value.isNaN {
        low = min(low, value)
        high = max(high, value)
      }
      return high > low ? high - low : 0
    }
  }

  /// The distance between row `i` of `a` and row `j` of `b` (tables encoded together).
  public func distance(_ a: Table, _ i: Int, _ b: Table, _ j: Int) -> Double {
    var sum = 0.0
    var present = 0
    for (k, range) in ranges.enumerated() {
      let x = a.columns[k].values[i]
      let y = b.columns[k].values[j]
      if x.isNaN || y.isNaN { continue }
      sum += range > 0 ? min(1, abs(x - y) / range) : (x == y ? 0 : 1)
      present += 1
    }
    return present == 0 ? 1 : sum / Double(present)
  }

  /// Streams the exact distances between every row of `queries` and every row of `references`
  /// in tiles to consumers made by `makeConsumer(worker)`, one per core (see `TileConsumer`: a
  /// worker sees every tile of its query blocks in reference order). With `lowerTriangle`
  /// (queries and references the same table) only tiles holding pairs with reference < query are
  /// produced. O(block) memory beyond the tables.
  package func pass<Consumer: TileConsumer>(
    queries: Table, references: Table, lowerTriangle: Bool = false,
    progress: ProgressHandler? = nil, makeConsumer: (Int) -> Consumer
  ) -> [Consumer] where Consumer.Tile == DistanceTile {
    pass(
      queries: queries, references: references, lowerTriangle: lowerTriangle, kernel: .fastest,
      progress: progress, makeConsumer: makeConsumer)
  }

  /// ``pass(queries:references:lowerTriangle:progress:makeConsumer:)`` with a chosen kernel.
  func pass<Consumer: TileConsumer>(
    queries: Table, references: Table, lowerTriangle: Bool, kernel: GowerTiles.Kernel,
    progress: ProgressHandler?, makeConsumer: (Int) -> Consumer
  ) -> [Consumer] where Consumer.Tile == DistanceTile {
    let source = GowerTiles(
      queries: ColumnMajorRows(queries), references: ColumnMajorRows(references), ranges: ranges,
      kernel: kernel)
    return TiledPass.run(
      source, lowerTriangle: lowerTriangle, progress: progress, makeConsumer: makeConsumer)
  }

  /// The distance matrix of `table` (lower triangle, for persistence).
  public func matrix(_ table: Table) -> DistanceMatrix {
    let n = table.rowCount
    var entries = [Double](repeating: 0, count: n * (n - 1) / 2)
    entries.withUnsafeMutableBufferPointer { buffer in
      nonisolated(unsafe) let base = buffer.baseAddress!
      _ = pass(queries: table, references: table, lowerTriangle: true) { _ in
        TriangleWriter(base: base)
      }
    }
    return DistanceMatrix(count: n, lowerTriangle: entries)
  }

  /// The square matrix of `table`'s distances, row-major (`n²` values).
  public func squareMatrix(_ table: Table) -> [Double] {
    let n = table.rowCount
    var entries = [Double](repeating: 0, count: n * n)
    entries.withUnsafeMutableBufferPointer { buffer in
      nonisolated(unsafe) let base = buffer.baseAddress!
      _ = pass(queries: table, references: table, lowerTriangle: true) { _ in
        SquareWriter(base: base, count: n)
      }
    }
    return entries
  }
}

/// A block of exact distances: queries × references, one row per query.
public struct DistanceTile {
  /// The query rows of the tile.
  public let queries: Range<Int>
  /// The reference rows of the tile.
  public let references: Range<Int>
  @usableFromInline let base: UnsafePointer<Double>
  @usableFromInline let stride: Int

  /// The distances from `query` to the tile's references, in reference order.
  @inlinable
  public func row(_ query: Int) -> UnsafeBufferPointer<Double> {
    UnsafeBufferPointer(
      start: base + (query - queries.lowerBound) * stride, count: references.count)
  }
}

/// The used columns of a table, column-major, missing cells as NaN.
struct ColumnMajorRows: @unchecked Sendable {
  let count: Int
  let columns: Int
  let values: [Double]
  let hasMissing: Bool

  init(_ table: Table) {
    count = table.rowCount
    columns = table.columns.count
    values = table.columns.flatMap(\.values)
    hasMissing = values.contains { $0.isNaN }
  }
}

/// Fills tiles of exact Gower distances: eight references at a time in SIMD lanes, each lane
/// summing its terms in column order (so every value equals ``GowerDistance/distance(_:_:_:_:)``).
struct GowerTiles: TileSource {
  /// How full blocks of eight references are computed; both give the same bits.
  enum Kernel {
    /// The C kernel with AVX2 (x86-64 CPUs that have it).
    case avx2
    /// SIMD8 in Swift, on every platform.
    case portable

    /// AVX2 where the CPU has it.
    static let fastest: Kernel = tda_has_avx2_fma() != 0 ? .avx2 : .portable
  }

  let queries: ColumnMajorRows
  let references: ColumnMajorRows
  let ranges: [Double]
  var kernel = Kernel.fastest
  var queryCount: Int { queries.count }
  var referenceCount: Int { references.count }

  func tile(
    _ scratch: UnsafeMutablePointer<Double>, stride: Int, rows: Range<Int>, columns: Range<Int>
  )
    -> DistanceTile
  {
    let m = ranges.count
    let n = queries.count
    let r = references.count
    let anyMissing = queries.hasMissing || references.hasMissing
    queries.values.withUnsafeBufferPointer { qs in
      references.values.withUnsafeBufferPointer { rs in
        ranges.withUnsafeBufferPointer { ranges in
          let qs = qs.baseAddress!
          let rs = UnsafeRawPointer(rs.baseAddress!)
          let ranges = ranges.baseAddress!
          var firstTail = columns.lowerBound
          if kernel == .avx2 {
            let chunks = columns.count / 8
            tda_gower_tile_avx2(
              qs, n, rs.assumingMemoryBound(to: Double.self), r, ranges, m, anyMissing ? 1 : 0,
              rows.lowerBound, rows.upperBound, columns.lowerBound, chunks, scratch, stride)
            firstTail = columns.lowerBound + 8 * chunks
          }
          for q in rows {
            let out = scratch + (q - rows.lowerBound) * stride
            var j = firstTail
            while j + 8 <= columns.upperBound {
              var sum = SIMD8<Double>()
              var present = SIMD8<Double>()
              let one = SIMD8<Double>(repeating: 1)
              for k in 0..<m {
                let x = qs[k * n + q]
                if anyMissing && x.isNaN { continue }
                let y = rs.loadUnaligned(
                  fromByteOffset: (k * r + j) * MemoryLayout<Double>.stride, as: SIMD8<Double>.self)
                let range = ranges[k]
                var term: SIMD8<Double>
                if range > 0 {
                  let difference = SIMD8(repeating: x) - y
                  let magnitude = difference.replacing(with: -difference, where: difference .< 0)
                  term = (magnitude / range).replacing(with: one, where: magnitude .> range)
                } else {
                  term = one.replacing(with: 0, where: y .== x)
                }
                if anyMissing {
                  let isMissing = y .!= y
                  term = term.replacing(with: 0, where: isMissing)
                  present += one.replacing(with: 0, where: isMissing)
                }
                sum += term
              }
              let distance =
                anyMissing
                ? (sum / present).replacing(with: one, where: present .== 0) : sum / Double(m)
              UnsafeMutableRawPointer(out + (j - columns.lowerBound)).storeBytes(
                of: distance, as: SIMD8<Double>.self)
              j += 8
            }
            while j < columns.upperBound {
              var sum = 0.0
              var present = 0.0
              for k in 0..<m {
                let x = qs[k * n + q]
                let y = rs.load(
                  fromByteOffset: (k * r + j) * MemoryLayout<Double>.stride, as: Double.self)
                if x.isNaN || y.isNaN { continue }
                let range = ranges[k]
                sum += range > 0 ? Swift.min(1, abs(x - y) / range) : (x == y ? 0 : 1)
                present += 1
              }
              out[j - columns.lowerBound] = present == 0 ? 1 : sum / present
              j += 1
            }
          }
        }
      }
    }
    return DistanceTile(queries: rows, references: columns, base: scratch, stride: stride)
  }
}

/// Writes lower-triangle tiles into a packed lower-triangular matrix (row i holds j < i).
private struct TriangleWriter: TileConsumer, @unchecked Sendable {
  let base: UnsafeMutablePointer<Double>
  mutating func consume(_ tile: DistanceTile) {
    for q in tile.queries {
      let row = tile.row(q)
      let rowStart = q * (q - 1) / 2
      for r in tile.references where r < q {
        base[rowStart + r] = row[r - tile.references.lowerBound]
      }
    }
  }
}

/// Writes lower-triangle tiles into both halves of a square matrix.
private struct SquareWriter: TileConsumer, @unchecked Sendable {
  let base: UnsafeMutablePointer<Double>
  let count: Int
  mutating func consume(_ tile: DistanceTile) {
    for q in tile.queries {
      let row = tile.row(q)
      for r in tile.references where r < q {
        let value = row[r - tile.references.lowerBound]
        base[q * count + r] = value
        base[r * count + q] = value
      }
    }
  }
}
