import PointClouds

/// Sheehy's sparse approximation of the Vietoris–Rips filtration, built as GUDHI's
/// `Sparse_rips_complex` builds it (Buchet, Chazal, Oudot and Sheehy's version with values doubled
/// to match the Rips filtration): vertices are the points in greedy order with insertion radii
/// λ (`GreedyPermutation`), points with λ = 0 (repeats of an earlier point) are left out, and
/// vertices i < j at distance d (so λᵢ ≥ λⱼ) are joined by an edge of value
/// * d when d·ε ≤ 2λⱼ;
/// * none when d·ε > λᵢ + λⱼ;
/// * otherwise 2(d − λⱼ/ε), unless ε < 1 and that value times ε(1 − ε)/2 exceeds λⱼ;
///
/// and only edges of value ≤ the threshold are kept. Higher simplices are the cliques, entering at
/// their largest edge value, minus those the `SparseRipsBlocker` refuses. Every edge value is at
/// least the edge's length, and the filtration is (1, 1/(1 − ε))-interleaved with the Rips
/// filtration for ε < 1.
struct SparseRipsApproximation {
  /// The sparse graph, vertices numbered in greedy order, distances replaced by edge values.
  let matrix: SparseDistanceMatrix
  /// The blocker (nil for ε ≥ 1).
  let blocker: SparseRipsBlocker?

  /// The approximation of the points ordered by `permutation`, with parameter `epsilon` > 0 and
  /// edges up to `threshold`. `neighbourhood(point, radius, visit)` calls `visit(other, distance)`
  /// for every point (original indices) within `radius` of `point` at least; it is called
  /// concurrently on `threads` threads.
  init(
    permutation: GreedyPermutation, epsilon: Double, threshold: Double, threads: Int,
    neighbourhood: (Int, Double, (Int, Double) -> Void) -> Void
  ) {
    let radii = permutation.radii
    var count = min(1, radii.count)
    while count < radii.count && radii[count] > 0 { count += 1 }
    var rank = [Int](repeating: -1, count: radii.count)
    for k in 0..<count { rank[permutation.order[k]] = k }
    let factor = SparseRipsBlocker.factor(epsilon: epsilon)
    // upper[i]: the edges (j, value) with j > i, increasing in j.
    var upper = [[(Int32, Double)]](repeating: [], count: count)
    upper.withUnsafeMutableBufferPointer { out in
      nonisolated(unsafe) let out = out
      let parts = max(1, min(count, 64 * threads))
      forEachPart(parts, threads: threads) { part in
        var i = part
        while i < count {
          let li = radii[i]
          var row: [(Int32, Double)] = []
          // An edge needs d·ε ≤ λᵢ + λⱼ ≤ 2λᵢ.
          neighbourhood(permutation.order[i], 2 * li / epsilon) { other, d in
            let j = rank[other]
            guard j > i else { return }
            let lj = radii[j]
            let value: Double
            if d * epsilon <= 2 * lj {
              value = d
            } else if d * epsilon > li + lj {
              return
            } else {
              value = (d - lj / epsilon) * 2
              if epsilon < 1 && value * factor > lj { return }
            }
            if value <= threshold { row.append((Int32(j), value)) }
          }
          row.sort { $0.0 < $1.0 }
          out[i] = row
          i += parts
        }
      }
    }
    matrix = SparseDistanceMatrix(triangleRows: upper)
    blocker = SparseRipsBlocker(epsilon: epsilon, radii: Array(radii[0..<count]))
  }

  /// The approximation of `cloud` under `metric`.
  init(_ cloud: PointCloud, metric: Metric, epsilon: Double, threshold: Double, threads: Int) {
    let search = BallSearch(cloud, metric: metric)
    self.init(
      permutation: GreedyPermutation(search), epsilon: epsilon, threshold: threshold,
      threads: threads
    ) { point, radius, visit in
      search.forEachPoint(within: radius, of: point, visit)
    }
  }

  /// The approximation of the points of a dense distance matrix.
  init(_ matrix: DistanceMatrix, epsilon: Double, threshold: Double, threads: Int) {
    let permutation = GreedyPermutation(count: matrix.count) { matrix[$0, $1] }
    self.init(
      permutation: permutation, epsilon: epsilon, threshold: threshold, threads: threads
    ) { point, _, visit in
      for other in 0..<matrix.count { visit(other, matrix[point, other]) }
    }
  }
}
