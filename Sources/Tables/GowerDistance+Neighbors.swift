import PointClouds

extension GowerDistance {
  /// The Gower distance from every row of `table` to its `k`-th nearest other row (the row itself
  /// excluded by index; duplicates count, at distance 0).
  ///
  /// One pass over the lower triangle: each worker keeps the `k` smallest distances of every row
  /// it meets, and the workers' rows are merged at the end. O(n² m) time, O(workers · n · k)
  /// memory.
  /// - Precondition: `1 <= k < table.rowCount`.
  public func kthNeighborDistances(in table: Table, k: Int, progress: ProgressHandler? = nil)
    -> [Double]
  {
    precondition(k >= 1 && k < table.rowCount, "k must be in 1..<rows")
    let n = table.rowCount
    let workers = pass(queries: table, references: table, lowerTriangle: true, progress: progress) {
      _ in KSmallestBothWays(count: n, k: k)
    }
    var merged = [Double](repeating: .infinity, count: k)
    var result = [Double](repeating: 0, count: n)
    for row in 0..<n {
      for s in 0..<k { merged[s] = .infinity }
      merged.withUnsafeMutableBufferPointer { best in
        for worker in workers {
          for s in 0..<k {
            let value = worker.rows[row * k + s]
            if value < best[k - 1] { insert(value, into: best.baseAddress!, k) }
          }
        }
      }
      result[row] = merged[k - 1]
    }
    return result
  }

  /// For every row of `queries`, the index of its nearest row of `references` (the first among
  /// equally near ones) and the distance to it. O(n m c) time, O(n) memory.
  /// - Precondition: `references` has rows.
  public func nearest(from queries: Table, to references: Table, progress: ProgressHandler? = nil)
    -> (indices: [Int], distances: [Double])
  {
    precondition(references.rowCount > 0, "no reference rows")
    var indices = [Int](repeating: 0, count: queries.rowCount)
    var distances = [Double](repeating: .infinity, count: queries.rowCount)
    indices.withUnsafeMutableBufferPointer { indexBuffer in
      distances.withUnsafeMutableBufferPointer { distanceBuffer in
        let output = NearestOutput(
          indices: indexBuffer.baseAddress!, distances: distanceBuffer.baseAddress!)
        _ = pass(queries: queries, references: references, progress: progress) { _ in output }
      }
    }
    return (indices, distances)
  }
}

extension GowerDistance {
  /// For every row of `queries`, its `k` smallest distances to rows of `references`, in
  /// increasing order, row-major (`queries.rowCount × k`; +∞ where `references` has fewer rows).
  /// Nothing is excluded. O(n m c) time, O(n k) memory.
  public func smallestDistances(
    from queries: Table, to references: Table, k: Int, progress: ProgressHandler? = nil
  ) -> [Double] {
    precondition(k >= 1, "k must be at least 1")
    var best = [Double](repeating: .infinity, count: queries.rowCount * k)
    guard references.rowCount > 0 else { return best }
    best.withUnsafeMutableBufferPointer { buffer in
      let output = SmallestOutput(rows: buffer.baseAddress!, k: k)
      _ = pass(queries: queries, references: references, progress: progress) { _ in output }
    }
    return best
  }
}

/// Keeps each query's k smallest distances (rows owned by the query's worker).
private struct SmallestOutput: TileConsumer, @unchecked Sendable {
  let rows: UnsafeMutablePointer<Double>
  let k: Int

  mutating func consume(_ tile: DistanceTile) {
    for q in tile.queries {
      let row = rows + q * k
      for value in tile.row(q) where value < row[k - 1] { insert(value, into: row, k) }
    }
  }
}

/// One worker's k smallest distances of every row, from lower-triangle tiles (each pair serves
/// both of its rows).
private struct KSmallestBothWays: TileConsumer {
  var rows: [Double]
  let k: Int

  init(count: Int, k: Int) {
    rows = [Double](repeating: .infinity, count: count * k)
    self.k = k
  }

  mutating func consume(_ tile: DistanceTile) {
    let k = self.k
    rows.withUnsafeMutableBufferPointer { rows in
      let base = rows.baseAddress!
      for q in tile.queries {
        let values = tile.row(q)
        let own = base + q * k
        for r in tile.references where r < q {
          let value = values[r - tile.references.lowerBound]
          if value < own[k - 1] { insert(value, into: own, k) }
          let other = base + r * k
          if value < other[k - 1] { insert(value, into: other, k) }
        }
      }
    }
  }
}

/// Keeps each query's nearest reference (first index on ties: references arrive in order).
private struct NearestOutput: TileConsumer, @unchecked Sendable {
  let indices: UnsafeMutablePointer<Int>
  let distances: UnsafeMutablePointer<Double>

  mutating func consume(_ tile: DistanceTile) {
    for q in tile.queries {
      let values = tile.row(q)
      var best = distances[q]
      var index = indices[q]
      for (offset, value) in values.enumerated() where value < best {
        best = value
        index = tile.references.lowerBound + offset
      }
      distances[q] = best
      indices[q] = index
    }
  }
}
