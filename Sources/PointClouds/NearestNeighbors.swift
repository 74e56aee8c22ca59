import Foundation

/// Exact Euclidean nearest-neighbour queries, on a k-d tree in low dimension and otherwise by
/// blocked brute force over ``BoundedSquaredDistanceTiles`` (a float32 pass with proven error
/// bounds; the few pairs that may matter are recomputed exactly; no n × m matrix is held; both
/// cores are used).
///
/// Conventions (those of `prdc` and of Kynkäänniemi et al.'s code): within one cloud the point
/// itself is excluded **by index**, while other points at the same position (duplicates) count as
/// neighbours at distance 0. Every reported distance is ``squaredEuclidean(_:_:dimension:)``
/// of the float64 coordinates, whichever search found it. "Exact" means exactly what float64 with
/// that summation gives (as prdc and the authors' code compute in floating point too), not exact
/// real arithmetic: on data such as multiples of 0.1, float64 rounding itself can decide a tie.
public enum NearestNeighbors {
  /// The squared distance from every point of `cloud` to its `k`-th nearest neighbour in `cloud`,
  /// the point itself excluded (duplicates count, at distance 0).
  ///
  /// Equivalently, the (k+1)-th smallest entry of the point's row of the distance matrix, self
  /// included — what `prdc.get_kth_value(…, k + 1)` and `np.partition(row, k)[k]` return.
  /// - Precondition: `1 <= k < cloud.count`.
  /// - Complexity: O(n² d) time, O(n k) memory.
  public static func kthNeighborSquaredDistances(
    in cloud: PointCloud, k: Int, progress: ProgressHandler? = nil
  ) -> [Double] {
    if KDTree.isPreferred(dimension: cloud.dimension, count: cloud.count) {
      return kthNeighborSquaredDistances(in: cloud, k: k, tree: KDTree(cloud))
    }
    return bruteForceKthNeighborSquaredDistances(in: cloud, k: k, progress: progress)
  }

  /// The same by blocked brute force, keeping per-worker rows for the lower-triangle pass only when
  /// workers × points × k is at most `budget` doubles (otherwise each point scans every other
  /// point).
  package static func bruteForceKthNeighborSquaredDistances(
    in cloud: PointCloud, k: Int, progress: ProgressHandler? = nil, budget: Int = symmetricBudget
  ) -> [Double] {
    precondition(k >= 1 && k < cloud.count, "k must be in 1..<count")
    let n = cloud.count
    let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
    // Each distance serves both of its points, so only the lower triangle is computed; every
    // worker keeps its own k best for all points (merged below) unless that would be too big.
    if workers * n * k <= budget {
      return SymmetricKthNeighbors.squaredDistances(in: cloud, k: k, progress: progress)
    }
    var best = [Double](repeating: .infinity, count: n * k)
    best.withUnsafeMutableBufferPointer { buffer in
      let shared = SharedRows(base: buffer.baseAddress!, width: k)
      _ = BoundedSquaredDistanceTiles.run(queries: cloud, references: cloud, progress: progress) {
        _ in
        SmallestDistances(rows: shared, excludingSelf: true)
      }
    }
    return (0..<n).map { best[$0 * k + k - 1] }
  }

  /// The k-th neighbour squared distances by searching `tree` (built on `cloud`) for each point.
  /// - Precondition: `1 <= k < cloud.count`.
  package static func kthNeighborSquaredDistances(in cloud: PointCloud, k: Int, tree: KDTree)
    -> [Double]
  {
    precondition(k >= 1 && k < cloud.count, "k must be in 1..<count")
    var result = [Double](repeating: 0, count: cloud.count)
    result.withUnsafeMutableBufferPointer { buffer in
      let output = SharedOutput(base: buffer.baseAddress!)
      KDTree.forEachQuery(cloud) { i, query in
        var best = [Double](repeating: .infinity, count: k)
        best.withUnsafeMutableBufferPointer { best in
          let row = best.baseAddress!
          tree.search(query, prune: { _, distance in distance >= row[k - 1] }) { j, value in
            if j != i && value < row[k - 1] { insert(value, into: row, k) }
          }
        }
        output.base[i] = best[k - 1]
      }
    }
    return result
  }

  /// The largest number of doubles (workers × points × k) kept for the lower-triangle k-NN pass
  /// (256 MiB).
  package static let symmetricBudget = 1 << 25

  /// The distance from every point of `cloud` to its `k`-th nearest neighbour in `cloud`, the point
  /// itself excluded: the square roots of ``kthNeighborSquaredDistances(in:k:progress:)``.
  public static func kthNeighborDistances(
    in cloud: PointCloud, k: Int, progress: ProgressHandler? = nil
  ) -> [Double] {
    kthNeighborSquaredDistances(in: cloud, k: k, progress: progress).map { $0.squareRoot() }
  }

  /// For every point of `queries`, the index of its nearest point in `references` (the lowest index
  /// among equally near ones) and the squared distance to it.
  /// - Precondition: same dimension, `references` not empty.
  /// - Complexity: O(n m d) time, O(n) memory.
  public static func nearest(
    from queries: PointCloud, to references: PointCloud, progress: ProgressHandler? = nil
  ) -> (indices: [Int], squaredDistances: [Double]) {
    precondition(references.count > 0, "no reference points")
    if KDTree.isPreferred(dimension: references.dimension, count: references.count) {
      return nearest(from: queries, to: KDTree(references))
    }
    return bruteForceNearest(from: queries, to: references, progress: progress)
  }

  /// ``nearest(from:to:progress:)`` by blocked brute force.
  package static func bruteForceNearest(
    from queries: PointCloud, to references: PointCloud, progress: ProgressHandler? = nil
  ) -> (indices: [Int], squaredDistances: [Double]) {
    precondition(references.count > 0, "no reference points")
    var indices = [Int](repeating: 0, count: queries.count)
    var distances = [Double](repeating: .infinity, count: queries.count)
    indices.withUnsafeMutableBufferPointer { indexBuffer in
      distances.withUnsafeMutableBufferPointer { distanceBuffer in
        let shared = NearestRows(
          indices: indexBuffer.baseAddress!, distances: distanceBuffer.baseAddress!)
        _ = BoundedSquaredDistanceTiles.run(
          queries: queries, references: references, progress: progress
        ) {
          _ in shared
        }
      }
    }
    return (indices, distances)
  }
}

extension NearestNeighbors {
  /// For every point of `queries`, its `k` smallest squared distances to points of `references`
  /// in increasing order, row-major (`queries.count × k`; +∞ where `references` has fewer points).
  /// Nothing is excluded: a query equal to a reference has distance 0 to it.
  /// - Precondition: same dimension, `k >= 1`.
  /// - Complexity: O(n m d) time, O(n k) memory.
  package static func smallestSquaredDistances(
    from queries: PointCloud, to references: PointCloud, k: Int, progress: ProgressHandler? = nil
  ) -> [Double] {
    precondition(k >= 1, "k must be at least 1")
    var best = [Double](repeating: .infinity, count: queries.count * k)
    guard references.count > 0 else { return best }
    if KDTree.isPreferred(dimension: references.dimension, count: references.count) {
      let tree = KDTree(references)
      best.withUnsafeMutableBufferPointer { buffer in
        let output = SharedOutput(base: buffer.baseAddress!)
        KDTree.forEachQuery(queries) { q, query in
          let row = output.base + q * k
          tree.search(query, prune: { _, distance in distance >= row[k - 1] }) { _, value in
            if value < row[k - 1] { insert(value, into: row, k) }
          }
        }
      }
      return best
    }
    best.withUnsafeMutableBufferPointer { buffer in
      let shared = SharedRows(base: buffer.baseAddress!, width: k)
      _ = BoundedSquaredDistanceTiles.run(
        queries: queries, references: references, progress: progress
      ) {
        _ in SmallestDistances(rows: shared, excludingSelf: false)
      }
    }
    return best
  }

  /// For every point of `queries`, the nearest point of the tree's cloud (lowest index on ties)
  /// and the squared distance to it.
  package static func nearest(from queries: PointCloud, to tree: KDTree) -> (
    indices: [Int], squaredDistances: [Double]
  ) {
    var indices = [Int](repeating: 0, count: queries.count)
    var distances = [Double](repeating: .infinity, count: queries.count)
    indices.withUnsafeMutableBufferPointer { indexBuffer in
      distances.withUnsafeMutableBufferPointer { distanceBuffer in
        let indexOutput = SharedOutput(base: indexBuffer.baseAddress!)
        let distanceOutput = SharedOutput(base: distanceBuffer.baseAddress!)
        KDTree.forEachQuery(queries) { q, query in
          var best = Double.infinity
          var index = Int.max
          tree.search(query, prune: { _, distance in distance > best }) { r, value in
            if value < best || (value == best && r < index) {
              best = value
              index = r
            }
          }
          indexOutput.base[q] = index
          distanceOutput.base[q] = best
        }
      }
    }
    return (indices, distances)
  }
}

/// Rows of `width` doubles in memory shared by the workers of one pass; each worker writes only
/// the rows of its own query blocks.
struct SharedRows: @unchecked Sendable {
  let base: UnsafeMutablePointer<Double>
  let width: Int
}

/// Keeps, for each query, its `width` smallest squared distances in increasing order (insertion
/// into a short sorted row; the row's last entry is the current k-th smallest). A pair is computed
/// exactly only when its lower bound is below that k-th smallest.
struct SmallestDistances: TileConsumer {
  let rows: SharedRows
  let excludingSelf: Bool

  mutating func consume(_ tile: BoundedSquaredDistanceTile) {
    let k = rows.width
    let first = tile.references.lowerBound
    for query in tile.queries {
      let best = rows.base + query * k
      let lower = tile.lowerBounds(query)
      // The gate is a variable, rebuilt when it changes (see forEachCandidate).
      var gate = SIMD8(repeating: best[k - 1])
      tile.forEachCandidate(of: query, mayMatter: { chunk, _ in any(chunk .< gate) }) { offset in
        let reference = first + offset
        guard lower[offset] < best[k - 1], !excludingSelf || reference != query else { return }
        let exact = tile.exact(query, reference)
        if exact < best[k - 1] {
          insert(exact, into: best, k)
          gate = SIMD8(repeating: best[k - 1])
        }
      }
    }
  }
}

/// Inserts `value` into the sorted row of `k` values at `row`, dropping the largest.
@inline(__always)
package func insert(_ value: Double, into row: UnsafeMutablePointer<Double>, _ k: Int) {
  var slot = k - 1
  while slot > 0 && row[slot - 1] > value {
    row[slot] = row[slot - 1]
    slot -= 1
  }
  row[slot] = value
}

/// Keeps, for each query, the nearest reference (first index on ties: references arrive in
/// increasing order) and its squared distance.
struct NearestRows: TileConsumer, @unchecked Sendable {
  let indices: UnsafeMutablePointer<Int>
  let distances: UnsafeMutablePointer<Double>

  mutating func consume(_ tile: BoundedSquaredDistanceTile) {
    let first = tile.references.lowerBound
    for query in tile.queries {
      var nearest = distances[query]
      var index = indices[query]
      let lower = tile.lowerBounds(query)
      var gate = SIMD8(repeating: nearest)
      tile.forEachCandidate(of: query, mayMatter: { chunk, _ in any(chunk .< gate) }) { offset in
        guard lower[offset] < nearest else { return }
        let exact = tile.exact(query, first + offset)
        if exact < nearest {
          nearest = exact
          index = first + offset
          gate = SIMD8(repeating: nearest)
        }
      }
      distances[query] = nearest
      indices[query] = index
    }
  }
}
