/// Everything an ``Evaluation`` measured for a real/synthetic pair, with the parameters used.
///
/// JSON (`tda-eval evaluate --json`, sorted keys): `parameters`, `real` and `synthetic` (`points`,
/// `dimension`), and one object per computed part: `diagrams` (as `tda-eval diagrams`), `metrics`
/// (as `tda-eval metrics`), `kde` (as `tda-eval kde`; `kde_table` for mixed tables), `gscore` (as
/// `tda-eval gscore`), `privacy` (as `tda-eval privacy`), `fidelity` (as `tda-eval fidelity`),
/// `detect` (as `tda-eval detect`), `utility` (as `tda-eval utility`, with a target),
/// `distance` (`euclidean` or `gower`), `standardized` (the parts that worked on z-scored
/// samples); `baseline` (the same fields between two real samples, with its `source`),
/// `matched` (the same fields between the baseline's reference and the synthetic sample) and
/// `readings` (one ``Reading`` per scalar metric); `timings` (seconds per part, the baseline and
/// the bootstrap) and `omitted` (parts not computed, with the reason). Infinity is `null`.
public struct EvaluationReport: Sendable, Codable {
  /// The number of points and the dimension of one sample.
  public struct Sample: Sendable, Codable, Equatable {
    public var points: Int
    public var dimension: Int

    public init(points: Int, dimension: Int) {
      self.points = points
      self.dimension = dimension
    }
  }

  /// The configuration that produced this report.
  public var parameters: Evaluation
  /// The real sample.
  public var real: Sample
  /// The synthetic sample.
  public var synthetic: Sample
  /// The row distance of the k-NN metrics, persistence and the geometry score.
  public var distance: RowDistanceKind = .euclidean
  /// Diagrams and diagram distances, when computed.
  public var persistence: PersistenceComparison?
  /// Precision, recall, density, coverage, realism, distance to the closest record, NDB/K.
  public var sampleMetrics: SampleMetricsReport?
  /// Kernel-density log-likelihoods in both directions.
  public var kde: KernelDensityBaseline?
  /// The product-kernel KDE of mixed tables (statsmodels' `KDEMultivariate`), in both directions.
  public var tableKDE: TableKernelDensity?
  /// The geometry score with both MRLT vectors.
  public var geometryScore: GeometryScoreResult?
  /// DCR, NNDR, identifiability and the membership attack.
  public var privacy: PrivacyReport?
  /// Column shapes, column pair trends and the quality score.
  public var fidelity: FidelityReport?
  /// Logistic and 1-NN detection of the synthetic rows (as `tda-eval detect`).
  public var detection: DetectionReport?
  /// Train on synthetic, test on real, against train on real (as `tda-eval utility`).
  public var utility: UtilityReport?
  /// The parts that worked on z-scored samples (``Evaluation/standardize``), in part order.
  public var standardized: [String]?
  /// The same metrics between two samples of the real distribution.
  public var baseline: EvaluationBaseline?
  /// The same metrics between the baseline's reference real sample and the synthetic sample,
  /// at the baseline's sizes: what each reading's verdict compares with the baseline.
  public var matched: EvaluationBaseline?
  /// Every scalar metric read against the baseline.
  public var readings: [Reading]?
  /// Wall-clock seconds of each computed part, keyed by ``Evaluation/Part`` raw value.
  public var timings: [String: Double]
  /// Parts that were asked for but not computed, each with the reason.
  public var omitted: [String: String]

  public init(
    parameters: Evaluation, real: Sample, synthetic: Sample,
    persistence: PersistenceComparison? = nil, timings: [String: Double] = [:],
    omitted: [String: String] = [:]
  ) {
    self.parameters = parameters
    self.real = real
    self.synthetic = synthetic
    self.persistence = persistence
    self.timings = timings
    self.omitted = omitted
  }

  enum CodingKeys: String, CodingKey {
    case parameters, real, synthetic, distance
    case persistence = "diagrams"
    case sampleMetrics = "metrics"
    case kde
    case tableKDE = "kde_table"
    case geometryScore = "gscore"
    case privacy, fidelity, standardized
    case detection = "detect"
    case utility
    case baseline, matched, readings, timings, omitted
  }
}

/// The distances between the real and the synthetic diagram of one dimension (`+∞` when the
/// numbers of essential classes differ; `null` in JSON).
public struct DiagramDistanceSummary: Sendable, Codable, Equatable {
  public var dimension: Int
  /// Bottleneck distance (L∞ ground metric).
  public var bottleneck: Double
  /// Wasserstein distance of order 1.
  public var wasserstein1: Double
  /// Wasserstein distance of order 2.
  public var wasserstein2: Double

  public init(dimension: Int, bottleneck: Double, wasserstein1: Double, wasserstein2: Double) {
    self.dimension = dimension
    self.bottleneck = bottleneck
    self.wasserstein1 = wasserstein1
    self.wasserstein2 = wasserstein2
  }

  /// The distances between the real and the synthetic diagram of every dimension both have: the
  /// exact bottleneck distance and the Wasserstein distances of orders 1 and 2 (L∞ ground metric)
  /// within `wassersteinRelativeError`, the three distances of every dimension computed in
  /// parallel (each in its own slot: the same values on any number of cores).
  public static func between(
    real: [PersistenceDiagram], synthetic: [PersistenceDiagram],
    wassersteinRelativeError: Double = 0.01
  ) throws -> [DiagramDistanceSummary] {
    let pairs = real.compactMap { a in
      synthetic.first(where: { $0.dimension == a.dimension }).map { (a, $0) }
    }
    let values = [Result<Double, any Error>](concurrentlyComputing: 3 * pairs.count) { job in
      let (a, b) = pairs[job / 3]
      return Result {
        switch job % 3 {
        case 0: try Bottleneck.distance(a, b)
        default:
          try Wasserstein.distance(
            a, b, order: Double(job % 3), relativeError: wassersteinRelativeError)
        }
      }
    }
    return try pairs.indices.map { k in
      DiagramDistanceSummary(
        dimension: pairs[k].0.dimension, bottleneck: try values[3 * k].get(),
        wasserstein1: try values[3 * k + 1].get(), wasserstein2: try values[3 * k + 2].get())
    }
  }

  enum CodingKeys: String, CodingKey { case dimension, bottleneck, wasserstein1, wasserstein2 }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(dimension, forKey: .dimension)
    try container.encode(bottleneck.isFinite ? bottleneck : nil, forKey: .bottleneck)
    try container.encode(wasserstein1.isFinite ? wasserstein1 : nil, forKey: .wasserstein1)
    try container.encode(wasserstein2.isFinite ? wasserstein2 : nil, forKey: .wasserstein2)
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    dimension = try container.decode(Int.self, forKey: .dimension)
    bottleneck = try container.decode(Double?.self, forKey: .bottleneck) ?? .infinity
    wasserstein1 = try container.decode(Double?.self, forKey: .wasserstein1) ?? .infinity
    wasserstein2 = try container.decode(Double?.self, forKey: .wasserstein2) ?? .infinity
  }
}

/// The persistence part of a report: both samples' diagrams and, per dimension, their distances
/// (`nil` when the distance library is not available).
public struct PersistenceComparison: Sendable, Codable, Equatable {
  public var real: RipsSummary
  public var synthetic: RipsSummary
  public var distances: [DiagramDistanceSummary]?

  public init(real: RipsSummary, synthetic: RipsSummary, distances: [DiagramDistanceSummary]?) {
    self.real = real
    self.synthetic = synthetic
    self.distances = distances
  }
}
