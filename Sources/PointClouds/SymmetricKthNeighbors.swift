/// The k-th neighbour squared distances within one cloud from the lower triangle of
/// ``BoundedSquaredDistanceTiles`` (each pair computed once, for both of its points).
///
/// The stream keeps, per worker and point, the k smallest **upper** bounds seen (no exact value is
/// needed for that) and logs every pair whose lower bound is at most one of its points' current
/// k-th upper bound. Afterwards the workers' rows are merged into t(p), the k-th smallest upper
/// bound over all pairs of p; the pairs (p, r) that can hold p's k nearest neighbours are exactly
/// those with lower bound ≤ t(p) (any pair with d² ≤ NND_k(p)² ≤ t(p) qualifies, and at least k
/// do),
/// so computing those few pairs exactly and taking the k-th smallest gives the exact answer. The
/// log is compacted against the shrinking bounds whenever it grows, so it stays O(n k).
enum SymmetricKthNeighbors {
  /// The squared k-th neighbour distances; `compactionThreshold` is the log size (per worker)
  /// that first triggers a compaction (default: 4 n k, at least 65 536).
  static func squaredDistances(
    in cloud: PointCloud, k: Int, progress: ProgressHandler?, compactionThreshold: Int? = nil
  ) -> [Double] {
    let n = cloud.count
    let threshold = compactionThreshold ?? max(1 << 16, 4 * n * k)
    let workers = BoundedSquaredDistanceTiles.run(
      queries: cloud, references: cloud, lowerTriangle: true, progress: progress
    ) { _ in UpperBoundsBothWays(count: n, k: k, compactionThreshold: threshold) }
    // t(p): the k-th smallest upper bound of p over every worker's rows.
    var merged = [Double](repeating: 0, count: workers.count * k)
    let bounds = (0..<n).map { p in
      for (w, worker) in workers.enumerated() {
        for slot in 0..<k { merged[w * k + slot] = worker.upper[p * k + slot] }
      }
      merged.sort()
      return merged[k - 1]
    }
    // The surviving pairs, bucketed by point (counting sort), then computed exactly once each.
    var counts = [Int](repeating: 0, count: n + 1)
    for worker in workers {
      for pair in worker.log {
        if pair.lower <= bounds[Int(pair.query)] { counts[Int(pair.query) + 1] += 1 }
        if pair.lower <= bounds[Int(pair.reference)] { counts[Int(pair.reference) + 1] += 1 }
      }
    }
    for p in 0..<n { counts[p + 1] += counts[p] }
    var next = counts
    var values = [Double](repeating: 0, count: counts[n])
    cloud.withUnsafeCoordinates { coordinates in
      let d = cloud.dimension
      for worker in workers {
        for pair in worker.log {
          let q = Int(pair.query), r = Int(pair.reference)
          let forQuery = pair.lower <= bounds[q], forReference = pair.lower <= bounds[r]
          guard forQuery || forReference else { continue }
          let exact = squaredEuclidean(
            coordinates.baseAddress! + q * d, coordinates.baseAddress! + r * d, dimension: d)
          if forQuery {
            values[next[q]] = exact
            next[q] += 1
          }
          if forReference {
            values[next[r]] = exact
            next[r] += 1
          }
        }
      }
    }
    return (0..<n).map { p in values[counts[p]..<counts[p + 1]].sorted()[k - 1] }
  }
}

/// A logged pair: its lower bound and its two points (r < q).
struct CandidatePair {
  var lower: Double
  var query: UInt32
  var reference: UInt32
}

/// One worker's share of ``SymmetricKthNeighbors``: sorted rows of the k smallest upper bounds of
/// every point (`kth` mirrors their last entries contiguously for the vector test) and the log.
struct UpperBoundsBothWays: TileConsumer {
  var upper: [Double]
  var kth: [Double]
  var log: [CandidatePair] = []
  let k: Int
  /// The log size that triggers a compaction (doubled when a compaction frees little).
  var compactionThreshold: Int

  init(count: Int, k: Int, compactionThreshold: Int) {
    upper = [Double](repeating: .infinity, count: count * k)
    kth = [Double](repeating: .infinity, count: count)
    self.k = k
    self.compactionThreshold = compactionThreshold
  }

  mutating func consume(_ tile: BoundedSquaredDistanceTile) {
    let k = self.k
    let first = tile.references.lowerBound
    var log = self.log
    self.log = []
    upper.withUnsafeMutableBufferPointer { upperBuffer in
      kth.withUnsafeMutableBufferPointer { kthBuffer in
        let upper = upperBuffer.baseAddress!
        let kth = kthBuffer.baseAddress!
        let others = kth + first
        for query in tile.queries {
          let lower = tile.lowerBounds(query)
          let count = min(lower.count, query - first)
          guard count > 0 else { continue }
          // The gate is a variable, rebuilt when it changes (see forEachCandidate).
          var ownGate = SIMD8(repeating: kth[query])
          tile.forEachCandidate(
            of: query,
            mayMatter: { chunk, offset in
              any((chunk .<= ownGate) .| (chunk .<= loadSIMD8(others + offset)))
            }
          ) { offset in
            // Entries at offsets ≥ count (r ≥ q) are not pairs of the lower triangle.
            guard offset < count, lower[offset] <= kth[query] || lower[offset] <= others[offset]
            else { return }
            let reference = first + offset
            var low = lower[offset]
            var bound = tile.upperBound(query, reference)
            // A wide interval (data float32 cannot resolve, or no bound at all) is replaced by
            // the exact value, so the gates stay sharp and the log stays compactable.
            if !(bound.isFinite && bound - low <= 0x1p-8 * bound) {
              low = tile.exact(query, reference)
              bound = low
            }
            if bound < kth[query] {
              insert(bound, into: upper + query * k, k)
              kth[query] = upper[query * k + k - 1]
              ownGate = SIMD8(repeating: kth[query])
            }
            if bound < others[offset] {
              insert(bound, into: upper + reference * k, k)
              others[offset] = upper[reference * k + k - 1]
            }
            log.append(
              CandidatePair(lower: low, query: UInt32(query), reference: UInt32(reference)))
          }
        }
        if log.count > compactionThreshold {
          log.removeAll { $0.lower > kth[Int($0.query)] && $0.lower > kth[Int($0.reference)] }
          if log.count > compactionThreshold / 2 { compactionThreshold *= 2 }
        }
      }
    }
    self.log = log
  }
}
