import Foundation

extension Evaluation {
  /// Evaluates tables: every part in ``parts`` under the samples' row distance.
  ///
  /// All-numeric tables compared by Euclidean distance give exactly the report of
  /// ``evaluate(real:synthetic:holdout:progress:)`` on their clouds. Otherwise persistence runs on
  /// the distance matrix of a seeded subset (Gower) or on the Euclidean embedding, the k-NN
  /// metrics and the geometry score under the chosen distance, and the KDE is the product kernel
  /// of statsmodels' `KDEMultivariate` (omitted, with the reason, when a cell is missing).
  /// - Throws: as ``evaluate(real:synthetic:holdout:progress:)``.
  public func evaluate(_ samples: TableSamples, progress: ProgressHandler? = nil) throws
    -> EvaluationReport
  {
    if let report = try withLearningParts(
      { samples },
      real: .init(points: samples.real.rowCount, dimension: samples.real.columns.count),
      synthetic: .init(
        points: samples.synthetic.rowCount, dimension: samples.synthetic.columns.count),
      hasHoldout: samples.holdout != nil,
      evaluateRest: { try $0.evaluate(samples, progress: progress) })
    {
      return report
    }
    if samples.distance == .euclidean && samples.real.isAllNumeric {
      let clouds = try samples.euclideanClouds()
      return try evaluate(
        real: clouds.real, synthetic: clouds.synthetic, holdout: clouds.holdout, progress: progress)
    }
    try validate(real: samples.real, synthetic: samples.synthetic)
    if samples.distance == .euclidean {
      let clouds = try samples.euclideanClouds()
      try checkMemory(real: clouds.real, synthetic: clouds.synthetic)
    } else {
      try checkGowerMemory(real: samples.real.rowCount, synthetic: samples.synthetic.rowCount)
    }
    let report = try compare(samples, progress: progress)
    return try withReadings(
      report,
      samples: .init(real: samples.real, synthetic: samples.synthetic, holdout: samples.holdout),
      rows: { $0.rowCount }, selecting: { $0.selecting(rows: $1) },
      compare: { tables, progress in
        var pair = samples
        pair.real = tables.real
        pair.synthetic = tables.synthetic
        pair.holdout = tables.holdout
        return try compare(pair, known: tables.known, progress: progress)
      },
      progress: progress)
  }

  /// Every part in ``parts`` for one pair of mixed tables, without baseline or readings.
  func compare(
    _ samples: TableSamples, known: KnownDiagrams = KnownDiagrams(), progress: ProgressHandler?
  ) throws -> EvaluationReport {
    let real = samples.real
    let synthetic = samples.synthetic
    let clouds = try standardizedClouds(samples)
    var report = EvaluationReport(
      parameters: self, real: .init(points: real.rowCount, dimension: real.columns.count),
      synthetic: .init(points: synthetic.rowCount, dimension: synthetic.columns.count))
    report.distance = samples.distance
    report.standardized =
      standardize ? Self.standardizedParts(parts, distance: samples.distance, mixed: true) : []
    for part in parts.sorted() {
      let start = ContinuousClock.now
      switch part {
      case .persistence:
        if let clouds {
          report.persistence = try comparePersistence(
            real: clouds.real, synthetic: clouds.synthetic, known: known, progress: progress)
        } else {
          report.persistence = try comparePersistence(samples, known: known, progress: progress)
        }
      case .sampleMetrics:
        report.sampleMetrics = try SampleMetricsReport.compute(
          samples, k: k, balls: balls, standardize: standardize,
          bins: vqBins > 0 ? min(vqBins, real.rowCount) : nil, seed: seed,
          progress: relabelled(progress, prefix: "metrics"))
      case .kde:
        let handledBy = "the product-kernel KDE needs complete rows: use --missing drop-rows"
        if let error = real.missingCellError(handledBy: handledBy)
          ?? synthetic.missingCellError(handledBy: handledBy)
        {
          report.omitted[part.rawValue] = "\(error)"
          continue
        }
        do {
          report.tableKDE = try TableKernelDensity.compute(
            real: real, synthetic: synthetic, progress: relabelled(progress, prefix: "kde"))
        } catch SampleMetricsError.invalidParameter(let name, let value, let allowed) {
          // The rule's bandwidths are a property of the data (e.g. widely spread codes).
          report.omitted[part.rawValue] =
            "statsmodels' normal_reference rule gives \(name) = \(value), which must be \(allowed); give bandwidths to 'tda-eval kde'"
          continue
        }
      case .fidelity:
        report.fidelity = FidelityReport.compute(samples)
      case .detect, .utility:
        continue  // once, for the pair itself (`withLearningParts`)
      case .privacy:
        if let clouds {
          report.privacy = try PrivacyReport.compute(
            real: .euclidean(clouds.real), synthetic: .euclidean(clouds.synthetic),
            holdout: clouds.holdout.map { .euclidean($0) },
            progress: relabelled(progress, prefix: "privacy"))
          break
        }
        let spaces = try samples.rowSpaces()
        report.privacy = try PrivacyReport.compute(
          real: spaces.real, synthetic: spaces.synthetic, holdout: spaces.holdout,
          progress: relabelled(progress, prefix: "privacy"))
      case .geometryScore:
        if let clouds {
          report.geometryScore = try geometryScore.evaluate(
            real: clouds.real, synthetic: clouds.synthetic,
            progress: relabelled(progress, prefix: "gscore"))
        } else {
          report.geometryScore = try geometryScore.evaluate(
            real: try samples.witnessSample(real), synthetic: try samples.witnessSample(synthetic),
            progress: relabelled(progress, prefix: "gscore"))
        }
      }
      report.timings[part.rawValue] = (ContinuousClock.now - start).seconds
    }
    return report
  }

  /// The Euclidean embedding of mixed tables under Euclidean distance (z-scored with the real
  /// embedding's column statistics under ``standardize``), or nil under Gower's distance.
  func standardizedClouds(_ samples: TableSamples) throws
    -> (real: PointCloud, synthetic: PointCloud, holdout: PointCloud?)?
  {
    guard samples.distance == .euclidean else { return nil }
    let clouds = try samples.euclideanClouds()
    guard standardize else { return clouds }
    let scaling = try Standardization(fittedTo: clouds.real)
    return (
      scaling.apply(to: clouds.real), scaling.apply(to: clouds.synthetic),
      clouds.holdout.map(scaling.apply)
    )
  }

  /// Refuses, before any part runs, the Gower matrices of the persistence subsets (one at a
  /// time) and the geometry score's square matrices (both held) when above the budget.
  /// - Throws: ``ResourceError``.
  func checkGowerMemory(real: Int, synthetic: Int) throws {
    let budget = MemoryBudget.current
    if parts.contains(.persistence) {
      let n = Double(min(max(real, synthetic), persistencePoints))
      try budget.check(
        bytes: n * (n - 1) / 2 * 8,
        what: "the Gower distance matrix of \(Int(n)) rows (persistence)",
        suggestion: "use \(Self.fewerPersistencePoints)")
    }
    if parts.contains(.geometryScore) {
      var score = GeometryScore(
        landmarks: landmarks, gamma: gamma, imax: imax, trials: trials, seed: seed)
      try score.fitMemory(budget: budget)
      let squares = (Double(real) * Double(real) + Double(synthetic) * Double(synthetic)) * 8
      try budget.check(
        bytes: squares,
        what:
          "the geometry score's square Gower distance matrices of \(real) and \(synthetic) rows",
        suggestion: "use fewer rows, or skip the geometry score (--skip gscore)")
    }
  }

  /// The Rips diagrams of seeded subsets of both tables under Gower's distance, and their
  /// distances (the subsets are drawn as for clouds, so a table and its cloud share them).
  func comparePersistence(
    _ samples: TableSamples, known: KnownDiagrams = KnownDiagrams(), progress: ProgressHandler?
  ) throws -> PersistenceComparison {
    func rips(_ table: Table, _ name: String, stream: Int) throws -> RipsSummary {
      let subset = table.selecting(rows: persistenceRows(table.rowCount, stream: stream))
      let options = RipsOptions(
        maxDimension: maxDimension, coefficients: coefficients, threshold: threshold,
        progress: relabelled(progress, prefix: "persistence (\(name))"))
      let matrix = samples.gower.matrix(subset)
      try RipsPersistence.checkMemory(
        matrix, options: options, fewerPoints: Self.fewerPersistencePoints)
      let result = try RipsPersistence.compute(matrix, options: options)
      return RipsSummary(result, maxdim: maxDimension, coeff: coefficients)
    }
    let realDiagrams = try known.real ?? rips(samples.real, "real", stream: 100)
    let syntheticDiagrams = try known.synthetic ?? rips(samples.synthetic, "synthetic", stream: 101)
    return PersistenceComparison(
      real: realDiagrams, synthetic: syntheticDiagrams,
      distances: try DiagramDistanceSummary.between(
        real: realDiagrams.diagrams, synthetic: syntheticDiagrams.diagrams,
        wassersteinRelativeError: wassersteinRelativeError))
  }
}
