import PointClouds
import Tables

/// Everything `tda-eval metrics` prints for a real/synthetic pair: precision, recall, density,
/// coverage, the realism summary, the distance to the closest record (with a holdout split when
/// given) and, when asked for, the vector-quantisation (NDB/K) comparison.
///
/// The k-NN metrics share one ``ManifoldComparison`` (three exact passes over the pairs), and the
/// distance to the closest record reuses its nearest-real distances.
public struct SampleMetricsReport: Codable, Sendable, Equatable {
  /// The distance between rows: Euclidean, or Gower on mixed tables.
  public var distance: RowDistanceKind
  /// The neighbourhood size.
  public var k: Int
  /// Open (prdc, default) or closed (authors' code) balls.
  public var balls: BallBoundary
  /// Whether every set was z-scored with the real set's column statistics first.
  public var standardized: Bool
  /// Columns constant in the real set (only centred), when standardised.
  public var constantColumns: [Int]?
  /// Share of synthetic points inside the real manifold.
  public var precision: Double
  /// Share of real points inside the synthetic manifold.
  public var recall: Double
  /// Naeem et al.'s density.
  public var density: Double
  /// Naeem et al.'s coverage.
  public var coverage: Double
  /// Summary of the per-sample realism scores.
  public var realism: RealismSummary
  /// Distances to the closest real record.
  public var dcr: DistanceToClosestRecord
  /// The NDB/K vector-quantisation comparison, when requested.
  public var vq: VectorQuantization?
  /// Why NDB/K was requested but not computed (e.g. missing cells under Gower's distance).
  public var vqOmitted: String?
  /// α-precision, β-recall and authenticity in the naive (min–max) embedding.
  public var alphaBeta: AlphaPrecision?
  /// Why `alphaBeta` was not computed (e.g. missing cells).
  public var alphaBetaOmitted: String?

  enum CodingKeys: String, CodingKey {
    case distance, k, balls, standardized, precision, recall, density, coverage, realism, dcr, vq
    case vqOmitted = "vq_omitted"
    case alphaBeta = "alpha_beta"
    case alphaBetaOmitted = "alpha_beta_omitted"
    case constantColumns = "constant_columns"
  }

  /// Computes the report.
  /// - Parameters:
  ///   - holdout: real rows held out from training, for the memorisation comparison.
  ///   - standardize: z-score every set with `real`'s column means and standard deviations.
  ///   - bins: the number of k-means bins of the NDB/K comparison; nil skips it.
  ///   - seed: the seed of the k-means++ initialisation.
  /// - Throws: ``SampleMetricsError`` for bad parameters or input.
  public static func compute(
    real: PointCloud, synthetic: PointCloud, holdout: PointCloud? = nil, k: Int = 5,
    balls: BallBoundary = .open, standardize: Bool = false, bins: Int? = nil, seed: UInt64 = 0,
    progress: ProgressHandler? = nil
  ) throws -> SampleMetricsReport {
    try compute(
      real: real, synthetic: synthetic, holdout: holdout, k: k, balls: balls,
      standardize: standardize, bins: bins, seed: seed, progress: progress,
      alphaBetaOf: (Table(real, file: "real"), Table(synthetic, file: "synthetic")))
  }

  /// The report of clouds, with α-precision, β-recall and authenticity of `alphaBetaOf` (the
  /// tables the clouds embed, or the clouds as tables).
  static func compute(
    real: PointCloud, synthetic: PointCloud, holdout: PointCloud?, k: Int, balls: BallBoundary,
    standardize: Bool, bins: Int?, seed: UInt64, progress: ProgressHandler?,
    alphaBetaOf tables: (real: Table, synthetic: Table)
  ) throws -> SampleMetricsReport {
    let (alphaBeta, alphaBetaOmitted) = AlphaPrecision.naive(
      real: tables.real, synthetic: tables.synthetic)
    var real = real
    var synthetic = synthetic
    var holdout = holdout
    var constantColumns: [Int]?
    if standardize {
      try validateSameDimension(real, named: "real", synthetic, named: "synthetic")
      if let holdout { try validateSameDimension(real, named: "real", holdout, named: "holdout") }
      let scaling = try Standardization(fittedTo: real)
      real = scaling.apply(to: real)
      synthetic = scaling.apply(to: synthetic)
      holdout = holdout.map(scaling.apply)
      constantColumns = scaling.constantColumns
    }
    if let holdout {
      try validate(holdout, named: "holdout", minimum: 1)
      try validateSameDimension(real, named: "real", holdout, named: "holdout")
    }
    let comparison = try ManifoldComparison(
      real: real, synthetic: synthetic, k: k, balls: balls, progress: progress)
    let precisionRecall = PrecisionRecall(comparison)
    let densityCoverage = DensityCoverage(comparison)
    return SampleMetricsReport(
      distance: .euclidean, k: k, balls: balls, standardized: standardize,
      constantColumns: constantColumns,
      precision: precisionRecall.precision, recall: precisionRecall.recall,
      density: densityCoverage.density, coverage: densityCoverage.coverage,
      realism: Realism(comparison).summary,
      dcr: DistanceToClosestRecord(
        syntheticDistances: comparison.syntheticToRealSquared.map { $0.squareRoot() },
        holdoutDistances: holdout.map {
          DistanceToClosestRecord.distances(from: $0, to: real, progress: progress)
        }),
      vq: try bins.map {
        try VectorQuantization.compute(real: real, synthetic: synthetic, bins: $0, seed: seed)
      }, alphaBeta: alphaBeta, alphaBetaOmitted: alphaBetaOmitted)
  }

  /// Computes the report on mixed tables under Gower's distance (ranges from `real`); NDB/K runs
  /// on the tables' ``EuclideanEmbedding`` and is omitted, with the reason, when a cell is missing.
  /// - Throws: ``SampleMetricsError`` for bad parameters or too few rows.
  public static func compute(
    real: Table, synthetic: Table, holdout: Table? = nil, gower: GowerDistance, k: Int = 5,
    balls: BallBoundary = .open, bins: Int? = nil, seed: UInt64 = 0,
    progress: ProgressHandler? = nil
  ) throws -> SampleMetricsReport {
    let comparison = try ManifoldComparison(
      real: real, synthetic: synthetic, gower: gower, k: k, balls: balls, progress: progress)
    let (alphaBeta, alphaBetaOmitted) = AlphaPrecision.naive(real: real, synthetic: synthetic)
    let precisionRecall = PrecisionRecall(comparison)
    let densityCoverage = DensityCoverage(comparison)
    var vq: VectorQuantization? = nil
    var vqOmitted: String? = nil
    if let bins {
      if real.hasMissingCells || synthetic.hasMissingCells {
        vqOmitted = "NDB/K needs the Euclidean embedding, which is undefined for missing cells"
      } else {
        let embedding = try EuclideanEmbedding(fittedTo: real)
        vq = try VectorQuantization.compute(
          real: try embedding.apply(to: real), synthetic: try embedding.apply(to: synthetic),
          bins: bins, seed: seed)
      }
    }
    return SampleMetricsReport(
      distance: .gower, k: k, balls: balls, standardized: false, constantColumns: nil,
      precision: precisionRecall.precision, recall: precisionRecall.recall,
      density: densityCoverage.density, coverage: densityCoverage.coverage,
      realism: Realism(comparison).summary,
      dcr: DistanceToClosestRecord(
        syntheticDistances: comparison.syntheticToRealSquared.map { $0.squareRoot() },
        holdoutDistances: holdout.map {
          gower.nearest(from: $0, to: real, progress: progress).distances
        }),
      vq: vq, vqOmitted: vqOmitted, alphaBeta: alphaBeta, alphaBetaOmitted: alphaBetaOmitted)
  }

  /// The report of tables read together, under their distance: Gower, or Euclidean on their
  /// values (all-numeric tables, z-scored only with `standardize`) or on their embedding (mixed
  /// tables). α-precision, β-recall and authenticity are those of the tables themselves.
  public static func compute(
    _ tables: TableSamples, k: Int = 5, balls: BallBoundary = .open, standardize: Bool = false,
    bins: Int? = nil, seed: UInt64 = 0, progress: ProgressHandler? = nil
  ) throws -> SampleMetricsReport {
    switch tables.distance {
    case .gower:
      return try compute(
        real: tables.real, synthetic: tables.synthetic, holdout: tables.holdout,
        gower: tables.gower,
        k: k, balls: balls, bins: bins, seed: seed, progress: progress)
    case .euclidean:
      let clouds = try tables.euclideanClouds()
      return try compute(
        real: clouds.real, synthetic: clouds.synthetic, holdout: clouds.holdout, k: k, balls: balls,
        standardize: standardize && tables.real.isAllNumeric, bins: bins, seed: seed,
        progress: progress, alphaBetaOf: (tables.real, tables.synthetic))
    }
  }
}
