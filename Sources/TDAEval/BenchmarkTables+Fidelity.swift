import Foundation

/// Table 4: which of the fidelity, detection and utility measures sees which controlled failure,
/// next to the topological metrics, on the tabular base distribution and on the mixed-type patient
/// registry.
extension BenchmarkTables {
  /// A pair of tables with what the measures of table 4 read: the fidelity report, the detection
  /// (as `tda-eval detect`) and the utility comparison (as `tda-eval utility`).
  public struct ComparedTables: Sendable {
    public var real: Tables.Table
    public var synthetic: Tables.Table
    public var fidelity: FidelityReport
    public var detection: DetectionReport
    /// Nil when the synthetic table holds a single class of the target: no classifier can be
    /// trained on it.
    public var utility: UtilityReport?

    /// The logistic model's scores trained on the real table (TRTR), on the synthetic one
    /// (TSTR), and their gap (TSTR − TRTR).
    var logistic:
      (trtr: ClassificationScores, tstr: ClassificationScores, gap: ClassificationScores)?
    {
      guard let comparison = utility?.models["logistic"],
        case .classification(let trtr) = comparison.real,
        case .classification(let tstr) = comparison.synthetic,
        case .classification(let gap) = comparison.gap
      else { return nil }
      return (trtr, tstr, gap)
    }
  }

  /// The measures of table 4, one row each, in order. Adding a measure is one line here; nil
  /// leaves that seed out of the row's mean.
  public static let fidelityMeasures:
    [(name: String, value: @Sendable (ComparedTables) -> Double?)] = [
      ("column_shapes", { $0.fidelity.columnShapes }),
      ("column_pair_trends", { $0.fidelity.columnPairTrends }),
      ("quality", { $0.fidelity.quality }),
      ("association_difference", { $0.fidelity.associations.meanAbsoluteDifference }),
      ("detection_auc", { $0.detection.logistic.auc }),
      ("detection_score", { $0.detection.logistic.score }),
      ("detection_1nn_accuracy", { $0.detection.nearestNeighbour.accuracy }),
      ("detection_1nn_p_value", { $0.detection.nearestNeighbour.pValue }),
      ("utility_trtr_auroc", { $0.logistic?.trtr.auroc }),
      ("utility_tstr_auroc", { $0.logistic?.tstr.auroc }),
      ("utility_auroc_gap", { $0.logistic?.gap.auroc }),
      ("utility_trtr_accuracy", { $0.logistic?.trtr.accuracy }),
      ("utility_tstr_accuracy", { $0.logistic?.tstr.accuracy }),
      ("utility_accuracy_gap", { $0.logistic?.gap.accuracy }),
    ]

  /// The target of the utility rows on a base distribution: the mode (mixture component) each
  /// row was drawn from, a last column of the tables the classifiers are trained on.
  static let modeTarget = "mode"
  /// The target of the utility rows on the registry.
  static let registryTarget = "diabetes"

  /// The topological metrics shown next to them (from the evaluation's persistence and geometry
  /// score parts, with the configuration of table 1).
  static let fidelityTopologicalMetrics = topologicalMetrics

  /// The registry's failures in table 4, with their parameters.
  public static let standardRegistryFailures: [TableFailure] = [
    .faithful, .modeCollapse, .brokenCorrelations, .shiftedLabs(sigma: 1),
    .missingInflation(rate: 0.3), .memorisation(fraction: 0.5), .rareCategoryDropped,
  ]

  /// One column of table 4: a failure of a base distribution, or of the registry.
  enum FidelitySubject: Sendable, Hashable {
    case base(BaseDistribution, Failure)
    case registry(TableFailure)

    var phase: String {
      switch self {
      case .base(let base, let failure): "\(base.rawValue) \(failure.label)"
      case .registry(let failure): "registry \(failure.label)"
      }
    }
  }

  /// The columns of table 4, block by block.
  var fidelitySubjects: [FidelitySubject] {
    fidelityBases.flatMap { base in
      failures.filter { $0.isApplicable(to: base) }.map { FidelitySubject.base(base, $0) }
    } + registryFailures.map { .registry($0) }
  }

  static func fidelityID(_ subject: FidelitySubject, _ seed: UInt64) -> String {
    switch subject {
    case .base(let base, let failure): evaluationID("fidelity", base, failure, seed)
    case .registry(let failure): "fidelity/registry/\(failure.label)/\(seed)"
    }
  }

  /// One seed of one column: the fidelity, detection and utility measures, then the topological
  /// metrics. Utility tests on a fresh real sample of `seed` the pair never saw: table 1's
  /// holdout (``heldOut(_:count:seed:)``) for a base distribution, a registry of seed
  /// ``registryTestSeed(_:)`` for the registry.
  func runFidelity(_ subject: FidelitySubject, seed: UInt64) throws -> JobResult {
    var configuration = evaluation
    configuration.seed = seed
    // The table shows the pair's own values: a baseline would only add readings.
    configuration.baseline = false
    configuration.parts = [.persistence, .geometryScore]
    let compared: ComparedTables
    let report: EvaluationReport
    switch subject {
    case .base(let base, let failure):
      let pair = try ControlledFailures.pair(base: base, failure: failure, count: count, seed: seed)
      let real = Tables.Table(pair.real.cloud, file: "real")
      let synthetic = Tables.Table(pair.synthetic.cloud, file: "synthetic")
      let test = Self.heldOut(base, count: count, seed: seed)
      let labelled = try Evaluation.tables(
        real: Self.withModes(pair.real), synthetic: Self.withModes(pair.synthetic),
        holdout: Self.withModes(test))
      compared = ComparedTables(
        real: real, synthetic: synthetic,
        fidelity: FidelityReport.compute(real: real, synthetic: synthetic),
        detection: try detect(
          Evaluation.tables(real: pair.real.cloud, synthetic: pair.synthetic.cloud, holdout: nil),
          seed: seed),
        utility: try Self.utility(labelled, target: Self.modeTarget, task: .classification))
      report = try configuration.evaluate(real: pair.real.cloud, synthetic: pair.synthetic.cloud)
    case .registry(let failure):
      let pair = try PatientRegistry.pair(count: count, seed: seed, failure: failure)
      let test = PatientRegistry.sample(
        count: count, seed: Self.registryTestSeed(seed), file: "registry-test.csv")
      let samples = try TableSamples(
        real: pair.real, synthetic: pair.synthetic, holdout: test,
        options: TableOptions(overrides: SchemaOverrides(schema: PatientRegistry.schema)))
      compared = ComparedTables(
        real: samples.real, synthetic: samples.synthetic, fidelity: FidelityReport.compute(samples),
        detection: try detect(samples, seed: seed),
        utility: try Self.utility(samples, target: Self.registryTarget, task: nil))
      report = try configuration.evaluate(samples)
    }
    var metrics: [String] = [], values: [Double] = []
    for measure in Self.fidelityMeasures {
      guard let value = measure.value(compared) else { continue }
      metrics.append(measure.name)
      values.append(value)
    }
    for scalar in report.scalars where Self.fidelityTopologicalMetrics.contains(scalar.name) {
      metrics.append(scalar.name)
      values.append(scalar.value)
    }
    return JobResult(metrics: metrics, values: values)
  }

  /// `tda-eval detect` on `samples` with the evaluation's folds and permutations and `seed`.
  func detect(_ samples: TableSamples, seed: UInt64) throws -> DetectionReport {
    try Detection.compute(
      samples,
      options: .init(
        folds: evaluation.detectionFolds, permutations: evaluation.detectionPermutations,
        seed: seed))
  }

  /// `tda-eval utility` on `samples` (the holdout as the test table), or nil when the synthetic
  /// table holds a single class of `target`.
  static func utility(_ samples: TableSamples, target: String, task: UtilityReport.Task?) throws
    -> UtilityReport?
  {
    do {
      return try Utility.compute(samples, target: target, task: task)
    } catch LearningError.oneClass(_, "synthetic", _) {
      return nil
    }
  }

  /// The points of `sample` with its modes as a last column named ``modeTarget`` (the other
  /// columns named 0, 1, …, as `tda-eval detect` names a cloud's columns).
  static func withModes(_ sample: LabelledSample) -> PointCloud {
    let cloud = sample.cloud
    var coordinates: [Double] = []
    coordinates.reserveCapacity(cloud.count * (cloud.dimension + 1))
    for row in 0..<cloud.count {
      coordinates += cloud[point: row]
      coordinates.append(Double(sample.modes[row]))
    }
    return PointCloud(
      count: cloud.count, dimension: cloud.dimension + 1, coordinates: coordinates,
      columnNames: (0..<cloud.dimension).map(String.init) + [modeTarget])
  }

  /// The seed of the registry that utility tests on for `seed`: the first number of stream 8 of
  /// `seed`, which ``PatientRegistry/pair(count:seed:missingRate:failure:)`` (streams 0–7) does
  /// not use, so the test rows are independent of the real and synthetic ones.
  static func registryTestSeed(_ seed: UInt64) -> UInt64 {
    var stream = SeededGenerator.stream(8, of: seed)
    return stream.next()
  }

  func fidelityTables(results: [String: JobResult]) throws -> [TableFile] {
    var csv = "data,failure,metric,mean,sd,seeds\n"
    var markdown = "# Fidelity, detection and utility next to the topological metrics\n\n"
    markdown +=
      "Mean ± sample standard deviation over \(seeds.count) seeds; \(count) real and \(count) "
      + "synthetic rows (fewer under `few`). Fidelity as `tda-eval fidelity` (SDMetrics' quality "
      + "report; association_difference = mean |real − synthetic| of dython's association "
      + "matrices); detection as `tda-eval detect` (logistic: mean ROC AUC over "
      + "\(evaluation.detectionFolds) seeded folds and SDMetrics' score; leave-one-out 1-NN "
      + "accuracy and its p-value over \(evaluation.detectionPermutations) label permutations); "
      + "utility as `tda-eval utility` (logistic regression trained on the real (TRTR) or the "
      + "synthetic (TSTR) rows, scored on a fresh real sample of the same size; gap = TSTR − "
      + "TRTR; target `\(Self.modeTarget)`, the mixture component of each row, on a base "
      + "distribution, `\(Self.registryTarget)` on the registry; — where the synthetic rows hold "
      + "one class or the AUROC is undefined); topological metrics as in table 1. Regenerate "
      + "with `tda-eval tables --only fidelity`.\n"
    var latex =
      "% Fidelity, detection and utility next to the topological metrics: mean +/- sd over "
      + "\(seeds.count) seeds.\n"
    let blocks: [(name: String, title: String, subjects: [FidelitySubject])] =
      fidelityBases.map { base in
        (
          base.rawValue, "\(base.rawValue) (d = \(base.dimension))",
          fidelitySubjects.filter { if case .base(base, _) = $0 { true } else { false } }
        )
      }
      + (registryFailures.isEmpty
        ? []
        : [
          (
            "registry", "patient registry (11 used columns, mixed kinds, 5% missing cells)",
            registryFailures.map { .registry($0) }
          )
        ])
    for block in blocks {
      var columns: [[(metric: String, summary: Summary)]] = []
      var labels: [String] = []
      for subject in block.subjects {
        let label: String
        switch subject {
        case .base(_, let failure): label = Self.columnLabel(failure)
        case .registry(let failure): label = failure.label
        }
        labels.append(label)
        let rows = try summaries(
          ids: seeds.map { Self.fidelityID(subject, $0) }, results: results)
        columns.append(rows)
        for row in rows {
          let fields = [
            block.name, label, row.metric, Self.csvNumber(row.summary.mean),
            Self.csvNumber(row.summary.deviation), "\(row.summary.samples)",
          ]
          csv += fields.joined(separator: ",") + "\n"
        }
      }
      let (header, body) = Self.metricRows(labels: labels, columns: columns)
      markdown += "\n## \(block.title)\n\n" + Self.markdownTable(header: header, rows: body)
      latex += Self.latexTable(
        caption: "Fidelity, detection, utility and topological metrics under controlled "
          + "failures: \(block.title), "
          + "mean $\\pm$ sd over \(seeds.count) seeds.",
        label: "tab:fidelity-\(block.name)", header: header, rows: body)
    }
    return [
      TableFile(name: "fidelity.csv", contents: csv),
      TableFile(name: "fidelity.md", contents: markdown),
      TableFile(name: "fidelity.tex", contents: latex),
    ]
  }
}
