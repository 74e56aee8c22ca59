import PointClouds

/// The number-of-statistically-different-bins comparison NDB/K (Richardson & Weiss, NeurIPS 2018).
///
/// K bins are the Voronoi cells of a k-means codebook fitted to the real set (k-means++ seeding
/// from `seed`, then Lloyd iterations until no assignment changes, at most 100). Both sets are
/// assigned to their nearest centre (the lowest index on ties). For each bin a two-proportion z-test
/// compares the real share p_r = n_r/N with the synthetic share p_s = n_s/M: with the pooled
/// p = (n_r + n_s)/(N + M), z = (p_r − p_s) / √(p(1 − p)(1/N + 1/M)), and the bin is different when
/// |z| > 1.959964 (two-sided, α = 0.05). NDB/K = different bins / K (≈ α for matching
/// distributions). Also the Jensen–Shannon divergence of the two bin histograms, natural
/// logarithm (0 … ln 2).
///
/// An empty k-means cluster keeps its previous centre.
public struct VectorQuantization: Codable, Sendable, Equatable {
  /// The two-sided critical value of the z-test (α = 0.05).
  public static let criticalZ = 1.959963984540054
  /// Upper bound on the Lloyd iterations.
  public static let maximumIterations = 100

  /// The number of bins K.
  public var bins: Int
  /// The seed of the k-means++ initialisation.
  public var seed: UInt64
  /// The number of statistically different bins.
  public var different: Int
  /// different / K.
  public var ndbOverK: Double
  /// Jensen–Shannon divergence of the bin histograms, in nats.
  public var jsd: Double
  /// The share of real points in each bin.
  public var realProportions: [Double]
  /// The share of synthetic points in each bin.
  public var syntheticProportions: [Double]

  enum CodingKeys: String, CodingKey {
    case bins, seed, different, jsd
    case ndbOverK = "ndb_over_k"
    case realProportions = "real_proportions"
    case syntheticProportions = "synthetic_proportions"
  }

  /// NDB/K and the histogram JSD of `synthetic` against `real` with `bins` k-means bins.
  /// - Throws: ``SampleMetricsError`` when `bins` is not in 1...N, for empty sets, non-finite values or
  ///   different dimensions.
  /// - Complexity: O(iterations · N K d + M K d) time.
  public static func compute(real: PointCloud, synthetic: PointCloud, bins: Int = 20, seed: UInt64 = 0)
    throws -> VectorQuantization
  {
    try validate(real, named: "real", minimum: 1)
    try validate(synthetic, named: "synthetic", minimum: 1)
    try validateSameDimension(real, named: "real", synthetic, named: "synthetic")
    guard bins >= 1 && bins <= real.count else {
      throw SampleMetricsError.invalidParameter(
        name: "bins", value: "\(bins)", allowed: "in 1...\(real.count) (the real set's size)")
    }
    let codebook = KMeans(real, clusters: bins, seed: seed)
    let realCounts = histogram(codebook.assignments, bins: bins)
    let syntheticCounts = histogram(
      NearestNeighbors.nearest(from: synthetic, to: codebook.centres).indices, bins: bins)
    let n = Double(real.count)
    let m = Double(synthetic.count)
    var different = 0
    for b in 0..<bins {
      let pooled = Double(realCounts[b] + syntheticCounts[b]) / (n + m)
      let standardError = (pooled * (1 - pooled) * (1 / n + 1 / m)).squareRoot()
      guard standardError > 0 else { continue }
      let z = (Double(realCounts[b]) / n - Double(syntheticCounts[b]) / m) / standardError
      if abs(z) > criticalZ { different += 1 }
    }
    let p = realCounts.map { Double($0) / n }
    let q = syntheticCounts.map { Double($0) / m }
    return VectorQuantization(
      bins: bins, seed: seed, different: different, ndbOverK: Double(different) / Double(bins),
      jsd: jensenShannon(p, q), realProportions: p, syntheticProportions: q)
  }

  /// Jensen–Shannon divergence of two probability vectors, natural logarithm.
  static func jensenShannon(_ p: [Double], _ q: [Double]) -> Double {
    var total = 0.0
    for (a, b) in zip(p, q) {
      let middle = (a + b) / 2
      if a > 0 { total += 0.5 * a * _log(a / middle) }
      if b > 0 { total += 0.5 * b * _log(b / middle) }
    }
    return max(0, total)
  }

  static func histogram(_ assignments: [Int], bins: Int) -> [Int] {
    var counts = [Int](repeating: 0, count: bins)
    for bin in assignments { counts[bin] += 1 }
    return counts
  }
}

/// A k-means codebook: k-means++ seeding, then Lloyd iterations.
public struct KMeans: Sendable {
  /// The K centres, one per row.
  public let centres: PointCloud
  /// The cluster of every input point.
  public let assignments: [Int]
  /// The number of Lloyd iterations run.
  public let iterations: Int

  /// Clusters `cloud` into `clusters` cells. The first centre is a uniform random point; each next
  /// one is a point drawn with probability proportional to its squared distance to the nearest
  /// centre so far (uniform if all are 0). Deterministic for a given `seed`.
  /// - Precondition: `1 <= clusters <= cloud.count`.
  public init(_ cloud: PointCloud, clusters: Int, seed: UInt64) {
    precondition(clusters >= 1 && clusters <= cloud.count, "clusters must be in 1...count")
    let n = cloud.count
    let d = cloud.dimension
    var generator = SeededGenerator(seed: seed)
    var chosen = [generator.nextInt(below: n)]
    var nearest = [Double](repeating: .infinity, count: n)
    while chosen.count < clusters {
      let last = chosen[chosen.count - 1]
      cloud.withUnsafeCoordinates { x in
        let centre = x.baseAddress! + last * d
        for i in 0..<n {
          nearest[i] = min(nearest[i], squaredEuclidean(x.baseAddress! + i * d, centre, dimension: d))
        }
      }
      let total = nearest.reduce(0, +)
      var next = n - 1
      if total > 0 {
        var target = generator.nextUniform() * total
        for i in 0..<n where nearest[i] > 0 {
          target -= nearest[i]
          if target < 0 {
            next = i
            break
          }
        }
      } else {
        next = generator.nextInt(below: n)
      }
      chosen.append(next)
    }
    var centres = cloud.selecting(points: chosen)
    var assignments = [Int](repeating: -1, count: n)
    var iterations = 0
    while iterations < VectorQuantization.maximumIterations {
      let updated = NearestNeighbors.nearest(from: cloud, to: centres).indices
      iterations += 1
      if updated == assignments { break }
      assignments = updated
      var sums = centres.coordinates.map { _ in 0.0 }
      var sizes = [Int](repeating: 0, count: clusters)
      for i in 0..<n {
        sizes[assignments[i]] += 1
        for c in 0..<d { sums[assignments[i] * d + c] += cloud[i, c] }
      }
      for cluster in 0..<clusters where sizes[cluster] > 0 {
        for c in 0..<d { sums[cluster * d + c] /= Double(sizes[cluster]) }
      }
      for cluster in 0..<clusters where sizes[cluster] == 0 {
        for c in 0..<d { sums[cluster * d + c] = centres[cluster, c] }
      }
      centres = PointCloud(count: clusters, dimension: d, coordinates: sums)
    }
    self.centres = centres
    self.assignments = assignments
    self.iterations = iterations
  }
}
