import PointClouds

/// The nearest centre of every point, kept from one Lloyd iteration to the next with Hamerly's
/// bounds (Hamerly, "Making k-means even faster", SDM 2010), so that only the points whose
/// centre may have changed are measured again — with exactly the labels a full pass would give.
///
/// Per point i with centre a: an upper bound U_i on its distance to c_a and a lower bound L_i on
/// its distance to every other centre. When the centres move by δ_j, U_i grows by δ_a and L_i
/// shrinks by max_j δ_j (triangle inequality); while U_i < L_i the centre cannot have changed, and
/// otherwise the point's distances to all centres are computed again (exact kernel of
/// ``SquaredDistanceTiles``), which resets both bounds.
///
/// Floating point: a full pass's labels come from the computed squared distances s̃ (the lowest
/// index among equal ones), which are within a relative (d + 1) · 2⁻⁵³ of the exact ones. The
/// bounds carry a relative slack ε = 10⁻⁹ (far above that error for d < 10⁶): they are kept as
/// U_i ≥ (1 + ε) D_a and L_i ≤ (1 − ε) D_j of the exact distances D, every step rounded outward
/// by a further factor 1 ± ε. Then U_i < L_i implies D_a (1 + ε) < D_j (1 − ε), so the computed
/// s̃_a < s̃_j strictly for every j ≠ a: a full pass would return a too. Points within the slack
/// of a tie are simply measured again.
struct NearestCentreBounds {
  /// The relative slack ε of the bounds.
  static let slack = 1e-9

  /// The nearest centre of every point (the lowest index on ties).
  private(set) var labels: [Int]
  /// U_i ≥ (1 + ε) × the exact distance from point i to its centre.
  private var upper: [Double]
  /// L_i ≤ (1 − ε) × the exact distance from point i to every other centre.
  private var lower: [Double]

  /// The nearest centres of every point of `cloud` by a full pass.
  init(_ cloud: PointCloud, centres: PointCloud) {
    labels = [Int](repeating: 0, count: cloud.count)
    upper = [Double](repeating: 0, count: cloud.count)
    lower = [Double](repeating: 0, count: cloud.count)
    measure(cloud, centres: centres, points: nil)
  }

  /// Updates the labels for centres moved from `old` to `new` (the same number, in order).
  mutating func move(_ cloud: PointCloud, from old: PointCloud, to new: PointCloud) {
    let d = cloud.dimension
    let moves = (0..<old.count).map { j in
      var total = 0.0
      for c in 0..<d {
        let step = new[j, c] - old[j, c]
        total += step * step
      }
      return total.squareRoot() * (1 + Self.slack)
    }
    let largest = moves.max() ?? 0
    var stale: [Int] = []
    for i in labels.indices {
      upper[i] = (upper[i] + moves[labels[i]]) * (1 + Self.slack)
      lower[i] = (lower[i] - largest) * (1 - Self.slack)
      if !(upper[i] < lower[i]) { stale.append(i) }
    }
    if !stale.isEmpty {
      measure(cloud, centres: new, points: stale.count == cloud.count ? nil : stale)
    }
  }

  /// Measures the distances from `points` (every point when nil) to every centre again.
  private mutating func measure(_ cloud: PointCloud, centres: PointCloud, points: [Int]?) {
    let queries = points.map { cloud.selecting(points: $0) } ?? cloud
    var nearest = [Int](repeating: 0, count: queries.count)
    var best = [Double](repeating: .infinity, count: queries.count)
    var second = [Double](repeating: .infinity, count: queries.count)
    nearest.withUnsafeMutableBufferPointer { nearestBuffer in
      best.withUnsafeMutableBufferPointer { bestBuffer in
        second.withUnsafeMutableBufferPointer { secondBuffer in
          let rows = TwoNearestRows(
            labels: nearestBuffer.baseAddress!, best: bestBuffer.baseAddress!,
            second: secondBuffer.baseAddress!)
          _ = SquaredDistanceTiles.run(queries: queries, references: centres) { _ in rows }
        }
      }
    }
    for q in 0..<queries.count {
      let i = points?[q] ?? q
      labels[i] = nearest[q]
      upper[i] = best[q].squareRoot() * (1 + 2 * Self.slack)
      lower[i] = second[q].squareRoot() * (1 - 2 * Self.slack)
    }
  }
}

/// Keeps, for each query, the nearest reference (the first on ties: references arrive in
/// increasing order), its squared distance and the second smallest squared distance.
private struct TwoNearestRows: TileConsumer, @unchecked Sendable {
  let labels: UnsafeMutablePointer<Int>
  let best: UnsafeMutablePointer<Double>
  let second: UnsafeMutablePointer<Double>

  mutating func consume(_ tile: SquaredDistanceTile) {
    let first = tile.references.lowerBound
    for query in tile.queries {
      var (low, next, label) = (best[query], second[query], labels[query])
      for (offset, value) in tile.row(query).enumerated() {
        if value < low {
          (next, low, label) = (low, value, first + offset)
        } else if value < next {
          next = value
        }
      }
      (best[query], second[query], labels[query]) = (low, next, label)
    }
  }
}
