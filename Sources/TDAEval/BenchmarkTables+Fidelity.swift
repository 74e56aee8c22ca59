import Foundation

/// Table 4: which of the fidelity measures sees which controlled failure, next to the topological
/// metrics, on the tabular base distribution and on the mixed-type patient registry.
extension BenchmarkTables {
  /// A pair of tables with their fidelity report: what the measures of table 4 read.
  public struct ComparedTables: Sendable {
    public var real: Tables.Table
    public var synthetic: Tables.Table
    public var fidelity: FidelityReport
  }

  /// The measures of table 4, one row each, in order. Adding a measure (e.g. a detection AUC) is
  /// one line here; nil leaves that seed out of the row's mean.
  public static let fidelityMeasures:
    [(name: String, value: @Sendable (ComparedTables) -> Double?)] = [
      ("column_shapes", { $0.fidelity.columnShapes }),
      ("column_pair_trends", { $0.fidelity.columnPairTrends }),
      ("quality", { $0.fidelity.quality }),
      ("association_difference", { $0.fidelity.associations.meanAbsoluteDifference }),
    ]

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

  /// One seed of one column: the fidelity measures, then the topological metrics.
  func runFidelity(_ subject: FidelitySubject, seed: UInt64) throws -> JobResult {
    var configuration = evaluation
    configuration.seed = seed
    configuration.parts = [.persistence, .geometryScore]
    let compared: ComparedTables
    let report: EvaluationReport
    switch subject {
    case .base(let base, let failure):
      let pair = try ControlledFailures.pair(base: base, failure: failure, count: count, seed: seed)
      let real = Tables.Table(pair.real.cloud, file: "real")
      let synthetic = Tables.Table(pair.synthetic.cloud, file: "synthetic")
      compared = ComparedTables(
        real: real, synthetic: synthetic,
        fidelity: FidelityReport.compute(real: real, synthetic: synthetic))
      report = try configuration.evaluate(real: pair.real.cloud, synthetic: pair.synthetic.cloud)
    case .registry(let failure):
      let pair = try PatientRegistry.pair(count: count, seed: seed, failure: failure)
      let samples = try TableSamples(
        real: pair.real, synthetic: pair.synthetic,
        options: TableOptions(overrides: SchemaOverrides(schema: PatientRegistry.schema)))
      compared = ComparedTables(
        real: samples.real, synthetic: samples.synthetic, fidelity: FidelityReport.compute(samples))
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

  func fidelityTables(results: [String: JobResult]) throws -> [TableFile] {
    var csv = "data,failure,metric,mean,sd,seeds\n"
    var markdown = "# Fidelity measures next to the topological metrics\n\n"
    markdown +=
      "Mean ± sample standard deviation over \(seeds.count) seeds; \(count) real and \(count) "
      + "synthetic rows (fewer under `few`). Fidelity as `tda-eval fidelity` (SDMetrics' quality "
      + "report; association_difference = mean |real − synthetic| of dython's association "
      + "matrices); topological metrics as in table 1. Regenerate with "
      + "`tda-eval tables --only fidelity`.\n"
    var latex =
      "% Fidelity measures next to the topological metrics: mean +/- sd over \(seeds.count) "
      + "seeds.\n"
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
        caption: "Fidelity and topological metrics under controlled failures: \(block.title), "
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
