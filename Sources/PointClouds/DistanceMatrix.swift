import Dispatch

/// A symmetric matrix of pairwise distances with a zero diagonal, stored as its strict lower
/// triangle in one flat array (Ripser's compressed layout): entry (i, j) with i > j sits at
/// `i * (i - 1) / 2 + j`.
public struct DistanceMatrix: Sendable, Equatable {
  /// The number of points.
  public let count: Int
  /// The strict lower triangle, row by row: `count * (count - 1) / 2` values.
  public let entries: [Double]

  /// Wraps a strict lower triangle.
  /// - Precondition: `entries.count == count * (count - 1) / 2`.
  public init(count: Int, lowerTriangle entries: [Double]) {
    precondition(count >= 0 && entries.count == count * (count - 1) / 2, "wrong triangle size")
    self.count = count
    self.entries = entries
  }

  /// The pairwise distances of `cloud` under `metric`, computed on all cores.
  /// - Complexity: O(n² d) time, n(n − 1)/2 doubles of memory.
  public init(_ cloud: PointCloud, metric: Metric = .euclidean) {
    let n = cloud.count
    let d = cloud.dimension
    let total = n * (n - 1) / 2
    let values = [Double](unsafeUninitializedCapacity: total) { buffer, initialized in
      nonisolated(unsafe) let out = buffer.baseAddress
      cloud.withUnsafeCoordinates { coordinates in
        nonisolated(unsafe) let points = coordinates.baseAddress
        // Row i has i entries: stripe rows over chunks so the triangle is balanced.
        let chunks = Swift.max(1, Swift.min(64, n))
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
          guard let out, let points else { return }
          var i = chunk
          while i < n {
            let row = out + i * (i - 1) / 2
            let x = points + i * d
            for j in 0..<i { row[j] = metric.distance(x, points + j * d, dimension: d) }
            i += chunks
          }
        }
      }
      initialized = total
    }
    self.init(count: n, lowerTriangle: values)
  }

  /// The distance between points `i` and `j` (0 when `i == j`).
  @inlinable
  public subscript(i: Int, j: Int) -> Double {
    if i == j { return 0 }
    return i > j ? entries[i * (i - 1) / 2 + j] : entries[j * (j - 1) / 2 + i]
  }

  /// The enclosing radius: the smallest over points of the largest distance from that point.
  /// Beyond it the Vietoris–Rips complex is a cone, so nothing changes in its homology.
  public var enclosingRadius: Double {
    guard count > 0 else { return 0 }
    var best = Double.infinity
    for i in 0..<count {
      var farthest = 0.0
      for j in 0..<count where j != i { farthest = Swift.max(farthest, self[i, j]) }
      best = Swift.min(best, farthest)
    }
    return best
  }
}
