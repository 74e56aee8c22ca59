import PointClouds

/// The `k` nearest training rows of each query row by exact Euclidean distance on the features,
/// the way scikit-learn's brute-force search picks them (`ArgKmin`: a bounded max-heap that a
/// later reference at an equal distance does not enter): ties go to the lower training index.
///
/// Distances are ``squaredEuclidean(_:_:dimension:)`` of the float64 features, found with the
/// bounded float32 tiles of ``BoundedSquaredDistanceTiles`` and rechecked exactly; scikit-learn
/// computes them with the Gram expansion |x|² − 2x·y + |y|², whose rounding can order rows whose
/// exact distances tie (or nearly tie) differently.
enum NearestTrainingRows {
  /// Row-major `queries.rowCount × k` indices of training rows, nearest first.
  static func find(k: Int, from queries: DesignMatrix, in training: DesignMatrix) -> [Int] {
    precondition(k >= 1 && k <= training.rowCount, "1 ≤ k ≤ training rows")
    let q = PointCloud(
      count: queries.rowCount, dimension: queries.columnCount, coordinates: queries.values)
    let r = PointCloud(
      count: training.rowCount, dimension: training.columnCount, coordinates: training.values)
    var indices = [Int](repeating: Int.max, count: queries.rowCount * k)
    var distances = [Double](repeating: .infinity, count: queries.rowCount * k)
    indices.withUnsafeMutableBufferPointer { indexBuffer in
      distances.withUnsafeMutableBufferPointer { distanceBuffer in
        let rows = KBest(
          indices: indexBuffer.baseAddress!, distances: distanceBuffer.baseAddress!, k: k)
        _ = BoundedSquaredDistanceTiles.run(queries: q, references: r) { _ in rows }
      }
    }
    return indices
  }
}

/// Each query's k nearest references in increasing (distance, index) order; references arrive in
/// increasing index order, so one at the current k-th distance never enters.
private struct KBest: TileConsumer, @unchecked Sendable {
  let indices: UnsafeMutablePointer<Int>
  let distances: UnsafeMutablePointer<Double>
  let k: Int

  mutating func consume(_ tile: BoundedSquaredDistanceTile) {
    let first = tile.references.lowerBound
    for query in tile.queries {
      let best = distances + query * k
      let chosen = indices + query * k
      let lower = tile.lowerBounds(query)
      var gate = SIMD8(repeating: best[k - 1])
      tile.forEachCandidate(of: query, mayMatter: { chunk, _ in any(chunk .< gate) }) { offset in
        guard lower[offset] < best[k - 1] else { return }
        let exact = tile.exact(query, first + offset)
        guard exact < best[k - 1] else { return }
        var slot = k - 1
        while slot > 0 && best[slot - 1] > exact {
          best[slot] = best[slot - 1]
          chosen[slot] = chosen[slot - 1]
          slot -= 1
        }
        best[slot] = exact
        chosen[slot] = first + offset
        gate = SIMD8(repeating: best[k - 1])
      }
    }
  }
}
