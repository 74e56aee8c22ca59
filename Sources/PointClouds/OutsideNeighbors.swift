/// For some points of a cloud, their `k` nearest points that lie in another component of a
/// partition of the cloud, found exactly on ``BoundedSquaredDistanceTiles`` (the building block of
/// ``EuclideanSpanningTree``).
///
/// Neighbours are ordered by (squared distance, index). For one query q this is the order of the
/// edges {q, r} by (squared distance, smaller index, larger index), so a list's last entry bounds
/// every edge from q to an unlisted point of another component: those edges come after it.
struct OutsideNeighbors {
  /// Neighbours per query.
  let k: Int
  /// The queries' global indices.
  let queries: [Int32]
  /// Row-major `queries.count × k`: squared distances, increasing (+∞ in unused slots).
  var squaredDistances: [Double]
  /// Row-major `queries.count × k`: neighbours' global indices (`Int32.max` in unused slots).
  var indices: [Int32]
  /// With `eccentricityBounds`, per query: bounds on its largest squared distance to any point.
  var farthest: [ClosedRange<Double>]

  /// Searches, for every point of `queries`, the `k` nearest points `r` of `cloud` with
  /// `labels[r] != labels[query]` (the query itself is never one). With `eccentricityBounds`
  /// the pass also bounds each query's largest squared distance to every point of `cloud`
  /// (then `labels` must not matter: the whole row is seen anyway).
  /// With a `tree` (built on `cloud`, for low dimension) the search runs on it instead of tiles;
  /// it cannot bound eccentricities.
  init(
    _ cloud: PointCloud, queries: [Int32], labels: [Int32], k: Int, eccentricityBounds: Bool,
    tree: KDTree?, progress: ProgressHandler?
  ) {
    precondition(
      tree == nil || !eccentricityBounds, "the tree search does not bound eccentricities")
    self.k = k
    self.queries = queries
    let m = queries.count
    var squaredDistances = [Double](repeating: .infinity, count: m * k)
    var indices = [Int32](repeating: .max, count: m * k)
    var lowest = [Double](
      repeating: eccentricityBounds ? -.infinity : 0, count: eccentricityBounds ? m : 0)
    var highest = lowest
    let queryCloud =
      queries.count == cloud.count ? cloud : cloud.selecting(points: queries.lazy.map(Int.init))
    squaredDistances.withUnsafeMutableBufferPointer { distanceRows in
      indices.withUnsafeMutableBufferPointer { indexRows in
        if let tree {
          tree.outsideNeighbors(
            queryCloud, queries: queries, labels: labels, k: k,
            distances: distanceRows.baseAddress!,
            indices: indexRows.baseAddress!)
          return
        }
        lowest.withUnsafeMutableBufferPointer { lowest in
          highest.withUnsafeMutableBufferPointer { highest in
            queries.withUnsafeBufferPointer { queries in
              labels.withUnsafeBufferPointer { labels in
                let rows = OutsideNeighborRows(
                  k: k, queries: queries.baseAddress!, labels: labels.baseAddress!,
                  squaredDistances: distanceRows.baseAddress!, indices: indexRows.baseAddress!,
                  farthestLower: eccentricityBounds ? lowest.baseAddress : nil,
                  farthestUpper: eccentricityBounds ? highest.baseAddress : nil)
                _ = BoundedSquaredDistanceTiles.run(
                  queries: queryCloud, references: cloud, progress: progress
                ) { _ in rows }
              }
            }
          }
        }
      }
    }
    self.squaredDistances = squaredDistances
    self.indices = indices
    farthest = zip(lowest, highest).map { max(0, $0)...max(0, $0, $1) }
  }
}

/// The tile consumer of ``OutsideNeighbors``: each query's sorted row of `k` (distance, index)
/// pairs lives in shared storage (a query belongs to one worker). A pair is computed exactly only
/// when its lower bound is at most the row's last distance and the reference is in another
/// component.
struct OutsideNeighborRows: TileConsumer, @unchecked Sendable {
  let k: Int
  let queries: UnsafePointer<Int32>
  let labels: UnsafePointer<Int32>
  let squaredDistances: UnsafeMutablePointer<Double>
  let indices: UnsafeMutablePointer<Int32>
  /// Per query, the largest lower bound and the largest upper bound seen (nil: not tracked).
  let farthestLower: UnsafeMutablePointer<Double>?
  let farthestUpper: UnsafeMutablePointer<Double>?

  mutating func consume(_ tile: BoundedSquaredDistanceTile) {
    let first = tile.references.lowerBound
    for query in tile.queries {
      let own = labels[Int(queries[query])]
      let distances = squaredDistances + query * k
      let neighbours = indices + query * k
      let lower = tile.lowerBounds(query)
      if let farthestLower, let farthestUpper {
        trackFarthest(tile, query, farthestLower, farthestUpper)
      }
      // The gate is a variable, rebuilt when it changes (see forEachCandidate).
      var gate = SIMD8(repeating: distances[k - 1])
      tile.forEachCandidate(of: query, mayMatter: { chunk, _ in any(chunk .<= gate) }) { offset in
        let reference = first + offset
        guard lower[offset] <= distances[k - 1], labels[reference] != own else { return }
        insertNeighbor(
          tile.exact(query, reference), Int32(reference), into: distances, neighbours, k)
        gate = SIMD8(repeating: distances[k - 1])
      }
    }
  }

  /// Raises the query's largest lower bound over this tile's row, and its upper bound on the
  /// largest squared distance: that lower bound plus twice the largest error share of a pair.
  @inline(__always)
  func trackFarthest(
    _ tile: BoundedSquaredDistanceTile, _ query: Int, _ lowest: UnsafeMutablePointer<Double>,
    _ highest: UnsafeMutablePointer<Double>
  ) {
    let lower = tile.lowerBounds(query)
    var chunkMax = SIMD8<Double>(repeating: -.infinity)
    var offset = 0
    while offset + 8 <= lower.count {
      chunkMax = pointwiseMax(chunkMax, loadSIMD8(lower.baseAddress! + offset))
      offset += 8
    }
    var low = Swift.max(lowest[query], chunkMax.max())
    while offset < lower.count {
      low = Swift.max(low, lower[offset])
      offset += 1
    }
    lowest[query] = low
    let error = tile.pass.queryErrors[query] + tile.pass.largestReferenceError
    highest[query] = error.isFinite ? Swift.max(highest[query], low + 2 * error) : .infinity
  }
}
