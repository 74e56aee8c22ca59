import PointClouds

/// Memorisation check: the Euclidean distance from every synthetic row to its closest real
/// (training) row, summarised; optionally the same for rows of a held-out real split that the
/// generator never saw.
///
/// If synthetic rows sit markedly closer to the training rows than fresh real rows do (smaller
/// median and 5th percentile, more exact copies than the holdout), the generator is copying its
/// training data. An exact copy is a row at distance exactly 0 (every coordinate equal).
public struct DistanceToClosestRecord: Codable, Sendable, Equatable {
  /// Distances from the synthetic rows to their closest real rows.
  public var synthetic: ClosestRecordStatistics
  /// Distances from the held-out real rows to their closest (training) real rows, when given.
  public var holdout: ClosestRecordStatistics?

  /// Summarises distances already computed (per synthetic row and, optionally, per holdout row).
  public init(syntheticDistances: [Double], holdoutDistances: [Double]? = nil) {
    synthetic = ClosestRecordStatistics(syntheticDistances)
    holdout = holdoutDistances.map(ClosestRecordStatistics.init)
  }

  /// The distance to the closest record of `synthetic` rows against `real`, and of `holdout` rows
  /// when given.
  /// - Throws: ``SampleMetricsError`` for empty sets, non-finite values or different dimensions.
  /// - Complexity: O((M + H) N d) time, O(M + H) memory.
  public static func compute(
    real: PointCloud, synthetic: PointCloud, holdout: PointCloud? = nil,
    progress: ProgressHandler? = nil
  ) throws -> DistanceToClosestRecord {
    try validate(real, named: "real", minimum: 1)
    try validate(synthetic, named: "synthetic", minimum: 1)
    try validateSameDimension(real, named: "real", synthetic, named: "synthetic")
    if let holdout {
      try validate(holdout, named: "holdout", minimum: 1)
      try validateSameDimension(real, named: "real", holdout, named: "holdout")
    }
    return DistanceToClosestRecord(
      syntheticDistances: distances(from: synthetic, to: real, progress: progress),
      holdoutDistances: holdout.map { distances(from: $0, to: real, progress: progress) })
  }

  /// The Euclidean distance from every row of `rows` to its closest row of `real`.
  public static func distances(
    from rows: PointCloud, to real: PointCloud, progress: ProgressHandler? = nil
  ) -> [Double] {
    NearestNeighbors.nearest(from: rows, to: real, progress: progress).squaredDistances.map {
      $0.squareRoot()
    }
  }

  enum CodingKeys: String, CodingKey { case holdout }

  /// Encodes the synthetic statistics at the top level, beside `holdout`.
  public func encode(to encoder: any Encoder) throws {
    try synthetic.encode(to: encoder)
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encodeIfPresent(holdout, forKey: .holdout)
  }

  /// Decodes what ``encode(to:)`` writes.
  public init(from decoder: any Decoder) throws {
    synthetic = try ClosestRecordStatistics(from: decoder)
    holdout = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(
      ClosestRecordStatistics.self, forKey: .holdout)
  }
}

/// Summary of distances to the closest real record.
public struct ClosestRecordStatistics: Codable, Sendable, Equatable {
  /// The number of rows summarised.
  public var count: Int
  /// Median distance (linear interpolation, as `numpy.median`).
  public var median: Double
  /// 5th percentile of the distances (numpy's default linear interpolation).
  public var p5: Double
  /// Mean distance.
  public var mean: Double
  /// Share of rows at distance exactly 0 from some real row (exact copies), in [0, 1].
  public var exactCopies: Double

  enum CodingKeys: String, CodingKey {
    case count, median, p5, mean
    case exactCopies = "exact_copies"
  }

  /// Summarises `distances` (not empty).
  public init(_ distances: [Double]) {
    count = distances.count
    median = percentile(distances, 50)
    p5 = percentile(distances, 5)
    mean = SampleMetrics.mean(distances)
    exactCopies = share(distances.lazy.map { $0 == 0 })
  }
}
