import ArgumentParser
import Foundation
import TDAEval

/// `tda-eval evaluate REAL SYNTH`: every metric for a real/synthetic pair, as one report (a table,
/// `--json`, and with `--html FILE` a self-contained page).
struct EvaluateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "evaluate",
    abstract: "Every metric for a real/synthetic pair, as one report.",
    discussion: """
      Computes the Rips persistence diagrams of both samples (H0 of the whole samples, H1 and \
      up of seeded subsets of --persistence-points points; under Gower's distance every \
      diagram is the subset's) and their distances, precision, \
      recall, density, coverage, realism, the distance to the closest record, NDB/K, the \
      kernel-density baselines, the geometry score, the privacy measures (DCR, NNDR, \
      identifiability, with --holdout the membership attack), the fidelity report, the \
      detection part (logistic and 1-NN detection, as 'tda-eval detect') and, with --target \
      COL, the utility part (as 'tda-eval utility', the models scored on --holdout, the real \
      rows held out from the generator, as the test table), with the parameters below. Mixed \
      tables are read as for 'tda-eval metrics'; point clouds enter detection and utility as \
      the all-numeric tables of their values. Detection and utility are computed for the pair \
      only, not for the baseline.

      Every metric is also computed between two seeded halves of the real sample (with \
      --holdout: the real sample and the holdout), the baseline: what a second real sample \
      gets. Each scalar metric's reading says whether the synthetic value is within or beyond \
      it (docs/readings.md gives the rule); --bootstrap B adds 95% percentile intervals of \
      every value and baseline (B seeded resamples, computed in parallel), which a difference \
      must also clear. --no-baseline skips the baseline and the readings.

      --json prints one object (fields: parameters, real, synthetic, distance, standardized, \
      diagrams, metrics, kde or kde_table, gscore, privacy, fidelity, detect, utility, \
      baseline, readings, \
      timings, omitted); --html FILE writes a self-contained page with the readings and their \
      error bars, the diagrams, barcodes, MRLT histograms, DCR histograms and the membership \
      ROC curve.
      Example:
        tda-eval generate circle --failure wrong-topology --real real.csv --out synth.csv
        tda-eval evaluate real.csv synth.csv --html report.html
      """)

  @Argument(help: "The real sample (CSV, one point per row).")
  var real: String

  @Argument(help: "The synthetic sample (CSV, one point per row).")
  var synthetic: String

  @Option(help: "Write a self-contained HTML report to this file.")
  var html: String?

  @Option(help: "Parts to skip, comma separated.")
  var skip: CommaSeparated<Evaluation.Part>?

  @Option(help: "Column the utility part predicts, scored on --holdout (adds the utility part).")
  var target: String?

  @Option(help: "Utility task (default: from the target's kind).")
  var task: UtilityReport.Task?

  @Option(help: "Stratified folds of the logistic detection.")
  var folds = Evaluation.defaults.detectionFolds

  @Option(help: "Label permutations for the 1-NN detection test's p-value.")
  var permutations = Evaluation.defaults.detectionPermutations

  @Flag(
    inversion: .prefixedNo,
    help:
      "Compute every metric between two seeded halves of the real sample (or the real sample and --holdout) and read each value against it."
  )
  var baseline = Evaluation.defaults.baseline

  @Option(
    help:
      "Bootstrap replicates of every metric and baseline for 95% percentile intervals (0: none).")
  var bootstrap = Evaluation.defaults.bootstrap

  @Option(help: "Largest homology dimension of the diagrams (0…3).")
  var maxdim = Evaluation.defaults.maxDimension

  @Option(
    help: """
      Coefficients of the diagrams: a prime p ≤ 65521 for Z/p, or Q for the rationals \
      (default \(Evaluation.defaults.coefficients)).
      """,
    transform: Coefficients.argument)
  var coeff = Evaluation.defaults.coefficients

  @Option(help: "Rips threshold (default: each cloud's enclosing radius).")
  var threshold: Double?

  @Option(
    help:
      "At most this many points of each sample (a seeded subset) enter the Rips computation of H1 and up (H0 takes the whole sample, but under Gower's distance)."
  )
  var persistencePoints = Evaluation.defaults.persistencePoints

  @Option(help: "Certified relative error of the Wasserstein distances (0: exact).")
  var relativeError = Evaluation.defaults.wassersteinRelativeError

  @OptionGroup var sampleMetrics: SampleMetricOptions

  @Option(help: "KDE bandwidth: scott, silverman or a positive number h.")
  var bandwidth = Evaluation.defaults.bandwidth

  @OptionGroup var geometryScore: GeometryScoreOptions

  @Option(help: "Seed of every random choice.")
  var seed = Evaluation.defaults.seed

  @OptionGroup var input: SampleInputOptions
  @OptionGroup var output: OutputOptions
  @OptionGroup var memory: MemoryOptions

  /// The configuration the options describe.
  func evaluation() throws -> Evaluation {
    var evaluation = Evaluation()
    if let target {
      guard sampleMetrics.holdout != nil else {
        throw ValidationError("--target needs --holdout: the real rows the models are scored on")
      }
      evaluation.parts.insert(.utility)
      evaluation.target = target
    }
    if let task {
      guard target != nil else { throw ValidationError("--task needs --target") }
      evaluation.task = task
    }
    evaluation.detectionFolds = folds
    evaluation.detectionPermutations = permutations
    evaluation.parts.subtract(skip?.elements ?? [])
    evaluation.maxDimension = maxdim
    evaluation.coefficients = coeff
    evaluation.threshold = threshold
    evaluation.persistencePoints = persistencePoints
    evaluation.wassersteinRelativeError = relativeError
    evaluation.k = sampleMetrics.k
    evaluation.balls = sampleMetrics.balls
    evaluation.standardize = sampleMetrics.standardize
    evaluation.vqBins = sampleMetrics.bins ?? Evaluation.defaults.vqBins
    evaluation.bandwidth = bandwidth
    evaluation.landmarks = geometryScore.landmarkCount
    evaluation.gamma = try geometryScore.gammaValue()
    evaluation.imax = geometryScore.imaxValue
    evaluation.trials = geometryScore.trialCount
    evaluation.seed = seed
    evaluation.baseline = baseline
    evaluation.bootstrap = bootstrap
    guard bootstrap >= 0 else {
      throw ValidationError("--bootstrap must be at least 0, got \(bootstrap)")
    }
    guard baseline || bootstrap == 0 else {
      throw ValidationError("--bootstrap needs the baseline: drop --no-baseline")
    }
    return evaluation
  }

  func validate() throws { _ = try evaluation() }

  /// The report these options describe, computed without printing anything (but the table
  /// reader's notes on stderr): what `run` prints, and what `tda-eval sweep` saves.
  func report(progress: ProgressHandler? = nil) throws -> EvaluationReport {
    try evaluated(progress: progress).report
  }

  /// The report and the samples it compares.
  private func evaluated(progress: ProgressHandler?) throws
    -> (report: EvaluationReport, samples: ComparedSamples)
  {
    memory.install()
    let evaluation = try evaluation()
    let samples = try input.load(real: real, synthetic: synthetic, holdout: sampleMetrics.holdout)
    // An explicit --bins above the real sample's size is an error (the default is capped).
    if evaluation.parts.contains(.sampleMetrics) {
      _ = try sampleMetrics.binCount(realCount: samples.counts.real)
    }
    let report = try computing {
      switch samples {
      case .clouds(let realCloud, let syntheticCloud, let holdoutCloud):
        return try evaluation.evaluate(
          real: realCloud, synthetic: syntheticCloud, holdout: holdoutCloud, progress: progress)
      case .tables(let tables):
        return try evaluation.evaluate(tables, progress: progress)
      }
    }
    return (report, samples)
  }

  func run() throws {
    let bar = ProgressBar()
    let (report, samples) = try evaluated(progress: bar.handler)
    bar.finish()
    if let html {
      let tables: (real: Table, synthetic: Table)
      switch samples {
      case .clouds(let realCloud, let syntheticCloud, _):
        tables = (Table(realCloud, file: real), Table(syntheticCloud, file: synthetic))
      case .tables(let read): tables = (read.real, read.synthetic)
      }
      let page = report.htmlReport(
        realName: URL(fileURLWithPath: real).lastPathComponent,
        syntheticName: URL(fileURLWithPath: synthetic).lastPathComponent, tables: tables)
      try writeText(page.render(), toPath: html)
    }
    if output.json {
      try printJSON(report)
    } else {
      if report.readings == nil {
        printTable(
          header: ["metric", "value", "reading"],
          rows: report.metricRows.map { [$0.name, $0.value, $0.reading] })
      } else {
        printTable(
          header: ["metric", "value", "matched", "baseline", "verdict", "reading"],
          rows: report.metricRows.map {
            [$0.name, $0.value, $0.matched, $0.baseline, $0.verdict, $0.reading]
          })
      }
      if let detection = report.detection {
        writeStandardOutput("\ndetection\n")
        printTable(header: DetectionReport.tableHeader, rows: detection.tableRows(formatted))
      }
      if let utility = report.utility {
        writeStandardOutput("\nutility: \(utility.summary)\n")
        printTable(header: utility.tableHeader, rows: utility.tableRows(formatted))
      }
      for note in report.standardizationNotes { writeStandardOutput("\(note)\n") }
      for (part, reason) in report.omitted.sorted(by: { $0.key < $1.key }) {
        writeStandardOutput("\(part) not computed: \(reason)\n")
      }
    }
  }
}
