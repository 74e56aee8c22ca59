import PointClouds

/// A k-means codebook computed as scikit-learn's `KMeans(n_clusters: K, n_init: 1)` computes it
/// (greedy k-means++ seeding, then Lloyd's algorithm with scikit-learn's stopping rule), with this
/// package's seeded generator in place of numpy's.
///
/// **Seeding** (greedy k-means++, Arthur & Vassilvitskii; scikit-learn's `_kmeans_plusplus`): the
/// first centre is a uniform random point. Each next centre is chosen among `2 + ⌊ln K⌋` candidate
/// points, each drawn with probability proportional to its squared distance D(x)² to the nearest
/// centre so far (point i is drawn for u · Σ D² in [Σ_{j<i} D², Σ_{j≤i} D²) with u uniform in
/// [0, 1), so a point at distance 0 is never drawn while another is not; the last point when every
/// D² is 0): the candidate that leaves the smallest potential Σ min(D², d(x, candidate)²) wins
/// (the first on ties).
///
/// **Lloyd**: each iteration assigns every point to its nearest centre (the lowest index on
/// ties) and moves each centre to the mean of its points. A cluster left empty takes the point
/// farthest from its centre (scikit-learn's relocation: farthest first, the lowest index on ties,
/// empty clusters in increasing order; the point leaves its old cluster's mean). It stops when the
/// assignments repeat those of the previous iteration (strict convergence), or when the centres
/// moved by at most `tol` in total squared distance, `tol` = 10⁻⁴ × the mean over coordinates of
/// the cloud's variance — then every point is assigned once more to the final centres — or after
/// 300 iterations. These are scikit-learn's defaults (`tol=1e-4`, `max_iter=300`).
///
/// Every squared distance is the exact difference-then-square sum of ``SquaredDistanceTiles``
/// (streamed on every core, no n × K matrix), summed over coordinates in order; every sum over
/// points (potentials, means, variances) runs in point order on one thread, so the result does
/// not depend on the number of threads. Lloyd's assignments are kept with Hamerly's bounds
/// (``NearestCentreBounds``): after the first iterations most points provably keep their centre
/// and are not measured again, with exactly the labels of a full pass.
///
/// Complexity: O((2 + ln K) · n K d) for the seeding, at most O(n K d) per Lloyd iteration;
/// O(n + K d) memory besides the cloud.
public struct KMeans: Sendable {
  /// Upper bound on the Lloyd iterations (scikit-learn's `max_iter`).
  public static let maximumIterations = 300
  /// The stopping tolerance relative to the mean coordinate variance (scikit-learn's `tol`).
  public static let relativeTolerance = 1e-4

  /// The K centres, one per row.
  public let centres: PointCloud
  /// The cluster of every input point: its nearest centre.
  public let assignments: [Int]
  /// The number of Lloyd iterations run.
  public let iterations: Int

  /// Clusters `cloud` into `clusters` cells, seeded by greedy k-means++ from `seed`.
  /// Deterministic for a given `seed`, on every machine and thread count.
  /// - Precondition: `1 <= clusters <= cloud.count`.
  public init(_ cloud: PointCloud, clusters: Int, seed: UInt64) {
    self.init(cloud, initialCentres: Self.seeds(cloud, clusters: clusters, seed: seed))
  }

  /// Runs Lloyd's algorithm on `cloud` from `initialCentres` (scikit-learn's `init=` array).
  /// - Precondition: at least one centre, of the cloud's dimension; a non-empty cloud.
  public init(_ cloud: PointCloud, initialCentres: PointCloud) {
    precondition(cloud.count >= 1 && initialCentres.count >= 1, "empty cloud or no centres")
    precondition(cloud.dimension == initialCentres.dimension, "centres of another dimension")
    let tolerance = Self.relativeTolerance * Self.meanVariance(of: cloud)
    var centres = initialCentres
    var previous = [Int](repeating: -1, count: cloud.count)
    var nearest = NearestCentreBounds(cloud, centres: centres)
    var iterations = 0
    var converged = false
    while iterations < Self.maximumIterations {
      iterations += 1
      let updated = Self.means(of: cloud, labels: nearest.labels, centres: centres)
      let shift = Self.squaredShift(from: centres, to: updated)
      let labels = nearest.labels
      nearest.move(cloud, from: centres, to: updated)
      centres = updated
      if labels == previous {
        converged = true
        break
      }
      if shift <= tolerance { break }
      previous = labels
    }
    // After a tolerance stop the labels are those of the final centres (scikit-learn's last
    // E-step); after strict convergence the centres did not move.
    self.centres = centres
    self.assignments = nearest.labels
    self.iterations = iterations
  }

  /// The greedy k-means++ seeds of `cloud` (see the type's description).
  /// - Precondition: `1 <= clusters <= cloud.count`.
  public static func seeds(_ cloud: PointCloud, clusters: Int, seed: UInt64) -> PointCloud {
    precondition(clusters >= 1 && clusters <= cloud.count, "clusters must be in 1...count")
    let n = cloud.count
    let trials = 2 + Int(_log(Double(clusters)))
    var generator = SeededGenerator(seed: seed)
    var chosen = [generator.nextInt(below: n)]
    var nearest = squaredDistances(of: cloud, to: cloud.selecting(points: chosen))
    var potential = nearest.reduce(0, +)
    var cumulative = [Double](repeating: 0, count: n)
    while chosen.count < clusters {
      var running = 0.0
      for i in 0..<n {
        running += nearest[i]
        cumulative[i] = running
      }
      let candidates = (0..<trials).map { _ in
        firstAbove(generator.nextUniform() * potential, in: cumulative)
      }
      // Candidate-major: row t holds the squared distances of every point to candidate t.
      let distances = squaredDistances(of: cloud, to: cloud.selecting(points: candidates))
      var best = 0
      var bestPotential = Double.infinity
      for t in 0..<trials {
        var total = 0.0
        for i in 0..<n { total += min(nearest[i], distances[t * n + i]) }
        if total < bestPotential {
          (best, bestPotential) = (t, total)
        }
      }
      for i in 0..<n { nearest[i] = min(nearest[i], distances[best * n + i]) }
      potential = bestPotential
      chosen.append(candidates[best])
    }
    return cloud.selecting(points: chosen)
  }

  /// The index of the nearest of `centres` for every point of `cloud` (the lowest index on ties),
  /// on the kernel the codebook was fitted with.
  /// - Precondition: same dimension, at least one centre.
  public static func nearestCentres(of cloud: PointCloud, among centres: PointCloud) -> [Int] {
    precondition(centres.count >= 1 && cloud.dimension == centres.dimension, "bad centres")
    var labels = [Int](repeating: 0, count: cloud.count)
    var distances = [Double](repeating: .infinity, count: cloud.count)
    labels.withUnsafeMutableBufferPointer { labelBuffer in
      distances.withUnsafeMutableBufferPointer { distanceBuffer in
        let rows = NearestCentreRows(
          labels: labelBuffer.baseAddress!, distances: distanceBuffer.baseAddress!)
        _ = SquaredDistanceTiles.run(queries: cloud, references: centres) { _ in rows }
      }
    }
    return labels
  }

  /// The squared distances from every point of `cloud` to each point of `others`, row t (of
  /// `cloud.count` entries) for `others`' point t.
  static func squaredDistances(of cloud: PointCloud, to others: PointCloud) -> [Double] {
    var result = [Double](repeating: 0, count: cloud.count * others.count)
    result.withUnsafeMutableBufferPointer { buffer in
      let rows = TransposedRows(base: buffer.baseAddress!, count: cloud.count)
      _ = SquaredDistanceTiles.run(queries: cloud, references: others) { _ in rows }
    }
    return result
  }

  /// The first index whose cumulative weight exceeds `target` (the last index if none does).
  static func firstAbove(_ target: Double, in cumulative: [Double]) -> Int {
    var (low, high) = (0, cumulative.count - 1)
    while low < high {
      let middle = (low + high) / 2
      if cumulative[middle] > target { high = middle } else { low = middle + 1 }
    }
    return low
  }

  /// The mean of each cluster's points, sums in point order; empty clusters relocated (see the
  /// type's description) by the squared distances of the points to their centres in `centres`.
  static func means(of cloud: PointCloud, labels: [Int], centres: PointCloud) -> PointCloud {
    let (k, d) = (centres.count, cloud.dimension)
    var sums = [Double](repeating: 0, count: k * d)
    var sizes = [Int](repeating: 0, count: k)
    cloud.withUnsafeCoordinates { x in
      for (i, label) in labels.enumerated() {
        sizes[label] += 1
        for c in 0..<d { sums[label * d + c] += x[i * d + c] }
      }
      let empty = (0..<k).filter { sizes[$0] == 0 }
      if !empty.isEmpty {
        let distances = labels.indices.map { i in
          var total = 0.0  // summed as the tile kernel sums: coordinate after coordinate
          for c in 0..<d {
            let t = x[i * d + c] - centres[labels[i], c]
            total += t * t
          }
          return total
        }
        let farthest = distances.indices.sorted {
          distances[$0] > distances[$1] || (distances[$0] == distances[$1] && $0 < $1)
        }
        for (cluster, point) in zip(empty, farthest) {
          let old = labels[point]
          for c in 0..<d {
            sums[old * d + c] -= x[point * d + c]
            sums[cluster * d + c] = x[point * d + c]
          }
          sizes[old] -= 1
          sizes[cluster] = 1
        }
      }
    }
    for cluster in 0..<k {
      for c in 0..<d {
        // A cluster emptied by giving its only point away keeps its centre.
        sums[cluster * d + c] =
          sizes[cluster] > 0 ? sums[cluster * d + c] / Double(sizes[cluster]) : centres[cluster, c]
      }
    }
    return PointCloud(count: k, dimension: d, coordinates: sums)
  }

  /// Σ over centres and coordinates of (new − old)².
  static func squaredShift(from old: PointCloud, to new: PointCloud) -> Double {
    zip(old.coordinates, new.coordinates).reduce(0) { $0 + ($1.1 - $1.0) * ($1.1 - $1.0) }
  }

  /// The mean over coordinates of the population variance (numpy's `var(axis=0).mean()`).
  static func meanVariance(of cloud: PointCloud) -> Double {
    let (n, d) = (cloud.count, cloud.dimension)
    guard d > 0 else { return 0 }
    var total = 0.0
    for c in 0..<d {
      var mean = 0.0
      for i in 0..<n { mean += cloud[i, c] }
      mean /= Double(n)
      var squares = 0.0
      for i in 0..<n {
        let deviation = cloud[i, c] - mean
        squares += deviation * deviation
      }
      total += squares / Double(n)
    }
    return total / Double(d)
  }
}

/// Keeps, for each query, the nearest reference (the first on ties: references arrive in
/// increasing order) and its squared distance.
private struct NearestCentreRows: TileConsumer, @unchecked Sendable {
  let labels: UnsafeMutablePointer<Int>
  let distances: UnsafeMutablePointer<Double>

  mutating func consume(_ tile: SquaredDistanceTile) {
    let first = tile.references.lowerBound
    for query in tile.queries {
      var (best, label) = (distances[query], labels[query])
      for (offset, value) in tile.row(query).enumerated() where value < best {
        (best, label) = (value, first + offset)
      }
      (distances[query], labels[query]) = (best, label)
    }
  }
}

/// Stores each tile transposed: the distance of query q to reference r at `r * count + q`.
private struct TransposedRows: TileConsumer, @unchecked Sendable {
  let base: UnsafeMutablePointer<Double>
  let count: Int

  mutating func consume(_ tile: SquaredDistanceTile) {
    for query in tile.queries {
      for (offset, value) in tile.row(query).enumerated() {
        base[(tile.references.lowerBound + offset) * count + query] = value
      }
    }
  }
}
