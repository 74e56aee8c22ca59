import Foundation

/// One generated file of the benchmark tables.
public struct TableFile: Sendable, Equatable {
  /// The file name (no directory).
  public var name: String
  /// The file's text.
  public var contents: String

  public init(name: String, contents: String) {
    self.name = name
    self.contents = contents
  }
}

/// The benchmark tables of the thesis: which metric sees which failure of a generative model, and
/// at what cost.
///
/// 1. `failures.{csv,md,tex}`: every scalar metric of ``EvaluationReport/scalars`` for every base
///    distribution × controlled failure, mean ± sample standard deviation over the seeds.
/// 2. `sensitivity-{noise,kept,jitter}.csv` and `sensitivity-*.svg`: metrics against the noise σ,
///    against the fraction of modes kept, and (privacy measures included) against the jitter of
///    memorised copies — which measure sees copies, which near-copies, and where they stop.
/// 3. `runtime.{csv,md,tex}` and `runtime-*.svg`: wall-clock seconds and peak added resident
///    memory of each evaluation part against the number of points n and the dimension d.
/// 4. `fidelity.{csv,md,tex}`: the fidelity measures (column shapes, column pair trends, quality,
///    association difference), detection (logistic, 1-NN) and utility (TRTR against TSTR) next to
///    the topological metrics, for the tabular base distribution and the mixed-type patient
///    registry under their controlled failures.
///
/// 5. `calibration.{csv,md}`: the null calibration — every metric between two seeded samples of
///    the same base distribution (the faithful pair) at several sample sizes, mean, sd, min and
///    max over the seeds: how far apart two real samples already are, before a difference
///    means anything (the readings' tolerances are checked against it, `docs/readings.md`).
///
/// Tables 1, 2 and 4 depend only on the configuration (seeded data, deterministic metrics, fixed
/// number formatting), so regenerating them gives byte-identical files; table 3 measures time.
public struct BenchmarkTables: Sendable {
  /// Points per sample in tables 1 and 2.
  public var count: Int
  /// Seeds of the repetitions (each seed draws a new real and synthetic pair).
  public var seeds: [UInt64]
  /// Base distributions of table 1.
  public var bases: [BaseDistribution]
  /// Failures of table 1 (those not applicable to a base are skipped).
  public var failures: [Failure]
  /// Base distributions of the noise curves and their σ values.
  public var noiseBases: [BaseDistribution]
  public var noiseLevels: [Double]
  /// Base distributions of the dropped-modes curves and their kept fractions.
  public var keptBases: [BaseDistribution]
  public var keptFractions: [Double]
  /// Base distributions of the memorisation curves (half the rows copied) and their jitters.
  public var jitterBases: [BaseDistribution]
  public var jitterLevels: [Double]
  /// Sample sizes of the runtime table (at `runtimeBaseDimension`).
  public var runtimeSizes: [Int]
  /// Dimension used for the size sweep.
  public var runtimeBaseDimension: Int
  /// Dimensions of the runtime table (at `runtimeBaseCount` points).
  public var runtimeDimensions: [Int]
  /// Sample size used for the dimension sweep.
  public var runtimeBaseCount: Int
  /// The largest n at which the persistence part is timed (Rips to H1 grows like n³ and beyond).
  public var persistenceSizeLimit: Int
  /// The configuration of every evaluation (its `seed` is replaced by each repetition's seed).
  public var evaluation: Evaluation
  /// Base distributions of table 4 (under ``failures``) and the registry's failures there.
  public var fidelityBases: [BaseDistribution]
  public var registryFailures: [TableFailure]
  /// Base distributions, sample sizes and seeds of the null-calibration table.
  public var calibrationBases: [BaseDistribution]
  public var calibrationSizes: [Int]
  public var calibrationSeeds: [UInt64]

  public init(
    count: Int, seeds: [UInt64], bases: [BaseDistribution], failures: [Failure],
    noiseBases: [BaseDistribution], noiseLevels: [Double], keptBases: [BaseDistribution],
    keptFractions: [Double], runtimeSizes: [Int], runtimeBaseDimension: Int,
    runtimeDimensions: [Int], runtimeBaseCount: Int, persistenceSizeLimit: Int,
    evaluation: Evaluation, jitterBases: [BaseDistribution] = [], jitterLevels: [Double] = [],
    fidelityBases: [BaseDistribution] = [], registryFailures: [TableFailure] = [],
    calibrationBases: [BaseDistribution] = [], calibrationSizes: [Int] = [],
    calibrationSeeds: [UInt64] = []
  ) {
    self.fidelityBases = fidelityBases
    self.registryFailures = registryFailures
    self.calibrationBases = calibrationBases
    self.calibrationSizes = calibrationSizes
    self.calibrationSeeds = calibrationSeeds
    self.jitterBases = jitterBases
    self.jitterLevels = jitterLevels
    self.count = count
    self.seeds = seeds
    self.bases = bases
    self.failures = failures
    self.noiseBases = noiseBases
    self.noiseLevels = noiseLevels
    self.keptBases = keptBases
    self.keptFractions = keptFractions
    self.runtimeSizes = runtimeSizes
    self.runtimeBaseDimension = runtimeBaseDimension
    self.runtimeDimensions = runtimeDimensions
    self.runtimeBaseCount = runtimeBaseCount
    self.persistenceSizeLimit = persistenceSizeLimit
    self.evaluation = evaluation
  }

  /// The bases of the thesis tables: every base distribution but the unit cube (a featureless
  /// benchmark cloud, not part of the controlled experiments), in the tables' order.
  public static let standardBases: [BaseDistribution] = [
    .gaussianMixture, .circle, .twoCircles, .torus, .sphere, .swissRoll, .tabular,
  ]

  /// The failures of table 1, with their parameters.
  public static let standardFailures: [Failure] = [
    .faithful, .modeCollapse, .droppedModes(kept: 0.4), .noise(sigma: 0.1), .noise(sigma: 0.3),
    .memorisation(fraction: 0.5, jitter: 0), .memorisation(fraction: 0.5, jitter: 0.05),
    .translation(offset: 1), .scaling(factor: 1.5), .wrongTopology, .tooFewSamples(fraction: 0.1),
  ]

  /// The thesis tables: every base, 600 points (Rips on 300 of them), 5 seeds, geometry score
  /// over 40 trials, runtime for sizes 500 … 20 000; the null calibration at 300, 1,000 and
  /// 3,000 points over 10 seeds.
  public static var full: BenchmarkTables {
    var evaluation = Evaluation()
    evaluation.persistencePoints = 300
    evaluation.trials = 40
    return BenchmarkTables(
      count: 600, seeds: [1, 2, 3, 4, 5], bases: standardBases,
      failures: standardFailures, noiseBases: [.circle, .gaussianMixture, .tabular],
      noiseLevels: [0, 0.05, 0.1, 0.2, 0.5, 1], keptBases: [.gaussianMixture, .tabular],
      keptFractions: [0.2, 0.4, 0.6, 0.8, 1],
      runtimeSizes: [500, 1000, 2000, 5000, 10_000, 20_000],
      runtimeBaseDimension: 2, runtimeDimensions: [2, 4, 16, 64], runtimeBaseCount: 2000,
      persistenceSizeLimit: 2000, evaluation: evaluation,
      jitterBases: [.gaussianMixture, .tabular],
      jitterLevels: [0, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5], fidelityBases: [.tabular],
      registryFailures: standardRegistryFailures, calibrationBases: standardBases,
      calibrationSizes: [300, 1000, 3000], calibrationSeeds: Array(1...10))
  }

  /// A small version for CI: two bases, 100 points, 2 seeds; well under a minute in a debug build.
  public static var quick: BenchmarkTables {
    var evaluation = Evaluation()
    evaluation.persistencePoints = 60
    evaluation.trials = 5
    evaluation.vqBins = 10
    return BenchmarkTables(
      count: 100, seeds: [1, 2], bases: [.circle, .gaussianMixture], failures: standardFailures,
      noiseBases: [.circle], noiseLevels: [0, 0.1, 0.3], keptBases: [.gaussianMixture],
      keptFractions: [0.2, 0.6, 1], runtimeSizes: [100, 200], runtimeBaseDimension: 2,
      runtimeDimensions: [2, 8], runtimeBaseCount: 100, persistenceSizeLimit: 200,
      evaluation: evaluation, jitterBases: [.gaussianMixture], jitterLevels: [0, 0.05, 0.2],
      fidelityBases: [.gaussianMixture],
      registryFailures: [.faithful, .brokenCorrelations, .shiftedLabs(sigma: 1)],
      calibrationBases: [.circle], calibrationSizes: [60, 120], calibrationSeeds: [1, 2, 3])
  }

  /// The tables.
  public enum Table: String, Sendable, CaseIterable {
    /// Every metric under every failure.
    case failures
    /// Metrics against noise σ and the fraction of modes kept.
    case sensitivity
    /// Runtime and peak memory against n and d.
    case runtime
    /// Fidelity measures next to the topological metrics on tables.
    case fidelity
    /// Every metric between two samples of one distribution, against n.
    case calibration
  }

  /// The number of evaluations `tables` take (the progress total).
  public func evaluationCount(_ tables: Set<Table> = Set(Table.allCases)) -> Int {
    jobs(tables).count
  }

  /// The files of `tables`, in a fixed order.
  public func generate(tables: Set<Table> = Set(Table.allCases), progress: ProgressHandler? = nil)
    throws -> [TableFile]
  {
    let jobs = jobs(tables)
    let counter = ProgressCounter(total: jobs.count, progress: progress)
    return try assemble(tables: tables, results: run(jobs, counter: counter))
  }

  /// The files of `tables` made from the results of their jobs (every job of ``jobs(_:)``).
  func assemble(tables: Set<Table>, results: [String: JobResult]) throws -> [TableFile] {
    var files: [TableFile] = []
    if tables.contains(.failures) { files += try failureTables(results: results) }
    if tables.contains(.sensitivity) { files += try sensitivityTables(results: results) }
    if tables.contains(.runtime) { files += try runtimeTables(results: results) }
    if tables.contains(.fidelity) { files += try fidelityTables(results: results) }
    if tables.contains(.calibration) { files += try calibrationTables(results: results) }
    return files
  }

  // MARK: - Jobs: the units of work, for sharding

  /// One unit of work of the tables: one seed of one failure of one base, or one timed runtime
  /// case. A job's result depends only on the configuration (runtime aside), so jobs can run
  /// anywhere, in any order, and their results be put together later.
  public struct Job: Sendable, Hashable {
    enum Work: Sendable, Hashable {
      case evaluation(base: BaseDistribution, failure: Failure, seed: UInt64)
      case runtime(RuntimeCase)
      case fidelity(FidelitySubject, seed: UInt64)
      case calibration(base: BaseDistribution, count: Int, seed: UInt64)
    }

    /// A stable name, the key of the job's result.
    public var id: String
    /// The progress phase shown while it runs.
    var phase: String
    var work: Work
  }

  /// What one job measured: the scalars of an evaluation in report order, or the seconds and peak
  /// added memory of a runtime case.
  public struct JobResult: Sendable, Equatable, Codable {
    public var metrics: [String] = []
    public var values: [Double] = []
    public var seconds: Double? = nil
    public var peakBytes: Int? = nil
  }

  /// The id of the evaluation of `failure` on `base` with `seed` in table `family`.
  static func evaluationID(
    _ family: String, _ base: BaseDistribution, _ failure: Failure, _ seed: UInt64
  )
    -> String
  {
    "\(family)/\(base.rawValue)/\(failure)/\(seed)"
  }

  /// The families of table 2: name, parameter, bases, levels, failure at a level.
  var sensitivityFamilies:
    [(
      name: String, parameter: String, bases: [BaseDistribution], levels: [Double],
      failure: (Double) -> Failure
    )]
  {
    [
      ("noise", "sigma", noiseBases, noiseLevels, { .noise(sigma: $0) }),
      ("kept", "kept", keptBases, keptFractions, { .droppedModes(kept: $0) }),
      ("jitter", "jitter", jitterBases, jitterLevels, { .memorisation(fraction: 0.5, jitter: $0) }),
    ].filter { !$0.bases.isEmpty && !$0.levels.isEmpty }
  }

  /// The jobs of `tables`, in the order a single run takes them.
  public func jobs(_ tables: Set<Table> = Set(Table.allCases)) -> [Job] {
    var jobs: [Job] = []
    func evaluations(_ family: String, _ base: BaseDistribution, _ failure: Failure) {
      for seed in seeds {
        jobs.append(
          Job(
            id: Self.evaluationID(family, base, failure, seed),
            phase: "\(base.rawValue) \(failure.label)",
            work: .evaluation(base: base, failure: failure, seed: seed)))
      }
    }
    if tables.contains(.failures) {
      for base in bases {
        for failure in failures where failure.isApplicable(to: base) {
          evaluations("failures", base, failure)
        }
      }
    }
    if tables.contains(.sensitivity) {
      for family in sensitivityFamilies {
        for base in family.bases {
          for level in family.levels { evaluations(family.name, base, family.failure(level)) }
        }
      }
    }
    if tables.contains(.fidelity) {
      for subject in fidelitySubjects {
        for seed in seeds {
          jobs.append(
            Job(
              id: Self.fidelityID(subject, seed), phase: "fidelity \(subject.phase)",
              work: .fidelity(subject, seed: seed)))
        }
      }
    }
    if tables.contains(.runtime) {
      for timed in runtimeCases {
        jobs.append(
          Job(
            id: "runtime/\(timed.part.rawValue)/\(timed.count)/\(timed.dimension)",
            phase: "runtime \(timed.part.rawValue) n=\(timed.count) d=\(timed.dimension)",
            work: .runtime(timed)))
      }
    }
    if tables.contains(.calibration) {
      for base in calibrationBases {
        for size in calibrationSizes {
          for seed in calibrationSeeds {
            jobs.append(
              Job(
                id: Self.calibrationID(base, size, seed),
                phase: "calibration \(base.rawValue) n=\(size)",
                work: .calibration(base: base, count: size, seed: seed)))
          }
        }
      }
    }
    return jobs
  }

  /// Runs `jobs` one after the other; the results by job id.
  func run(_ jobs: [Job], counter: ProgressCounter) throws -> [String: JobResult] {
    var results: [String: JobResult] = [:]
    for job in jobs {
      results[job.id] = try run(job)
      counter.increment(phase: job.phase)
    }
    return results
  }

  /// Runs one job.
  func run(_ job: Job) throws -> JobResult {
    switch job.work {
    case .evaluation(let base, let failure, let seed):
      let pair = try ControlledFailures.pair(base: base, failure: failure, count: count, seed: seed)
      let holdout = Self.heldOut(base, count: count, seed: seed).cloud
      var configuration = evaluation
      configuration.seed = seed
      configuration.baseline = false
      configuration.k = min(configuration.k, pair.synthetic.cloud.count - 1)
      let report = try configuration.evaluate(
        real: pair.real.cloud, synthetic: pair.synthetic.cloud, holdout: holdout)
      return JobResult(metrics: report.scalars.map(\.name), values: report.scalars.map(\.value))
    case .runtime(let timed):
      let mixture = BaseDistribution.gaussianMixture
      let real = mixture.sample(count: timed.count, dimension: timed.dimension, seed: 11)
      let synthetic = mixture.sample(
        count: timed.count, dimension: timed.dimension, noise: 0.1, seed: 12)
      var configuration = evaluation
      configuration.baseline = false
      configuration.parts = [timed.part]
      configuration.persistencePoints = timed.count
      let (report, peak) = try PeakMemory.measure {
        try configuration.evaluate(real: real, synthetic: synthetic)
      }
      return JobResult(seconds: report.timings[timed.part.rawValue] ?? .nan, peakBytes: peak)
    case .fidelity(let subject, let seed):
      return try runFidelity(subject, seed: seed)
    case .calibration(let base, let size, let seed):
      let pair = try ControlledFailures.pair(
        base: base, failure: .faithful, count: size, seed: seed)
      var configuration = evaluation
      configuration.seed = seed
      configuration.baseline = false
      configuration.k = min(configuration.k, size - 1)
      let metrics = try configuration.evaluate(
        real: pair.real.cloud, synthetic: pair.synthetic.cloud
      ).scalarMetrics
      return JobResult(metrics: metrics.map(\.path), values: metrics.map(\.value))
    }
  }

  /// The held-out real sample of `seed`: a fresh sample of `base` from stream 4 of the seed, which
  /// the controlled pairs never use (table 1's holdout, table 4's utility test set).
  static func heldOut(_ base: BaseDistribution, count: Int, seed: UInt64) -> LabelledSample {
    var stream = SeededGenerator.stream(4, of: seed)
    return base.sample(count: count, using: &stream)
  }

  /// The result of job `id`.
  /// - Throws: ``SweepError`` when it is missing (a shard not merged).
  static func result(_ id: String, in results: [String: JobResult]) throws -> JobResult {
    guard let result = results[id] else { throw SweepError("no result for table job '\(id)'") }
    return result
  }

  // MARK: - Evaluating a failure over the seeds

  /// Mean and sample standard deviation of one metric over the seeds where it was computed.
  struct Summary: Equatable {
    var mean: Double
    var deviation: Double
    var samples: Int

    init(_ values: [Double]) {
      samples = values.count
      let average = values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count)
      mean = average
      let squares = values.reduce(0) { $0 + ($1 - average) * ($1 - average) }
      deviation = values.count > 1 ? (squares / Double(values.count - 1)).squareRoot() : 0
    }
  }

  /// Every metric for `failure` of `base` in table `family`, summarised over the seeds, in the
  /// order of ``EvaluationReport/scalars``.
  func summaries(
    family: String, base: BaseDistribution, failure: Failure, results: [String: JobResult]
  ) throws -> [(metric: String, summary: Summary)] {
    try summaries(
      ids: seeds.map { Self.evaluationID(family, base, failure, $0) }, results: results)
  }

  /// Every metric of the jobs `ids` (one per seed), summarised, in order of first appearance.
  func summaries(ids: [String], results: [String: JobResult]) throws
    -> [(metric: String, summary: Summary)]
  {
    var order: [String] = []
    var values: [String: [Double]] = [:]
    for id in ids {
      let result = try Self.result(id, in: results)
      for (name, value) in zip(result.metrics, result.values) {
        if values[name] == nil { order.append(name) }
        values[name, default: []].append(value)
      }
    }
    return order.map { ($0, Summary(values[$0] ?? [])) }
  }

  // MARK: - Table 1

  /// A short column label for a failure.
  static func columnLabel(_ failure: Failure) -> String {
    switch failure {
    case .faithful: "faithful"
    case .modeCollapse: "collapse"
    case .droppedModes(let kept): "kept \(number(kept))"
    case .noise(let sigma): "noise \(number(sigma))"
    case .memorisation(let fraction, let jitter):
      jitter == 0
        ? "copies \(number(fraction))" : "copies \(number(fraction))+jitter \(number(jitter))"
    case .translation(let offset): "shift \(number(offset))"
    case .scaling(let factor): "scale \(number(factor))"
    case .wrongTopology: "topology"
    case .tooFewSamples(let fraction): "few \(number(fraction))"
    }
  }

  func failureTables(counter: ProgressCounter) throws -> [TableFile] {
    try failureTables(results: run(jobs([.failures]), counter: counter))
  }

  func failureTables(results: [String: JobResult]) throws -> [TableFile] {
    var csv = "base,failure,metric,mean,sd,seeds\n"
    var markdown = "# Every metric under every controlled failure\n\n"
    markdown +=
      "Mean ± sample standard deviation over \(seeds.count) seeds; \(count) real and \(count) synthetic points (fewer under `few`). Regenerate with `tda-eval tables`.\n"
    var latex =
      "% Every metric under every controlled failure: mean +/- sd over \(seeds.count) seeds.\n"
    for base in bases {
      let applicable = failures.filter { $0.isApplicable(to: base) }
      var columns: [[(metric: String, summary: Summary)]] = []
      for failure in applicable {
        let rows = try summaries(family: "failures", base: base, failure: failure, results: results)
        columns.append(rows)
        for row in rows {
          csv +=
            "\(base.rawValue),\(Self.columnLabel(failure)),\(row.metric),\(Self.csvNumber(row.summary.mean)),\(Self.csvNumber(row.summary.deviation)),\(row.summary.samples)\n"
        }
      }
      let (header, body) = Self.metricRows(
        labels: applicable.map(Self.columnLabel), columns: columns)
      markdown += "\n## \(base.rawValue) (d = \(base.dimension))\n\n"
      markdown += Self.markdownTable(header: header, rows: body)
      latex += Self.latexTable(
        caption:
          "Metrics under controlled failures: \(base.rawValue) (d = \(base.dimension)), mean $\\pm$ sd over \(seeds.count) seeds.",
        label: "tab:failures-\(base.rawValue)", header: header, rows: body)
    }
    return [
      TableFile(name: "failures.csv", contents: csv),
      TableFile(name: "failures.md", contents: markdown),
      TableFile(name: "failures.tex", contents: latex),
    ]
  }

  /// The header and rows of a metric × failure block: one column of summaries per failure
  /// (labelled `labels`), one row per metric in order of first appearance, "—" where missing.
  static func metricRows(labels: [String], columns: [[(metric: String, summary: Summary)]])
    -> (header: [String], body: [[String]])
  {
    let metrics = union(columns.map { $0.map(\.metric) })
    let body = metrics.map { metric in
      [metric]
        + columns.map { column in
          column.first { $0.metric == metric }.map { cell($0.summary) } ?? "—"
        }
    }
    return (["metric"] + labels, body)
  }

  // MARK: - Table 2

  /// The metrics drawn in the sensitivity charts: those in [0, 1] and the topological ones.
  static let boundedMetrics = ["precision", "recall", "coverage", "realism_at_least_one"]
  static let topologicalMetrics = ["bottleneck_h0", "bottleneck_h1", "wasserstein1_h1", "gscore"]
  /// The measures drawn against the memorisation jitter: which sees copies, which near-copies.
  static let privacyMetrics = [
    "dcr_exact_copies", "dcr_median_over_holdout", "identifiability", "closer_to_training",
    "membership_auc", "nndr_median",
  ]

  func sensitivityTables(counter: ProgressCounter) throws -> [TableFile] {
    try sensitivityTables(results: run(jobs([.sensitivity]), counter: counter))
  }

  func sensitivityTables(results: [String: JobResult]) throws -> [TableFile] {
    var files: [TableFile] = []
    for family in sensitivityFamilies {
      var csv = "base,\(family.parameter),metric,mean,sd,seeds\n"
      for base in family.bases {
        var curves: [String: [(x: Double, y: Double)]] = [:]
        var order: [String] = []
        for level in family.levels {
          for row in try summaries(
            family: family.name, base: base, failure: family.failure(level), results: results)
          {
            csv +=
              "\(base.rawValue),\(Self.csvNumber(level)),\(row.metric),\(Self.csvNumber(row.summary.mean)),\(Self.csvNumber(row.summary.deviation)),\(row.summary.samples)\n"
            if curves[row.metric] == nil { order.append(row.metric) }
            curves[row.metric, default: []].append((level, row.summary.mean))
          }
        }
        let xLabel =
          ["noise": "noise σ (coordinate scales)", "kept": "fraction of modes kept"][family.name]
          ?? "jitter of the copied half (coordinate scales)"
        for (suffix, metrics, yLabel) in [
          ("knn", Self.boundedMetrics + ["density"], "k-NN metric"),
          ("topology", Self.topologicalMetrics, "distance / score"),
          ("privacy", Self.privacyMetrics, "privacy measure"),
        ] where suffix != "privacy" || family.name == "jitter" {
          let series = metrics.filter { curves[$0] != nil }.map {
            SVGPlot.LineSeries(label: $0, points: curves[$0]!)
          }
          guard !series.isEmpty else { continue }
          files.append(
            TableFile(
              name: "sensitivity-\(family.name)-\(base.rawValue)-\(suffix).svg",
              contents: SVGPlot.lineChart(
                title: "\(base.rawValue): metrics against \(xLabel)", xLabel: xLabel,
                yLabel: yLabel, series: series)))
        }
      }
      files.insert(TableFile(name: "sensitivity-\(family.name).csv", contents: csv), at: 0)
    }
    return files.sorted { $0.name < $1.name }
  }

  // MARK: - Table 3

  /// One timed case: a part at a size and dimension.
  struct RuntimeCase: Hashable, Sendable {
    var part: Evaluation.Part
    var count: Int
    var dimension: Int
  }

  /// The timed cases: each part over the sizes (at the base dimension), then over the dimensions
  /// (at the base size); persistence only up to ``persistenceSizeLimit``.
  var runtimeCases: [RuntimeCase] {
    var cases: [RuntimeCase] = []
    // The learning parts (detection, utility) read tables: timed in their own benchmarks.
    for part in Evaluation.Part.allCases where !Evaluation.learningParts.contains(part) {
      for size in runtimeSizes where part != .persistence || size <= persistenceSizeLimit {
        cases.append(RuntimeCase(part: part, count: size, dimension: runtimeBaseDimension))
      }
      for dimension in runtimeDimensions where dimension != runtimeBaseDimension {
        cases.append(RuntimeCase(part: part, count: runtimeBaseCount, dimension: dimension))
      }
    }
    return cases
  }

  func runtimeTables(results: [String: JobResult]) throws -> [TableFile] {
    var csv = "part,n,d,seconds,peak_mb\n"
    var rows: [[String]] = []
    var bySize: [String: [(x: Double, y: Double)]] = [:]
    var byDimension: [String: [(x: Double, y: Double)]] = [:]
    for timed in runtimeCases {
      let result = try Self.result(
        "runtime/\(timed.part.rawValue)/\(timed.count)/\(timed.dimension)", in: results)
      let peak = result.peakBytes
      let seconds = result.seconds ?? .nan
      let megabytes = peak.map { Double($0) / 1_048_576 }
      csv +=
        "\(timed.part.rawValue),\(timed.count),\(timed.dimension),\(String(format: "%.4f", seconds)),\(megabytes.map { String(format: "%.1f", $0) } ?? "")\n"
      rows.append([
        timed.part.rawValue, "\(timed.count)", "\(timed.dimension)",
        String(format: "%.3f", seconds),
        megabytes.map { String(format: "%.1f", $0) } ?? "—",
      ])
      if timed.dimension == runtimeBaseDimension {
        bySize[timed.part.rawValue, default: []].append((Double(timed.count), seconds))
      }
      if timed.count == runtimeBaseCount {
        byDimension[timed.part.rawValue, default: []].append((Double(timed.dimension), seconds))
      }
    }
    let header = ["part", "n", "d", "seconds", "peak MB"]
    let note =
      "Wall-clock seconds and peak resident memory added by one evaluation part (Gaussian mixtures, 5 components); machine-dependent, not byte-identical across runs. Persistence: Rips to H\(evaluation.maxDimension) on all n points, timed up to n = \(persistenceSizeLimit).\n\n"
    let parts = Evaluation.Part.allCases.map(\.rawValue)
    func series(_ curves: [String: [(x: Double, y: Double)]]) -> [SVGPlot.LineSeries] {
      parts.compactMap { part in curves[part].map { SVGPlot.LineSeries(label: part, points: $0) } }
    }
    return [
      TableFile(name: "runtime.csv", contents: csv),
      TableFile(
        name: "runtime.md",
        contents: "# Runtime and peak memory of each metric\n\n" + note
          + Self.markdownTable(header: header, rows: rows)),
      TableFile(
        name: "runtime.tex",
        contents: Self.latexTable(
          caption: "Runtime and peak added memory of each evaluation part.", label: "tab:runtime",
          header: header, rows: rows)),
      TableFile(
        name: "runtime-n.svg",
        contents: SVGPlot.lineChart(
          title: "Runtime against n (d = \(runtimeBaseDimension))", xLabel: "points n",
          yLabel: "seconds", series: series(bySize), xScale: .logarithmic, yScale: .logarithmic)),
      TableFile(
        name: "runtime-d.svg",
        contents: SVGPlot.lineChart(
          title: "Runtime against d (n = \(runtimeBaseCount))", xLabel: "dimension d",
          yLabel: "seconds", series: series(byDimension), xScale: .logarithmic,
          yScale: .logarithmic)),
    ]
  }

  // MARK: - Formatting

  /// A number in CSV: 6 significant digits, `inf`/`-inf`/`nan` spelled out.
  static func csvNumber(_ value: Double) -> String {
    if value.isNaN { return "nan" }
    if value.isInfinite { return value > 0 ? "inf" : "-inf" }
    return String(format: "%.6g", value + 0)
  }

  /// A parameter in a label: shortest form without a trailing ".0".
  static func number(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e9 ? String(Int(value)) : "\(value)"
  }

  /// A table cell: mean ± sd with 3 significant digits.
  static func cell(_ summary: Summary) -> String {
    return summary.samples > 1
      ? "\(short(summary.mean)) ± \(short(summary.deviation))" : short(summary.mean)
  }

  /// A value with 3 significant digits, as the Markdown tables show it.
  static func short(_ value: Double) -> String {
    if value.isNaN { return "—" }
    if value.isInfinite { return value > 0 ? "∞" : "−∞" }
    return String(format: "%.3g", value + 0)
  }

  /// The names of every list, in order of first appearance.
  static func union(_ lists: [[String]]) -> [String] {
    var seen = Set<String>()
    return lists.flatMap { $0 }.filter { seen.insert($0).inserted }
  }

  static func markdownTable(header: [String], rows: [[String]]) -> String {
    func line(_ cells: [String]) -> String {
      "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ")
        + " |\n"
    }
    return line(header) + line(header.map { _ in "---" }) + rows.map(line).joined()
  }

  static func latexTable(caption: String, label: String, header: [String], rows: [[String]])
    -> String
  {
    func escape(_ text: String) -> String {
      var escaped = ""
      for character in text {
        switch character {
        case "_": escaped += "\\_"
        case "%": escaped += "\\%"
        case "&": escaped += "\\&"
        case "#": escaped += "\\#"
        case "±": escaped += "$\\pm$"
        case "σ": escaped += "$\\sigma$"
        case "—": escaped += "--"
        case "∞": escaped += "$\\infty$"
        case "−": escaped += "$-$"
        default: escaped.append(character)
        }
      }
      return escaped
    }
    var tex = "\\begin{table}\n\\centering\n\\small\n"
    tex +=
      "\\begin{tabular}{l" + String(repeating: "r", count: max(0, header.count - 1))
      + "}\n\\toprule\n"
    tex += header.map(escape).joined(separator: " & ") + " \\\\\n\\midrule\n"
    for row in rows { tex += row.map(escape).joined(separator: " & ") + " \\\\\n" }
    tex += "\\bottomrule\n\\end{tabular}\n"
    tex += "\\caption{\(caption)}\n\\label{\(label)}\n\\end{table}\n\n"
    return tex
  }
}
