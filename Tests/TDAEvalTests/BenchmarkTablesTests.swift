import Foundation
import Testing
import _TestSupport

@testable import TDAEval

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// A tiny configuration: one base, three failures, two seeds, one runtime case per part.
private var tiny: BenchmarkTables {
  var tables = BenchmarkTables.quick
  tables.count = 60
  tables.bases = [.circle]
  tables.failures = [.faithful, .modeCollapse, .wrongTopology]
  tables.noiseBases = [.circle]
  tables.noiseLevels = [0, 0.3]
  tables.keptBases = [.gaussianMixture]
  tables.keptFractions = [0.2, 1]
  tables.runtimeSizes = [50]
  tables.runtimeDimensions = [2]
  tables.runtimeBaseCount = 50
  tables.persistenceSizeLimit = 50
  tables.evaluation.persistencePoints = 40
  tables.evaluation.trials = 3
  return tables
}

/// The rows of a CSV file (header dropped), split into cells.
private func rows(_ csv: String) -> [[String]] {
  csv.split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
}

@Suite("Benchmark tables")
struct BenchmarkTablesTests {
  @Test("tables are byte-identical from run to run, runtime aside, and progress reaches the total")
  func deterministic() throws {
    let updates = UpdateLog()
    let first = try tiny.generate(progress: { updates.append($0) })
    let second = try tiny.generate()
    #expect(first.map(\.name) == second.map(\.name))
    for (a, b) in zip(first, second) where !a.name.hasPrefix("runtime") {
      #expect(a == b, "\(a.name) differs")
    }
    #expect(updates.last?.completed == tiny.evaluationCount())
    #expect(updates.last?.total == tiny.evaluationCount())
    let runtimeOnly = try tiny.generate(tables: [.runtime])
    #expect(runtimeOnly.allSatisfy { $0.name.hasPrefix("runtime") } && runtimeOnly.count == 5)
    let names = Set(first.map(\.name))
    for name in [
      "failures.csv", "failures.md", "failures.tex", "sensitivity-noise.csv",
      "sensitivity-kept.csv",
      "sensitivity-noise-circle-knn.svg", "sensitivity-kept-gaussian-mixture-topology.svg",
      "runtime.csv", "runtime.md", "runtime.tex", "runtime-n.svg", "runtime-d.svg",
    ] {
      #expect(names.contains(name), "missing \(name)")
    }
  }

  @Test("the failure table holds mean ± sd over the seeds, and the directions that must hold")
  func failureTable() throws {
    let files = try tiny.failureTables(counter: ProgressCounter(total: 0, progress: nil))
    let csv = try #require(files.first { $0.name == "failures.csv" }).contents
    #expect(csv.hasPrefix("base,failure,metric,mean,sd,seeds\n"))
    let table = rows(csv)
    #expect(table.allSatisfy { $0.count == 6 && $0[5] == "2" })
    func mean(_ failure: String, _ metric: String) throws -> Double {
      let row = try #require(table.first { $0[1] == failure && $0[2] == metric })
      return try #require(Double(row[3]))
    }
    #expect(try mean("collapse", "recall") < mean("faithful", "recall") - 0.5)
    #expect(try mean("collapse", "coverage") < mean("faithful", "coverage") - 0.5)
    #expect(try mean("topology", "bottleneck_h1") > 3 * mean("faithful", "bottleneck_h1"))
    // The mean and sd printed are those of the seeds' values.
    var values: [Double] = []
    for seed in tiny.seeds {
      var configuration = tiny.evaluation
      configuration.seed = seed
      let pair = try ControlledFailures.pair(
        base: .circle, failure: .modeCollapse, count: 60, seed: seed)
      var holdoutStream = SeededGenerator.stream(4, of: seed)
      let holdout = BaseDistribution.circle.sample(count: 60, using: &holdoutStream).cloud
      let report = try configuration.evaluate(
        real: pair.real.cloud, synthetic: pair.synthetic.cloud, holdout: holdout)
      values.append(try #require(report.scalars.first { $0.name == "recall" }).value)
    }
    let row = try #require(table.first { $0[1] == "collapse" && $0[2] == "recall" })
    let expectedMean = (values[0] + values[1]) / 2
    #expect(row[3] == BenchmarkTables.csvNumber(expectedMean))
    #expect(row[4] == BenchmarkTables.csvNumber(abs(values[0] - values[1]) / 2.0.squareRoot()))
    // Markdown: a header, a separator and one row per metric; LaTeX: booktabs, escaped names.
    let markdown = try #require(files.first { $0.name == "failures.md" }).contents
    #expect(markdown.contains("| metric | faithful | collapse | topology |"))
    let latex = try #require(files.first { $0.name == "failures.tex" }).contents
    #expect(
      latex.contains("\\toprule") && latex.contains("bottleneck\\_h1") && latex.contains("$\\pm$"))
    #expect(!latex.contains("±"))
  }

  @Test("sensitivity charts are well-formed SVG with one line per metric")
  func sensitivityCharts() throws {
    let files = try tiny.sensitivityTables(counter: ProgressCounter(total: 0, progress: nil))
    let chart = try #require(files.first { $0.name == "sensitivity-noise-circle-knn.svg" })
    let document = try XMLDocument(xmlString: chart.contents, options: [])
    let lines = try document.nodes(forXPath: "//*[@class='line']")
    #expect(lines.count == 5)  // precision, recall, coverage, realism_at_least_one, density
    let csv = try #require(files.first { $0.name == "sensitivity-noise.csv" }).contents
    let precision = rows(csv).filter { $0[2] == "precision" }.map { Double($0[3])! }
    #expect(precision.count == 2 && precision[1] < precision[0])
  }

  @Test("the fidelity table: its measures next to the topological metrics, and what each sees")
  func fidelityTable() throws {
    var tables = tiny
    tables.count = 150
    tables.bases = [.gaussianMixture]
    tables.fidelityBases = [.gaussianMixture]
    tables.registryFailures = [
      .faithful, .brokenCorrelations, .shiftedLabs(sigma: 1), .memorisation(fraction: 0.5),
    ]
    tables.evaluation.detectionPermutations = 199
    let files = try tables.generate(tables: [.failures, .fidelity])
    #expect(Set(files.map(\.name)).isSuperset(of: ["fidelity.csv", "fidelity.md", "fidelity.tex"]))
    let csv = try #require(files.first { $0.name == "fidelity.csv" }).contents
    var mean: [String: Double] = [:]
    for row in rows(csv) { mean["\(row[0])/\(row[1])/\(row[2])"] = Double(row[3]) }
    let topological = ["bottleneck_h0", "bottleneck_h1", "wasserstein1_h1", "gscore"]
    for name in BenchmarkTables.fidelityMeasures.map(\.name) + topological {
      #expect(mean["registry/shifted-labs σ=1.0/\(name)"] != nil, "\(name)")
    }
    // Two uncorrelated columns: no pair counts, so no pair trends; every other row is there.
    #expect(mean["gaussian-mixture/faithful/column_pair_trends"] == nil)
    #expect(mean["gaussian-mixture/faithful/column_shapes"] != nil)
    #expect(mean["gaussian-mixture/faithful/gscore"] != nil)
    // Shuffled numeric columns keep every marginal (the same column shapes, exactly) and lose the
    // relations: pair trends fall, the associations move.
    let faithful = "registry/faithful", broken = "registry/broken-correlations"
    #expect(mean["\(broken)/column_shapes"] == mean["\(faithful)/column_shapes"])
    #expect(mean["\(broken)/column_pair_trends"]! < mean["\(faithful)/column_pair_trends"]!)
    #expect(
      mean["\(broken)/association_difference"]! > mean["\(faithful)/association_difference"]!)
    // Shifted labs move the marginals.
    let shifted = "registry/shifted-labs σ=1.0", copied = "registry/memorisation fraction=0.5"
    #expect(mean["\(shifted)/column_shapes"]! < mean["\(faithful)/column_shapes"]!)
    // What the conclusions of table 4 claim the detectors see: the linear detector sees moved
    // means, not shuffled columns; the 1-NN test sees the shuffle; copies pull the 1-NN accuracy
    // far below chance.
    #expect(mean["\(shifted)/detection_auc"]! > 0.8)
    #expect(abs(mean["\(broken)/detection_auc"]! - mean["\(faithful)/detection_auc"]!) < 0.1)
    #expect(
      mean["\(broken)/detection_1nn_accuracy"]!
        > mean["\(faithful)/detection_1nn_accuracy"]! + 0.04)
    #expect(mean["\(faithful)/detection_1nn_p_value"]! > 0.05)
    #expect(mean["\(copied)/detection_1nn_accuracy"]! < 0.35)
    #expect(mean["\(copied)/detection_1nn_p_value"]! > 0.9)
    // And utility: a broken relation to the target costs AUROC, shifted labs cost accuracy only.
    #expect(mean["\(broken)/utility_tstr_auroc"]! < mean["\(broken)/utility_trtr_auroc"]! - 0.15)
    #expect(
      abs(mean["\(shifted)/utility_auroc_gap"]! - mean["\(faithful)/utility_auroc_gap"]!) < 0.02)
    #expect(
      mean["\(shifted)/utility_accuracy_gap"]! < mean["\(faithful)/utility_accuracy_gap"]! - 0.02)
    // A collapsed mixture: every synthetic row has one mode, so there is no utility row; the
    // linear detector sees it.
    #expect(mean["gaussian-mixture/collapse/utility_tstr_accuracy"] == nil)
    #expect(mean["gaussian-mixture/faithful/utility_tstr_accuracy"] != nil)
    #expect(mean["gaussian-mixture/collapse/detection_auc"]! > 0.7)
    // The topological metrics are those of the failure table (same pairs, same configuration).
    let failures = try #require(files.first { $0.name == "failures.csv" }).contents
    for row in rows(failures) where ["bottleneck_h1", "gscore"].contains(row[2]) {
      #expect(mean["gaussian-mixture/\(row[1])/\(row[2])"] == Double(row[3]), "\(row)")
    }
  }

  @Test("table 4's detection and utility rows are those of `tda-eval detect` and `utility`")
  func fidelityLearningRows() throws {
    var tables = tiny
    tables.count = 120
    tables.evaluation.detectionPermutations = 99
    let directory = try makeTemporaryDirectory()
    /// The rows table 4 shows for a detection and a utility comparison (logistic model).
    func rows(_ detection: DetectionReport, _ utility: UtilityReport?) throws -> [String: Double] {
      var expected = [
        "detection_auc": detection.logistic.auc, "detection_score": detection.logistic.score,
        "detection_1nn_accuracy": detection.nearestNeighbour.accuracy,
        "detection_1nn_p_value": detection.nearestNeighbour.pValue,
      ]
      guard let logistic = utility?.models["logistic"] else { return expected }
      guard case .classification(let trtr) = logistic.real,
        case .classification(let tstr) = logistic.synthetic
      else {
        Issue.record("a classification was expected")
        return expected
      }
      expected["utility_trtr_auroc"] = trtr.auroc
      expected["utility_tstr_auroc"] = tstr.auroc
      expected["utility_auroc_gap"] = try #require(tstr.auroc) - #require(trtr.auroc)
      expected["utility_trtr_accuracy"] = trtr.accuracy
      expected["utility_tstr_accuracy"] = tstr.accuracy
      expected["utility_accuracy_gap"] = tstr.accuracy - trtr.accuracy
      return expected
    }
    func check(_ result: BenchmarkTables.JobResult, _ expected: [String: Double]) {
      let shown = Dictionary(
        uniqueKeysWithValues: zip(result.metrics, result.values).filter {
          $0.0.hasPrefix("detection_") || $0.0.hasPrefix("utility_")
        })
      #expect(shown == expected)
    }
    let seed: UInt64 = 2
    let options = Detection.Options(folds: 3, permutations: 99, seed: seed)
    // The registry, read from CSV files as the commands read them; the test registry is a fresh
    // one, not the real sample.
    let pair = try PatientRegistry.pair(count: 120, seed: seed, failure: .brokenCorrelations)
    let test = PatientRegistry.sample(count: 120, seed: BenchmarkTables.registryTestSeed(seed))
    #expect(test.cells[1...] != pair.real.cells[1...])
    let schema = TableOptions(overrides: SchemaOverrides(schema: PatientRegistry.schema))
    let real = try writeFile(pair.real.csv(), named: "real.csv", in: directory)
    let synthetic = try writeFile(pair.synthetic.csv(), named: "synth.csv", in: directory)
    let testFile = try writeFile(test.csv(), named: "test.csv", in: directory)
    check(
      try tables.runFidelity(.registry(.brokenCorrelations), seed: seed),
      try rows(
        Detection.compute(
          TableSamples.read(real: real, synthetic: synthetic, options: schema), options: options),
        Utility.compute(
          TableSamples.read(real: real, synthetic: synthetic, holdout: testFile, options: schema),
          target: "diabetes")))
    // A base distribution: its points, and for utility the mode of each row as a last column,
    // tested on table 1's holdout (stream 4 of the seed).
    func csv(_ sample: LabelledSample, modes: Bool) -> String {
      let d = sample.cloud.dimension
      var text = (0..<d).map(String.init).joined(separator: ",") + (modes ? ",mode\n" : "\n")
      for row in 0..<sample.cloud.count {
        text += (0..<d).map { "\(sample.cloud[row, $0])" }.joined(separator: ",")
        text += modes ? ",\(sample.modes[row])\n" : "\n"
      }
      return text
    }
    var holdoutStream = SeededGenerator.stream(4, of: seed)
    let holdout = BaseDistribution.gaussianMixture.sample(count: 120, using: &holdoutStream)
    for failure in [Failure.faithful, .modeCollapse] {
      let pair = try ControlledFailures.pair(
        base: .gaussianMixture, failure: failure, count: 120, seed: seed)
      var files: [String] = []
      for (name, sample, modes) in [
        ("real", pair.real, false), ("synth", pair.synthetic, false),
        ("real-modes", pair.real, true), ("synth-modes", pair.synthetic, true),
        ("test-modes", holdout, true),
      ] {
        files.append(
          try writeFile(csv(sample, modes: modes), named: "\(name).csv", in: directory))
      }
      let detection = try Detection.compute(
        TableSamples.read(real: files[0], synthetic: files[1]), options: options)
      let labelled = try TableSamples.read(real: files[2], synthetic: files[3], holdout: files[4])
      let result = try tables.runFidelity(.base(.gaussianMixture, failure), seed: seed)
      if failure == .modeCollapse {
        // One mode, one class: no classifier can be trained on the synthetic rows.
        #expect(throws: LearningError.self) {
          try Utility.compute(labelled, target: "mode", task: .classification)
        }
        check(result, try rows(detection, nil))
      } else {
        check(
          result,
          try rows(
            detection, Utility.compute(labelled, target: "mode", task: .classification)))
      }
    }
  }

  @Test("cell, number and LaTeX formatting")
  func formatting() {
    #expect(BenchmarkTables.cell(.init([1, 2])) == "1.5 ± 0.707")
    #expect(BenchmarkTables.cell(.init([0.25])) == "0.25")
    #expect(BenchmarkTables.cell(.init([])) == "—")
    #expect(BenchmarkTables.csvNumber(.infinity) == "inf" && BenchmarkTables.csvNumber(-0.0) == "0")
    #expect(BenchmarkTables.columnLabel(.memorisation(fraction: 0.5, jitter: 0)) == "copies 0.5")
    #expect(BenchmarkTables.columnLabel(.noise(sigma: 1)) == "noise 1")
    let tex = BenchmarkTables.latexTable(
      caption: "c", label: "l", header: ["a_b", "x"], rows: [["50% & ∞", "—"]])
    #expect(tex.contains("a\\_b & x \\\\") && tex.contains("50\\% \\& $\\infty$ & -- \\\\"))
  }

  @Test("peak memory sees a large allocation")
  func peakMemory() throws {
    let (sum, peak) = PeakMemory.measure { () -> Double in
      let values = [Double](repeating: 1, count: 8_000_000)  // 64 MB, touched
      return values.reduce(0, +)
    }
    #expect(sum == 8_000_000)
    if let peak { #expect(peak > 40_000_000) }
  }
}

/// Collects progress updates from any thread.
private final class UpdateLog: @unchecked Sendable {
  private let lock = NSLock()
  private var updates: [ProgressUpdate] = []

  func append(_ update: ProgressUpdate) {
    lock.lock()
    updates.append(update)
    lock.unlock()
  }

  var last: ProgressUpdate? {
    lock.lock()
    defer { lock.unlock() }
    return updates.last
  }
}
