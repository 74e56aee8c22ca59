import PointClouds

/// The number-of-statistically-different-bins comparison NDB/K (Richardson & Weiss, NeurIPS 2018).
///
/// K bins are the Voronoi cells of a k-means codebook fitted to the real set (``KMeans``: greedy
/// k-means++ seeding from `seed`, then Lloyd's algorithm with scikit-learn's stopping rule, as
/// the authors' code fits it with scikit-learn). Both sets are assigned to their nearest centre
/// (the lowest index on ties). For each bin a two-proportion z-test
/// compares the real share p_r = n_r/N with the synthetic share p_s = n_s/M: with the pooled
/// p = (n_r + n_s)/(N + M), z = (p_r − p_s) / √(p(1 − p)(1/N + 1/M)), and the bin is different when
/// |z| > 1.959964 (two-sided, α = 0.05). NDB/K = different bins / K (≈ α for matching
/// distributions). Also the Jensen–Shannon divergence of the two bin histograms, natural
/// logarithm (0 … ln 2).
public struct VectorQuantization: Codable, Sendable, Equatable {
  /// The two-sided critical value of the z-test (α = 0.05).
  public static let criticalZ = 1.959963984540054

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
  /// - Throws: ``SampleMetricsError`` when `bins` is not in 1...N, for empty sets, non-finite
  ///   values or
  ///   different dimensions.
  /// - Complexity: O((iterations + ln K) · N K d + M K d) time.
  public static func compute(
    real: PointCloud, synthetic: PointCloud, bins: Int = 20, seed: UInt64 = 0
  )
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
    return compare(real: real, synthetic: synthetic, codebook: codebook, seed: seed)
  }

  /// NDB/K and the JSD of `synthetic` against `real` in the bins of `codebook`, fitted to `real`.
  static func compare(real: PointCloud, synthetic: PointCloud, codebook: KMeans, seed: UInt64)
    -> VectorQuantization
  {
    let bins = codebook.centres.count
    let realCounts = histogram(codebook.assignments, bins: bins)
    let syntheticCounts = histogram(
      KMeans.nearestCentres(of: synthetic, among: codebook.centres), bins: bins)
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
