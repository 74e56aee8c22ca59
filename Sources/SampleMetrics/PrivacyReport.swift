import Learning
import PointClouds
import Tables

/// Everything `tda-eval privacy` reports: is the synthetic data a copy of the real (training)
/// rows, and what does it leak? Every measure runs on the exact nearest-neighbour engine of the
/// chosen distance (Euclidean or Gower); the real side is never subsampled.
///
/// Definitions (`docs/privacy.md`):
/// - **DCR**: each synthetic row's distance to its closest real row (as `metrics`); with a holdout,
///   `closer_to_training` = share of synthetic rows strictly closer to a training row than to any
///   holdout row (a tie is not closer).
/// - **NNDR**: per synthetic row, distance to its nearest real row ÷ distance to its second
///   nearest (0 when both are 0).
/// - **Identifiability** (Yoon et al. 2020, without entropy weights): share of real rows whose
///   nearest synthetic row is strictly closer than their nearest other real row.
/// - **Membership inference** (with a holdout): members are the real rows, non-members the holdout
///   rows, score −(distance to the closest synthetic row); ROC AUC and TPR at FPR 0.01 and 0.1.
/// - **Attribute inference** (with quasi-identifiers and a sensitive column): see
///   ``AttributeInference``.
/// Each measure comes with `fresh`: the value a fresh real sample would get — computed with the
/// holdout in the synthetic sample's place when there is one, otherwise the expectation where it is
/// known (identifiability m/(m + n − 1), closer-to-training n/(n + h), AUC 0.5).
public struct PrivacyReport: Codable, Sendable, Equatable {
  /// The row distance.
  public var distance: RowDistanceKind
  /// Distances to the closest record, with `closer_to_training` and `holdout` when a holdout is
  /// given.
  public var dcr: PrivacyDCR
  /// Nearest-neighbour distance ratios of the synthetic rows.
  public var nndr: NNDR
  /// Share of real rows identifiable from the synthetic rows.
  public var identifiability: Measured
  /// The distance attack on membership, with a holdout.
  public var membership: MembershipInference?
  /// Attribute inference from quasi-identifiers, when asked for.
  public var attributeInference: AttributeInference?
  /// One line per measure saying what it means here.
  public var readings: [String: String]
  /// The distances to the closest real row, binned: synthetic rows and (with a holdout) holdout
  /// rows.
  public var dcrHistogram: DCRHistogram

  enum CodingKeys: String, CodingKey {
    case distance, dcr, nndr, identifiability, membership, readings
    case attributeInference = "attribute_inference"
    case dcrHistogram = "dcr_histogram"
  }

  /// Counts of distances in equal-width bins from 0 to the largest distance of either set (the
  /// last bin closed).
  public struct DCRHistogram: Codable, Sendable, Equatable {
    /// The bin edges: `bins + 1` values.
    public var edges: [Double]
    public var synthetic: [Int]
    public var holdout: [Int]?

    init(synthetic: [Double], holdout: [Double]?, bins: Int = 20) {
      let largest = (synthetic + (holdout ?? [])).filter(\.isFinite).max() ?? 0
      let width = largest > 0 ? largest / Double(bins) : 1
      edges = (0...bins).map { Double($0) * width }
      func counts(_ values: [Double]) -> [Int] {
        var counts = [Int](repeating: 0, count: bins)
        for value in values where value.isFinite {
          counts[min(bins - 1, Int(value / width))] += 1
        }
        return counts
      }
      self.synthetic = counts(synthetic)
      self.holdout = holdout.map(counts)
    }
  }

  /// A value and what a fresh real sample would get (nil when unknown).
  public struct Measured: Codable, Sendable, Equatable {
    public var value: Double
    public var fresh: Double?
  }

  /// DCR as `metrics` reports it, and the share of synthetic rows closer to training than holdout.
  public struct PrivacyDCR: Codable, Sendable, Equatable {
    public var synthetic: ClosestRecordStatistics
    public var holdout: ClosestRecordStatistics?
    public var closerToTraining: Measured?

    enum CodingKeys: String, CodingKey {
      case holdout
      case closerToTraining = "closer_to_training"
    }

    public func encode(to encoder: any Encoder) throws {
      try synthetic.encode(to: encoder)
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encodeIfPresent(holdout, forKey: .holdout)
      try container.encodeIfPresent(closerToTraining, forKey: .closerToTraining)
    }

    public init(from decoder: any Decoder) throws {
      synthetic = try ClosestRecordStatistics(from: decoder)
      let container = try decoder.container(keyedBy: CodingKeys.self)
      holdout = try container.decodeIfPresent(ClosestRecordStatistics.self, forKey: .holdout)
      closerToTraining = try container.decodeIfPresent(Measured.self, forKey: .closerToTraining)
    }

    init(
      synthetic: ClosestRecordStatistics, holdout: ClosestRecordStatistics?,
      closerToTraining: Measured?
    ) {
      self.synthetic = synthetic
      self.holdout = holdout
      self.closerToTraining = closerToTraining
    }
  }

  /// Median and mean of the nearest-neighbour distance ratios; `fresh` from the holdout.
  public struct NNDR: Codable, Sendable, Equatable {
    public var median: Double
    public var mean: Double
    public var fresh: Summary?

    public struct Summary: Codable, Sendable, Equatable {
      public var median: Double
      public var mean: Double
    }
  }

  /// ROC AUC and TPR at low FPR of the distance attack, with the curve.
  public struct MembershipInference: Codable, Sendable, Equatable {
    public var auc: Double
    public var tprAtFPR001: Double
    public var tprAtFPR01: Double
    /// What a fresh real sample would give (no information: 0.5, 0.01, 0.1).
    public var fresh: Fresh
    public var curve: ROCCurve

    public struct Fresh: Codable, Sendable, Equatable {
      public var auc = 0.5
      public var tprAtFPR001 = 0.01
      public var tprAtFPR01 = 0.1
      enum CodingKeys: String, CodingKey {
        case auc
        case tprAtFPR001 = "tpr_at_fpr_0.01"
        case tprAtFPR01 = "tpr_at_fpr_0.1"
      }
    }

    enum CodingKeys: String, CodingKey {
      case auc, fresh, curve
      case tprAtFPR001 = "tpr_at_fpr_0.01"
      case tprAtFPR01 = "tpr_at_fpr_0.1"
    }
  }

  /// Computes the report.
  /// - Parameters:
  ///   - real: the training rows; `synthetic`: the generated rows; `holdout`: real rows the
  ///     generator
  ///     never saw (same distance, fitted to `real`).
  ///   - attributeInference: the attack, computed beforehand on the quasi-identifier columns.
  /// - Throws: ``SampleMetricsError`` for an empty set or a real set of one row.
  public static func compute(
    real: RowSpace, synthetic: RowSpace, holdout: RowSpace? = nil,
    attributeInference: AttributeInference? = nil, progress: ProgressHandler? = nil
  ) throws -> PrivacyReport {
    for (name, rows, minimum) in [
      ("real", real, 2), ("synthetic", synthetic, 1), ("holdout", holdout ?? real, 1),
    ]
    where rows.count < minimum {
      throw SampleMetricsError.invalidParameter(
        name: "rows of the \(name) set", value: "\(rows.count)", allowed: "at least \(minimum)")
    }
    for (name, rows) in [("synthetic", synthetic), ("holdout", holdout ?? real)] {
      guard rows.kind == real.kind else {
        throw SampleMetricsError.invalidParameter(
          name: "rows of the \(name) set", value: "compared under \(rows.kind.rawValue)",
          allowed: "the real set's distance (\(real.kind.rawValue))")
      }
    }
    if case .euclidean(let realCloud) = real {
      try validate(realCloud, named: "real", minimum: 1)
      for (name, rows) in [("synthetic", synthetic), ("holdout", holdout)] {
        guard case .euclidean(let cloud) = rows else { continue }
        try validate(cloud, named: name, minimum: 1)
        try validateSameDimension(cloud, named: name, realCloud, named: "real")
      }
    }
    let n = Double(real.count)
    let m = Double(synthetic.count)
    // Per row of each set: two neighbour distances and indices, the ROC curve's points.
    let rows = n + m + Double(holdout?.count ?? 0)
    try MemoryBudget.current.check(
      bytes: rows * 96,
      what:
        "the privacy measures of \(real.count), \(synthetic.count) and \(holdout?.count ?? 0) rows",
      suggestion: "use fewer rows")
    // Synthetic → real: two nearest (DCR, NNDR).
    let twoNearest = synthetic.smallestDistances(in: real, k: 2, progress: progress)
    let dcr = stride(from: 0, to: twoNearest.count, by: 2).map { twoNearest[$0] }
    let ratios = ratiosOfNearest(twoNearest)
    // Real → synthetic and real → other real: identifiability, membership.
    let realToSynthetic = real.nearest(in: synthetic, progress: progress).distances
    let realToReal = real.kthNeighborDistances(k: 1, progress: progress)
    let identifiable = share(zip(realToSynthetic, realToReal).map { $0 < $1 })

    var holdoutStatistics: ClosestRecordStatistics? = nil
    var holdoutDCR: [Double]? = nil
    var closer: Measured? = nil
    var membership: MembershipInference? = nil
    var freshNNDR: NNDR.Summary? = nil
    var freshIdentifiability = m / (m + n - 1)
    if let holdout {
      let h = Double(holdout.count)
      let holdoutToReal = holdout.smallestDistances(in: real, k: 2, progress: progress)
      holdoutDCR = stride(from: 0, to: holdoutToReal.count, by: 2).map { holdoutToReal[$0] }
      holdoutStatistics = ClosestRecordStatistics(holdoutDCR!)
      let freshRatios = ratiosOfNearest(holdoutToReal)
      freshNNDR = .init(median: percentile(freshRatios, 50), mean: mean(freshRatios))
      let toHoldout = synthetic.nearest(in: holdout, progress: progress).distances
      closer = Measured(value: share(zip(dcr, toHoldout).map { $0 < $1 }), fresh: n / (n + h))
      let holdoutToSynthetic = holdout.nearest(in: synthetic, progress: progress).distances
      let curve = ROCCurve(
        positives: realToSynthetic.map { -$0 }, negatives: holdoutToSynthetic.map { -$0 })
      membership = MembershipInference(
        auc: curve.area, tprAtFPR001: curve.truePositiveRate(atFalsePositiveRate: 0.01),
        tprAtFPR01: curve.truePositiveRate(atFalsePositiveRate: 0.1), fresh: .init(), curve: curve)
      // Identifiability of the holdout taken as a synthetic sample.
      let realToHoldout = real.nearest(in: holdout, progress: progress).distances
      freshIdentifiability = share(zip(realToHoldout, realToReal).map { $0 < $1 })
    }
    var report = PrivacyReport(
      distance: real.kind,
      dcr: PrivacyDCR(
        synthetic: ClosestRecordStatistics(dcr), holdout: holdoutStatistics,
        closerToTraining: closer),
      nndr: NNDR(median: percentile(ratios, 50), mean: mean(ratios), fresh: freshNNDR),
      identifiability: Measured(value: identifiable, fresh: freshIdentifiability),
      membership: membership, attributeInference: attributeInference, readings: [:],
      dcrHistogram: DCRHistogram(synthetic: dcr, holdout: holdoutDCR))
    report.readings = report.makeReadings()
    return report
  }

  /// Nearest ÷ second nearest per row of a two-column row-major array (0 when both are 0).
  static func ratiosOfNearest(_ twoNearest: [Double]) -> [Double] {
    stride(from: 0, to: twoNearest.count, by: 2).map { i in
      let (first, second) = (twoNearest[i], twoNearest[i + 1])
      if first == 0 && second == 0 { return 0 }
      return second.isFinite ? first / second : 0
    }
  }

  /// One line per measure.
  func makeReadings() -> [String: String] {
    var lines: [String: String] = [:]
    func percent(_ x: Double) -> String { "\((x * 1000).rounded() / 10)%" }
    let copies = dcr.synthetic.exactCopies
    if let held = dcr.holdout {
      lines["dcr"] =
        "\(percent(copies)) of synthetic rows copy a real row (a fresh real sample: \(percent(held.exactCopies))); median distance \(dcr.synthetic.median) against \(held.median) for holdout rows"
    } else {
      lines["dcr"] =
        "\(percent(copies)) of synthetic rows copy a real row exactly; median distance to the closest real row \(dcr.synthetic.median) (give --holdout to compare with fresh real rows)"
    }
    if let closer = dcr.closerToTraining, let fresh = closer.fresh {
      lines["closer_to_training"] =
        "\(percent(closer.value)) of synthetic rows are closer to training than to holdout rows (a fresh real sample: about \(percent(fresh)))"
    }
    lines["nndr"] =
      "median nearest/second-nearest distance ratio \(nndr.median)"
      + (nndr.fresh.map {
        " (a fresh real sample: \($0.median)); small ratios mean rows sitting on one real row"
      } ?? "; small ratios mean rows sitting on one real row")
    lines["identifiability"] =
      "\(percent(identifiability.value)) of real rows have a synthetic row closer than any other real row"
      + (identifiability.fresh.map { " (a fresh real sample: \(percent($0)))" } ?? "")
    if let membership {
      lines["membership"] =
        "a distance attack tells training rows from holdout rows with AUC \(membership.auc) (no leak: 0.5), TPR \(membership.tprAtFPR001) at FPR 0.01"
    }
    if let attack = attributeInference { lines["attribute_inference"] = attack.reading }
    return lines
  }
}
