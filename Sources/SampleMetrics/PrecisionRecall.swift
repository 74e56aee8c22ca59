import PointClouds

/// Manifold precision and recall with k-NN balls (Kynkäänniemi et al., NeurIPS 2019).
///
/// Each set S is estimated by the union of balls B(s, NND_k(s)), NND_k(s) being the distance from
/// s to its k-th nearest neighbour in S (s itself excluded, duplicates counted at distance 0).
/// precision = share of synthetic points inside the real manifold; recall = share of real points
/// inside the synthetic manifold.
///
/// With `balls: .open` the values equal `prdc.compute_prdc(real, synthetic, nearest_k: k)`'s
/// `precision` and `recall`; with `.closed` they equal the authors' `knn_precision_recall_features`
/// (`distance <= radius` on squared distances; their code computes in float32, this in float64).
public struct PrecisionRecall: Codable, Sendable, Equatable {
  /// The neighbourhood size.
  public var k: Int
  /// Open (prdc) or closed (authors' code) balls.
  public var balls: BallBoundary
  /// Share of synthetic points inside at least one real ball, in [0, 1].
  public var precision: Double
  /// Share of real points inside at least one synthetic ball, in [0, 1].
  public var recall: Double

  /// Reads precision and recall off a computed comparison.
  public init(_ comparison: ManifoldComparison) {
    k = comparison.k
    balls = comparison.balls
    precision = share(comparison.realBallsContaining.lazy.map { $0 > 0 })
    recall = share(comparison.realInSyntheticManifold.lazy.map { $0 })
  }

  /// Precision and recall of `synthetic` against `real` with k-NN balls.
  /// - Throws: ``SampleMetricsError`` for k < 1, k ≥ the size of either set, empty sets,
  ///   non-finite values or different dimensions.
  /// - Complexity: O((N² + M² + NM) d) time, O((N + M) d) memory.
  public static func compute(
    real: PointCloud, synthetic: PointCloud, k: Int = 5, balls: BallBoundary = .open,
    progress: ProgressHandler? = nil
  ) throws -> PrecisionRecall {
    PrecisionRecall(
      try ManifoldComparison(
        real: real, synthetic: synthetic, k: k, balls: balls, progress: progress))
  }
}

/// The share of `true` among `flags` (0 for none).
func share(_ flags: some Collection<Bool>) -> Double {
  flags.isEmpty ? 0 : Double(flags.reduce(0) { $0 + ($1 ? 1 : 0) }) / Double(flags.count)
}
