import PointClouds

/// All pairwise Euclidean distances of one cloud, kept for many witness filtrations on it (the
/// Geometry Score builds one per landmark draw, every point a witness).
///
/// Stored square and row-major (n² doubles: 5 000 points take 200 MB), so that the distances from
/// every witness to landmark l are one contiguous row, read as a stream; each point's largest
/// distance is kept too, so the largest witness–landmark distance of a draw costs O(L).
/// Built from `DistanceMatrix` (parallel), O(n² d).
public struct WitnessDistanceCache: Sendable {
  /// The number of points.
  public let count: Int
  /// d(i, j) at `i * count + j`.
  let values: [Double]
  /// max_j d(i, j) for each point i.
  let eccentricities: [Double]

  /// The distances of `cloud`.
  public init(_ cloud: PointCloud) {
    let matrix = DistanceMatrix(cloud, metric: .euclidean)
    let n = cloud.count
    count = n
    var largest = [Double](repeating: 0, count: n)
    values = [Double](unsafeUninitializedCapacity: n * n) { full, initialized in
      matrix.entries.withUnsafeBufferPointer { entries in
        // Tiles keep both the row-wise and the column-wise writes in cache.
        let tile = 64
        for top in stride(from: 0, to: n, by: tile) {
          for left in stride(from: 0, through: top, by: tile) {
            for i in top..<min(top + tile, n) {
              for j in left..<min(left + tile, i) {
                let d = entries[i * (i - 1) / 2 + j]
                full[i * n + j] = d
                full[j * n + i] = d
              }
            }
          }
        }
        for i in 0..<n {
          full[i * n + i] = 0
          var row = 0.0
          for j in 0..<n { row = max(row, full[i * n + j]) }
          largest[i] = row
        }
      }
      initialized = n * n
    }
    eccentricities = largest
  }
}
