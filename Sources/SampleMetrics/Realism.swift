import PointClouds

/// The realism score of each synthetic sample (Kynkäänniemi et al., NeurIPS 2019), as the
/// authors' code computes it (`precision_recall.py`, `clamp_to_percentile=50`, `eps=1e-5`):
///
///   R(y) = max_i  r̃_i² / (d(y, X_i)² + 1e-5),
///
/// where r̃_i² = NND_k(X_i)² if it is at most the 50th percentile of all real squared radii
/// (numpy's linear interpolation) and 0 otherwise — the larger half of the real balls is pruned
/// to suppress outliers. This is a ratio of **squared** distances (≈ the square of the paper's
/// ratio of distances, plus eps); R ≥ 1 roughly means "inside a kept ball", larger is more typical,
/// and an exact copy of a kept real point scores r̃²/1e-5.
public struct Realism: Codable, Sendable, Equatable {
  /// The constant added to squared distances in the authors' code.
  public static let epsilon = 1e-5

  /// The neighbourhood size of the real balls.
  public var k: Int
  /// The score of every synthetic point, in input order.
  public var scores: [Double]

  /// Reads the scores off a computed comparison.
  public init(_ comparison: ManifoldComparison) {
    k = comparison.k
    scores = comparison.realism
  }

  /// Realism scores of `synthetic` against `real`.
  /// - Throws: ``SampleMetricsError`` as
  ///   ``PrecisionRecall/compute(real:synthetic:k:balls:progress:)``.
  public static func compute(
    real: PointCloud, synthetic: PointCloud, k: Int = 5, progress: ProgressHandler? = nil
  ) throws -> Realism {
    Realism(try ManifoldComparison(real: real, synthetic: synthetic, k: k, progress: progress))
  }

  /// Summary statistics of the scores.
  public var summary: RealismSummary { RealismSummary(scores) }

  /// The squared radii with every value above their 50th percentile set to 0.
  static func prunedSquaredRadii(_ squaredRadii: [Double]) -> [Double] {
    let cut = percentile(squaredRadii, 50)
    return squaredRadii.map { $0 > cut ? 0 : $0 }
  }
}

/// Mean, median, extremes of the realism scores and the share of scores at least 1.
public struct RealismSummary: Codable, Sendable, Equatable {
  /// Mean score.
  public var mean: Double
  /// Median score (linear interpolation).
  public var median: Double
  /// Smallest score.
  public var min: Double
  /// Largest score.
  public var max: Double
  /// Share of synthetic points with a score of at least 1.
  public var atLeastOne: Double

  enum CodingKeys: String, CodingKey {
    case mean, median, min, max
    case atLeastOne = "at_least_one"
  }

  /// Summarises `scores` (not empty).
  public init(_ scores: [Double]) {
    mean = SampleMetrics.mean(scores)
    median = percentile(scores, 50)
    min = scores.min() ?? 0
    max = scores.max() ?? 0
    atLeastOne = share(scores.lazy.map { $0 >= 1 })
  }
}
