import Foundation

extension Evaluation {
  /// Evaluates `synthetic` against `real`: every part in ``parts``, timed, in one report; with
  /// ``baseline`` the same parts between two seeded halves of `real` (or `real` and `holdout`),
  /// with ``bootstrap`` percentile intervals, and a reading of every scalar metric
  /// (``EvaluationReport/readings``).
  ///
  /// A part that is undefined for this data — the KDE of a sample whose covariance is singular
  /// under a data-scaled bandwidth rule — is listed in the report's `omitted` with the reason.
  /// - Parameters:
  ///   - real: The real sample (at least 2 points).
  ///   - synthetic: The synthetic sample (at least 2 points, same dimension).
  ///   - holdout: Real rows the generator never saw, to compare their distance to the closest
  ///     record with the synthetic rows' (memorisation), and the baseline's second real sample.
  ///   - progress: Receives the progress of each part (phase names start with the part).
  /// - Throws: `PointCloudError.invalidParameter` for a parameter out of range or samples that
  ///   cannot be compared; the errors of the metric libraries.
  public func evaluate(
    real: PointCloud, synthetic: PointCloud, holdout: PointCloud? = nil,
    progress: ProgressHandler? = nil
  ) throws -> EvaluationReport {
    if let report = try withLearningParts(
      { try Self.tables(real: real, synthetic: synthetic, holdout: holdout) },
      real: .init(points: real.count, dimension: real.dimension),
      synthetic: .init(points: synthetic.count, dimension: synthetic.dimension),
      hasHoldout: holdout != nil,
      evaluateRest: {
        try $0.evaluate(real: real, synthetic: synthetic, holdout: holdout, progress: progress)
      })
    {
      return report
    }
    try validate(real: real, synthetic: synthetic)
    try check(
      real.dimension == synthetic.dimension, "synthetic dimension", "\(synthetic.dimension)",
      "the real dimension \(real.dimension)")
    try checkMemory(real: real, synthetic: synthetic)
    let report = try compare(real: real, synthetic: synthetic, holdout: holdout, progress: progress)
    return try withReadings(
      report, samples: .init(real: real, synthetic: synthetic, holdout: holdout),
      rows: { $0.count }, selecting: { $0.selecting(points: $1) },
      compare: {
        try compare(
          real: $0.real, synthetic: $0.synthetic, holdout: $0.holdout, known: $0.known,
          progress: $1)
      },
      progress: progress)
  }

  /// Every part in ``parts`` for one pair of clouds, without baseline or readings (the `known`
  /// diagrams taken as they are).
  func compare(
    real: PointCloud, synthetic: PointCloud, holdout: PointCloud?,
    known: KnownResults = KnownResults(), progress: ProgressHandler?
  ) throws -> EvaluationReport {
    var report = EvaluationReport(
      parameters: self, real: .init(points: real.count, dimension: real.dimension),
      synthetic: .init(points: synthetic.count, dimension: synthetic.dimension))
    // The parts that take raw samples and a `standardize` flag get them; the others the z-scored
    // samples (the real sample's column statistics).
    let scaling = standardize ? try Standardization(fittedTo: real) : nil
    func scaled(_ cloud: PointCloud) -> PointCloud { scaling?.apply(to: cloud) ?? cloud }
    report.standardized = standardize ? Self.standardizedParts(parts, distance: .euclidean) : []
    for part in parts.sorted() {
      let start = ContinuousClock.now
      switch part {
      case .persistence:
        report.persistence = try comparePersistence(
          real: scaled(real), synthetic: scaled(synthetic), known: known, progress: progress)
      case .sampleMetrics:
        report.sampleMetrics = try SampleMetricsReport.compute(
          real: real, synthetic: synthetic, holdout: holdout, k: k, balls: balls,
          standardize: standardize, bins: vqBins > 0 ? min(vqBins, real.count) : nil, seed: seed,
          progress: relabelled(progress, prefix: "metrics"))
      case .kde:
        do {
          report.kde = try KernelDensityBaseline.compute(
            real: scaled(real), synthetic: scaled(synthetic),
            bandwidth: bandwidth, progress: relabelled(progress, prefix: "kde"))
        } catch SampleMetricsError.singularCovariance(let set) {
          // A property of the data (e.g. a collapsed column), not of the input's validity.
          report.omitted[part.rawValue] =
            "the \(set) sample's covariance is singular, so a data-scaled bandwidth is undefined"
          continue
        }
      case .geometryScore:
        report.geometryScore = try geometryScore.evaluate(
          real: .cloud(scaled(real)), synthetic: .cloud(scaled(synthetic)),
          realMRLT: known.realMRLT, progress: relabelled(progress, prefix: "gscore"))
      case .privacy:
        func rows(_ cloud: PointCloud) -> RowSpace { .euclidean(scaled(cloud)) }
        report.privacy = try PrivacyReport.compute(
          real: rows(real), synthetic: rows(synthetic), holdout: holdout.map(rows),
          progress: relabelled(progress, prefix: "privacy"))
      case .fidelity:
        // Per-column statistics: the same for raw and z-scored columns up to their units.
        report.fidelity = FidelityReport.compute(
          real: Table(real, file: "real"), synthetic: Table(synthetic, file: "synthetic"))
      case .detect, .utility:
        continue  // once, for the pair itself (`withLearningParts`)
      }
      report.timings[part.rawValue] = (ContinuousClock.now - start).seconds
    }
    return report
  }

  /// The parts that work on z-scored samples under `--standardize` with `distance`: all but the
  /// fidelity report (per column, unit-free but for Wasserstein-1) under Euclidean distance,
  /// none under Gower's, which already divides every column by its range.
  /// On mixed tables the product-kernel KDE works on the columns themselves.
  static func standardizedParts(_ parts: Set<Part>, distance: RowDistanceKind, mixed: Bool = false)
    -> [String]
  {
    guard distance == .euclidean else { return [] }
    return parts.sorted().filter {
      $0 != .fidelity && !learningParts.contains($0) && !(mixed && $0 == .kde)
    }.map(\.rawValue)
  }

  /// Checks the parameters and that samples of these sizes can be compared.
  func validate(real: some RowCounted, synthetic: some RowCounted) throws {
    try check(real.rows >= 2, "real points", "\(real.rows)", "at least 2")
    try check(synthetic.rows >= 2, "synthetic points", "\(synthetic.rows)", "at least 2")
    try check(!parts.isEmpty, "parts", "none", "at least one part")
    try check((0...3).contains(maxDimension), "maxdim", "\(maxDimension)", "between 0 and 3")
    if let threshold {
      try check(
        threshold > 0 && threshold.isFinite, "threshold", "\(threshold)", "a positive number")
    }
    try check(
      wassersteinRelativeError >= 0 && wassersteinRelativeError.isFinite, "relative_error",
      "\(wassersteinRelativeError)", "a finite number ≥ 0")
    try check(persistencePoints >= 2, "persistence_points", "\(persistencePoints)", "at least 2")
    try check(bootstrap >= 0, "bootstrap", "\(bootstrap)", "at least 0")
    if parts.contains(.sampleMetrics) {
      try check(
        k >= 1 && k < min(real.rows, synthetic.rows), "k", "\(k)",
        "between 1 and \(min(real.rows, synthetic.rows) - 1) (below the size of each sample)")
      try check(vqBins >= 0, "vq_bins", "\(vqBins)", "at least 0")
    }
    if parts.contains(.geometryScore) { try geometryScore.validate() }
  }

  /// The geometry-score configuration of these parameters (its distance cache given up when it
  /// does not fit the memory budget: ``GeometryScore/fitMemory(budget:drawsLandmarks:)``).
  var geometryScore: GeometryScore {
    var score = GeometryScore(
      landmarks: landmarks, gamma: gamma, imax: imax, trials: trials, seed: seed)
    try? score.fitMemory()
    return score
  }

  /// The remedy of a persistence computation too large for the budget, in this API's terms.
  static let fewerPersistencePoints = "a smaller persistence_points (--persistence-points)"

  /// Refuses, before any part runs, parts whose estimated memory is above
  /// `MemoryBudget.current`: each sample's whole-sample H0 (its spanning tree) and the Rips
  /// computations of H1 and up on both subsets, the geometry score's rows.
  /// - Throws: ``ResourceError``.
  func checkMemory(real: PointCloud, synthetic: PointCloud) throws {
    if parts.contains(.persistence) {
      for (cloud, stream) in [(real, 100), (synthetic, 101)] {
        try RipsPersistence.checkMemory(
          cloud,
          options: RipsOptions(maxDimension: 0, coefficients: coefficients, threshold: threshold),
          fewerPoints: Self.fewerH0Points)
        guard maxDimension > 0 else { continue }
        try RipsPersistence.checkMemory(
          persistenceSubset(cloud, stream: stream),
          options: RipsOptions(
            maxDimension: maxDimension, coefficients: coefficients, threshold: threshold),
          fewerPoints: Self.fewerPersistencePoints)
      }
    }
    if parts.contains(.geometryScore) {
      var score = GeometryScore(
        landmarks: landmarks, gamma: gamma, imax: imax, trials: trials, seed: seed)
      try score.fitMemory()
    }
  }

  /// The remedy of a whole-sample H0 too large for the budget, in this API's terms.
  static let fewerH0Points =
    "fewer rows (H0 is computed on the whole sample), or skip persistence (--skip persistence)"

  /// A seeded uniform subset of at most ``persistencePoints`` points of `cloud` (the cloud itself
  /// when it is small enough), in the original order.
  func persistenceSubset(_ cloud: PointCloud, stream: Int) -> PointCloud {
    guard cloud.count > persistencePoints else { return cloud }
    return cloud.selecting(points: persistenceRows(cloud.count, stream: stream))
  }

  /// The rows of a seeded uniform subset of at most ``persistencePoints`` of `count` rows, in
  /// increasing order.
  func persistenceRows(_ count: Int, stream: Int) -> [Int] {
    guard count > persistencePoints else { return Array(0..<count) }
    var random = SeededGenerator.stream(stream, of: seed)
    return ControlledFailures.distinctIndices(persistencePoints, below: count, using: &random)
      .sorted()
  }

  /// The Rips diagrams of both samples (but the `known` ones) and, when available, their
  /// distances.
  func comparePersistence(
    real: PointCloud, synthetic: PointCloud, known: KnownResults = KnownResults(),
    progress: ProgressHandler?
  ) throws -> PersistenceComparison {
    let realDiagrams =
      try known.real
      ?? ripsSummary(real, name: "real", stream: 100, progress: progress)
    let syntheticDiagrams =
      try known.synthetic
      ?? ripsSummary(
        synthetic, name: "synthetic", stream: 101, aboveH0: known.syntheticAboveH0,
        progress: progress)
    let distances = try DiagramDistanceSummary.between(
      real: realDiagrams.diagrams, synthetic: syntheticDiagrams.diagrams,
      wassersteinRelativeError: wassersteinRelativeError)
    return PersistenceComparison(
      real: realDiagrams, synthetic: syntheticDiagrams, distances: distances)
  }

  /// The Rips diagrams of one cloud: H0 on the whole cloud (``RipsPersistence/compute(_:metric:
  /// options:)`` at `maxdim` 0: its minimum spanning tree, exact and in linear memory, equal to
  /// the dense engine's H0 bit for bit), H1 … ``maxDimension`` on the seeded subset of
  /// ``persistencePoints`` points of `stream` (see ``ripsSummary(rows:aboveH0:h0:upper:)``).
  func ripsSummary(
    _ cloud: PointCloud, name: String, stream: Int, aboveH0: RipsSummary? = nil,
    progress: ProgressHandler?
  ) throws -> RipsSummary {
    func rips(_ points: PointCloud, maxdim: Int, label: String) throws -> RipsResult {
      try RipsPersistence.compute(
        points,
        options: RipsOptions(
          maxDimension: maxdim, coefficients: coefficients, threshold: threshold,
          progress: relabelled(progress, prefix: "persistence \(label)(\(name))")))
    }
    return try ripsSummary(
      rows: cloud.count, aboveH0: aboveH0,
      h0: { try rips(cloud, maxdim: 0, label: $0) },
      upper: { try rips(persistenceSubset(cloud, stream: stream), maxdim: maxDimension, label: $0) }
    )
  }

  /// One sample's diagrams from its two computations, each given the label of its progress
  /// phases: `h0`, Rips to H0 of the whole sample of `rows` rows, and `upper`, Rips to
  /// ``maxDimension`` of its seeded subset of ``persistencePoints`` rows — or, instead of `upper`,
  /// `aboveH0`, the diagrams of another subset of that size whose H0 is not this sample's
  /// (ignored at `maxdim` 0). A sample no larger than its subset is computed once, by `upper`.
  func ripsSummary(
    rows: Int, aboveH0: RipsSummary?, h0: (String) throws -> RipsResult,
    upper: (String) throws -> RipsResult
  ) throws -> RipsSummary {
    func summary(_ result: RipsResult) -> RipsSummary {
      RipsSummary(
        upper: RipsSummary(result, maxdim: maxDimension, coeff: coefficients), h0: result)
    }
    if maxDimension > 0 && aboveH0 == nil && rows <= persistencePoints {
      return summary(try upper(""))
    }
    guard maxDimension > 0 else { return summary(try h0("")) }
    let whole = try h0("H0 ")
    let above =
      try aboveH0 ?? RipsSummary(try upper("H1+ "), maxdim: maxDimension, coeff: coefficients)
    return RipsSummary(upper: above, h0: whole)
  }
}

/// Throws `PointCloudError.invalidParameter` unless `ok`.
func check(_ ok: Bool, _ name: String, _ value: String, _ allowed: String) throws {
  if !ok { throw PointCloudError.invalidParameter(name: name, value: value, allowed: allowed) }
}

/// A sample with a number of rows (a cloud's points, a table's rows).
protocol RowCounted { var rows: Int { get } }
extension PointCloud: RowCounted { var rows: Int { count } }
extension Table: RowCounted { var rows: Int { rowCount } }

/// `handler` with `prefix: ` put before every phase name.
func relabelled(_ handler: ProgressHandler?, prefix: String) -> ProgressHandler? {
  guard let handler else { return nil }
  return { @Sendable update in
    handler(
      ProgressUpdate(
        phase: "\(prefix): \(update.phase)", completed: update.completed, total: update.total))
  }
}

extension Duration {
  /// The duration in seconds.
  var seconds: Double {
    let (whole, attoseconds) = components
    return Double(whole) + Double(attoseconds) * 1e-18
  }
}

extension GeometryScore {
  /// Fits the geometry score into `budget`, before anything is allocated: the per-trial RLT rows
  /// and the landmark draws of both samples (2 × trials × (imax + L) doubles) must fit, otherwise
  /// it throws; the clouds' shared distance cache (N² doubles, see ``distanceCacheLimit``) is
  /// given up for clouds whose cache would not fit in half of what is left (the distances are
  /// then computed per trial: the same result, more time).
  /// - Throws: ``ResourceError`` with the estimate and the options that make it fit.
  public mutating func fitMemory(budget: MemoryBudget = .current, drawsLandmarks: Bool = true)
    throws(ResourceError)
  {
    let rows = 2 * Double(trials) * Double(imax + (drawsLandmarks ? landmarks : 0)) * 8
    try budget.check(
      bytes: rows,
      what:
        "the geometry score's RLT rows and landmark draws (2 samples × \(trials) trials, imax \(imax), \(landmarks) landmarks)",
      suggestion: "use fewer --trials or a smaller --imax")
    let left = (budget.bytes - rows) / 2
    if left.isFinite {
      let fitting = (max(0, left) / 8).squareRoot().rounded(.down)
      distanceCacheLimit = min(distanceCacheLimit, Int(min(fitting, Double(Int32.max))))
    }
  }
}
