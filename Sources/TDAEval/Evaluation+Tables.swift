import Foundation

extension Evaluation {
  /// Evaluates tables: every part in ``parts`` under the samples' row distance.
  ///
  /// All-numeric tables compared by Euclidean distance give exactly the report of
  /// ``evaluate(real:synthetic:holdout:progress:)`` on their clouds. Otherwise persistence runs
  /// under Gower's distance (H0 on the Gower spanning tree of the whole table, H1 and up on the
  /// distance matrix of a seeded subset) or on the Euclidean embedding, the k-NN
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
    _ samples: TableSamples, known: KnownResults = KnownResults(), progress: ProgressHandler?
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
            real: .cloud(clouds.real), synthetic: .cloud(clouds.synthetic),
            realMRLT: known.realMRLT, progress: relabelled(progress, prefix: "gscore"))
        } else {
          report.geometryScore = try geometryScore.evaluate(
            real: try samples.witnessSample(real), synthetic: try samples.witnessSample(synthetic),
            realMRLT: known.realMRLT,
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

  /// Refuses, before any part runs, the whole-table H0 (the Gower spanning tree), the Gower
  /// matrices of the persistence subsets (one at a time) and the geometry score's square
  /// matrices (both held) when above the budget.
  /// - Throws: ``ResourceError``.
  func checkGowerMemory(real: Int, synthetic: Int) throws {
    let budget = MemoryBudget.current
    if parts.contains(.persistence) {
      // Per row: each worker's cheapest edge and farthest distance (20 bytes), the labels, the
      // components, the edges and the sparse matrix they become.
      let workers = Double(min(ProcessInfo.processInfo.activeProcessorCount, 64))
      let rows = Double(max(real, synthetic))
      try budget.check(
        bytes: rows * (workers * 20 + 320),
        what: "the Gower spanning tree of \(Int(rows)) rows (persistence H0)",
        suggestion: "use \(Self.fewerH0Points)")
    }
    if parts.contains(.persistence) && maxDimension > 0 {
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

  /// The Rips diagrams of both tables under Gower's distance, and their distances: H0 of the
  /// whole tables (``GowerDistance/spanningTree(_:enclosingRadius:progress:)``, no matrix), H1
  /// and up of seeded subsets drawn as for clouds, so a table and its cloud share them.
  func comparePersistence(
    _ samples: TableSamples, known: KnownResults = KnownResults(), progress: ProgressHandler?
  ) throws -> PersistenceComparison {
    func rips(_ table: Table, _ name: String, stream: Int, aboveH0: RipsSummary? = nil) throws
      -> RipsSummary
    {
      func options(maxdim: Int, label: String) -> RipsOptions {
        RipsOptions(
          maxDimension: maxdim, coefficients: coefficients, threshold: threshold,
          progress: relabelled(progress, prefix: "persistence \(label)(\(name))"))
      }
      return try ripsSummary(
        rows: table.rowCount, aboveH0: aboveH0,
        h0: { label in
          // The tree's edges as a sparse matrix: its H0 is the whole matrix's (every other edge
          // closes a cycle), cut where the dense engine cuts it.
          var options = options(maxdim: 0, label: label)
          let tree = samples.gower.spanningTree(
            table, enclosingRadius: threshold == nil, progress: options.progress)
          if let radius = tree.enclosingRadius, radius > 0 { options.threshold = radius }
          return try RipsPersistence.compute(
            try SparseDistanceMatrix(count: table.rowCount, pairs: tree.edges), options: options)
        },
        upper: { label in
          let subset = table.selecting(rows: persistenceRows(table.rowCount, stream: stream))
          let matrix = samples.gower.matrix(subset)
          let options = options(maxdim: maxDimension, label: label)
          try RipsPersistence.checkMemory(
            matrix, options: options, fewerPoints: Self.fewerPersistencePoints)
          return try RipsPersistence.compute(matrix, options: options)
        })
    }
    let realDiagrams = try known.real ?? rips(samples.real, "real", stream: 100)
    let syntheticDiagrams =
      try known.synthetic
      ?? rips(samples.synthetic, "synthetic", stream: 101, aboveH0: known.syntheticAboveH0)
    return PersistenceComparison(
      real: realDiagrams, synthetic: syntheticDiagrams,
      distances: try DiagramDistanceSummary.between(
        real: realDiagrams.diagrams, synthetic: syntheticDiagrams.diagrams,
        wassersteinRelativeError: wassersteinRelativeError))
  }
}
