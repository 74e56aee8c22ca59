import PointClouds

/// Density and coverage (Naeem et al., ICML 2020).
///
/// With the real k-NN balls B(X_i, NND_k(X_i)) of ``PrecisionRecall``:
/// density = (1/(kM)) Σ_j #{i : Y_j ∈ B_i} (1 in expectation when both sets come from the same
/// distribution; unbounded above); coverage = share of real balls that contain at least one
/// synthetic point (≈ 1 − 2^−k for identical distributions of equal size).
///
/// With `balls: .open` the values equal `prdc.compute_prdc`'s `density` (up to summation order)
/// and `coverage`; `.closed` applies the authors' `≤` convention of Kynkäänniemi et al. instead.
public struct DensityCoverage: Codable, Sendable, Equatable {
  /// The neighbourhood size.
  public var k: Int
  /// Open (prdc) or closed balls.
  public var balls: BallBoundary
  /// Mean number of real balls containing a synthetic point, divided by k.
  public var density: Double
  /// Share of real balls containing at least one synthetic point, in [0, 1].
  public var coverage: Double

  /// Reads density and coverage off a computed comparison.
  public init(_ comparison: ManifoldComparison) {
    k = comparison.k
    balls = comparison.balls
    let total = comparison.realBallsContaining.reduce(0, +)
    density = Double(total) / Double(comparison.k * comparison.realBallsContaining.count)
    coverage = share(comparison.realBallCovered)
  }

  /// Density and coverage of `synthetic` against `real`.
  /// - Throws: ``SampleMetricsError`` as
  ///   ``PrecisionRecall/compute(real:synthetic:k:balls:progress:)``.
  public static func compute(
    real: PointCloud, synthetic: PointCloud, k: Int = 5, balls: BallBoundary = .open,
    progress: ProgressHandler? = nil
  ) throws -> DensityCoverage {
    DensityCoverage(
      try ManifoldComparison(
        real: real, synthetic: synthetic, k: k, balls: balls, progress: progress))
  }
}
