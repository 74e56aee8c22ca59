import Foundation
import Testing
import _TestSupport

@testable import TDAEval

/// A configuration fast enough for a debug build, with the baseline and readings.
private func configuration(seed: UInt64 = 1) -> Evaluation {
  var evaluation = Evaluation()
  evaluation.trials = 10
  evaluation.persistencePoints = 100
  evaluation.vqBins = 10
  evaluation.seed = seed
  return evaluation
}

/// The dotted paths of the readings that differ.
private func flagged(_ report: EvaluationReport) throws -> Set<String> {
  Set(try #require(report.readings).filter { $0.verdict == .differs }.map(\.metric))
}

@Suite("Readings against a real-vs-real baseline")
struct ReadingsTests {
  @Test(
    "faithful samples of every base distribution are never flagged",
    arguments: BaseDistribution.allCases, [UInt64(1), 2])
  func faithfulIsConsistent(base: BaseDistribution, seed: UInt64) throws {
    let pair = try ControlledFailures.pair(base: base, failure: .faithful, count: 240, seed: seed)
    let report = try configuration(seed: seed).evaluate(
      real: pair.real.cloud, synthetic: pair.synthetic.cloud)
    let readings = try #require(report.readings)
    #expect(readings.count >= 20)
    let differing = try flagged(report)
    #expect(differing.isEmpty, "\(base) seed \(seed): \(differing)")
  }

  /// Each controlled failure with metrics the failure table shows seeing it (their values move
  /// far beyond the faithful column's spread there).
  static let failures: [(BaseDistribution, Failure, Set<String>)] = [
    (
      .gaussianMixture, .modeCollapse,
      ["metrics.recall", "metrics.coverage", "metrics.vq.ndb_over_k"]
    ),
    (.gaussianMixture, .droppedModes(kept: 0.4), ["metrics.recall", "metrics.coverage"]),
    (.gaussianMixture, .scaling(factor: 1.5), ["metrics.precision", "metrics.density"]),
    (
      .gaussianMixture, .memorisation(fraction: 0.5, jitter: 0),
      ["metrics.dcr.exact_copies", "metrics.dcr.p5"]
    ),
    (.circle, .noise(sigma: 0.3), ["metrics.precision", "metrics.density"]),
    (.circle, .wrongTopology, ["diagrams.1.bottleneck", "metrics.recall"]),
    (.tabular, .modeCollapse, ["metrics.recall", "metrics.coverage"]),
  ]

  @Test(
    "each controlled failure is flagged by the metrics that detect it", arguments: [UInt64(1), 2])
  func failuresAreFlagged(seed: UInt64) throws {
    for (base, failure, expected) in Self.failures {
      let pair = try ControlledFailures.pair(base: base, failure: failure, count: 240, seed: seed)
      let report = try configuration(seed: seed).evaluate(
        real: pair.real.cloud, synthetic: pair.synthetic.cloud)
      let differing = try flagged(report)
      #expect(expected.isSubset(of: differing), "\(base) \(failure) seed \(seed): \(differing)")
    }
  }

  @Test("the baseline is two seeded halves, or the holdout; the matched sizes equal its sizes")
  func baselineSamples() throws {
    let pair = try ControlledFailures.pair(
      base: .gaussianMixture, failure: .faithful, count: 201, seed: 3)
    var evaluation = configuration()
    evaluation.parts = [.sampleMetrics]
    let halves = try evaluation.evaluate(real: pair.real.cloud, synthetic: pair.synthetic.cloud)
    let baseline = try #require(halves.baseline)
    #expect(baseline.source == "halves")
    #expect(baseline.report.real.points == 100 && baseline.report.synthetic.points == 101)
    #expect(halves.matched?.report.synthetic.points == 101)
    // The halves split the rows: together they are the real sample.
    let split = Evaluation.halves(201, seed: 1)
    #expect(Set(split.first).isDisjoint(with: split.second))
    #expect((split.first + split.second).sorted() == Array(0..<201))
    #expect(split == Evaluation.halves(201, seed: 1) && split != Evaluation.halves(201, seed: 2))

    let holdout = pair.synthetic.cloud.selecting(points: Array(0..<150))
    let withHoldout = try evaluation.evaluate(
      real: pair.real.cloud, synthetic: pair.synthetic.cloud, holdout: holdout)
    #expect(withHoldout.baseline?.source == "holdout")
    #expect(withHoldout.baseline?.report.real.points == 201)
    #expect(withHoldout.baseline?.report.synthetic.points == 150)
    #expect(withHoldout.matched?.report.synthetic.points == 150)
    // The value of the readings is the comparison's; metrics that need the holdout are read
    // against their expected value.
    let readings = try #require(withHoldout.readings)
    let recall = try #require(readings.first { $0.metric == "metrics.recall" })
    #expect(recall.value == withHoldout.sampleMetrics?.recall)
    #expect(recall.baseline == withHoldout.baseline?.report.sampleMetrics?.recall)
    let ratio = try #require(readings.first { $0.metric == "metrics.dcr.median_over_holdout" })
    #expect(ratio.baselineSource == "null" && ratio.baseline == 1)
  }

  @Test("the rule: tolerance, worse side, and bootstrap intervals that must separate")
  func rule() {
    let lower = ReadingRule.lower(absolute: 0.1, "worse")
    #expect(lower.side(of: 0.85, baseline: 0.9, size: 10000) == 0)
    #expect(lower.side(of: 0.75, baseline: 0.9, size: 10000) == -1)
    #expect(lower.side(of: 1.5, baseline: 0.9, size: 10000) == 0)
    let higher = ReadingRule.higher(relative: 1, "worse")
    #expect(higher.side(of: 0.19, baseline: 0.1, size: 10000) == 0)
    #expect(higher.side(of: 0.21, baseline: 0.1, size: 10000) == 1)
    #expect(higher.side(of: .infinity, baseline: 0.1, size: 10000) == 1)
    #expect(higher.side(of: .infinity, baseline: .infinity, size: 10000) == 0)
    let either = ReadingRule.either(absolute: 0.25, higher: "up", lower: "down")
    #expect(either.side(of: 1.3, baseline: 1, size: 10000) == 1)
    #expect(either.side(of: 0.7, baseline: 1, size: 10000) == -1)
    // The sampling term: 0.05 + 1/√100 = 0.15 at 100 rows, 0.06 at 10,000.
    let shares = ReadingRule.lower(absolute: 0.05, sampling: 1, "worse")
    #expect(isClose(shares.tolerance(around: 0.9, size: 100), 0.15))
    #expect(shares.side(of: 0.8, baseline: 0.9, size: 100) == 0)
    #expect(shares.side(of: 0.8, baseline: 0.9, size: 10000) == -1)
    let metric = ScalarMetric(name: "recall", path: "metrics.recall", value: 0.5, rule: lower)
    func reading(_ interval: ClosedInterval?, _ baselineInterval: ClosedInterval?) -> Reading {
      Reading(
        metric, matched: .init(value: 0.5, interval: interval),
        baseline: .init(value: 0.9, interval: baselineInterval), source: "halves", interval: nil,
        size: 10000)
    }
    #expect(reading(nil, nil).verdict == .differs)
    #expect(reading(.init(lower: 0.4, upper: 0.6), .init(lower: 0.8, upper: 1)).verdict == .differs)
    #expect(
      reading(.init(lower: 0.4, upper: 0.85), .init(lower: 0.8, upper: 1)).verdict == .consistent)
  }

  @Test("bootstrap intervals: reproducible per seed, equal to one replicate after another")
  func bootstrap() throws {
    let pair = try ControlledFailures.pair(
      base: .gaussianMixture, failure: .noise(sigma: 0.3), count: 120, seed: 2)
    var evaluation = configuration(seed: 5)
    evaluation.parts = [.sampleMetrics, .geometryScore]
    evaluation.bootstrap = 6
    let report = try evaluation.evaluate(real: pair.real.cloud, synthetic: pair.synthetic.cloud)
    let again = try evaluation.evaluate(real: pair.real.cloud, synthetic: pair.synthetic.cloud)
    #expect(report.readings == again.readings)
    evaluation.seed = 6
    let otherSeed = try evaluation.evaluate(real: pair.real.cloud, synthetic: pair.synthetic.cloud)
    #expect(report.readings?.map(\.interval) != otherSeed.readings?.map(\.interval))

    // The oracle: the replicates of the comparison computed one after another, in order.
    evaluation.seed = 5
    let real = pair.real.cloud, synthetic = pair.synthetic.cloud
    var recalls: [Double] = []
    for replicate in 0..<6 {
      var random = SeededGenerator.stream(Evaluation.bootstrapStream + replicate, of: 5)
      let r = real.selecting(
        points: (0..<real.count).map { _ in random.nextInt(below: real.count) })
      let s = synthetic.selecting(
        points: (0..<synthetic.count).map { _ in random.nextInt(below: synthetic.count) })
      let replicateReport = try evaluation.compare(
        real: r, synthetic: s, holdout: nil, progress: nil)
      recalls.append(try #require(replicateReport.sampleMetrics).recall)
    }
    let sorted = recalls.sorted()
    // numpy's linear percentile at 2.5 and 97.5 of 6 values: positions 0.125 and 4.875.
    let lower = sorted[0] + (sorted[1] - sorted[0]) * 0.125
    let upper = sorted[5] - (sorted[5] - sorted[4]) * 0.125
    let recall = try #require(report.readings?.first { $0.metric == "metrics.recall" })
    let interval = try #require(recall.interval)
    #expect(isClose(interval.lower, lower))
    #expect(isClose(interval.upper, upper))
    #expect(recall.matchedInterval != nil && recall.baselineInterval != nil)
  }

  @Test("with --standardize a column scaled by 1,000 changes no metric, baseline or reading")
  func standardization() throws {
    let pair = try ControlledFailures.pair(
      base: .gaussianMixture, failure: .noise(sigma: 0.1), count: 150, seed: 4)
    func scaled(_ cloud: PointCloud) -> PointCloud {
      var coordinates = cloud.coordinates
      for point in 0..<cloud.count { coordinates[point * cloud.dimension] *= 1000 }
      return PointCloud(count: cloud.count, dimension: cloud.dimension, coordinates: coordinates)
    }
    var evaluation = configuration()
    evaluation.standardize = true
    let plain = try evaluation.evaluate(real: pair.real.cloud, synthetic: pair.synthetic.cloud)
    let wide = try evaluation.evaluate(
      real: scaled(pair.real.cloud), synthetic: scaled(pair.synthetic.cloud))
    #expect(plain.standardized == ["persistence", "metrics", "kde", "gscore", "privacy"])
    let fidelityFree = { (report: EvaluationReport) in
      report.scalarMetrics.filter { !$0.path.hasPrefix("fidelity.") }
    }
    #expect(fidelityFree(plain).map(\.path) == fidelityFree(wide).map(\.path))
    for (a, b) in zip(fidelityFree(plain), fidelityFree(wide)) {
      #expect(
        isClose(a.value, b.value, relative: 1e-6, absolute: 1e-9),
        "\(a.path): \(a.value) vs \(b.value)")
    }
    #expect(plain.readings?.map(\.verdict) == wide.readings?.map(\.verdict))
    // Without it the scaled column dominates the distances.
    evaluation.standardize = false
    let raw = try evaluation.evaluate(
      real: scaled(pair.real.cloud), synthetic: scaled(pair.synthetic.cloud))
    #expect(raw.standardized == [])
    let bottleneck = { (report: EvaluationReport) in
      report.scalarMetrics.first { $0.path == "diagrams.0.bottleneck" }!.value
    }
    #expect(bottleneck(raw) > 100 * bottleneck(plain))
  }

  @Test("the null-calibration table: every metric of the faithful pair per size, over the seeds")
  func calibrationTable() throws {
    var tables = BenchmarkTables.quick
    tables.calibrationBases = [.circle]
    tables.calibrationSizes = [50, 80]
    tables.calibrationSeeds = [1, 2]
    tables.evaluation.parts = [.sampleMetrics, .privacy]
    let files = try tables.generate(tables: [.calibration])
    #expect(files.map(\.name) == ["calibration.csv", "calibration.md"])
    #expect(files == (try tables.generate(tables: [.calibration])))
    let rows = files[0].contents.split(separator: "\n").dropFirst().map {
      $0.split(separator: ",").map(String.init)
    }
    // The oracle: the two evaluations of the recall row at n = 80, computed here.
    var recalls: [Double] = []
    for seed: UInt64 in [1, 2] {
      let pair = try ControlledFailures.pair(
        base: .circle, failure: .faithful, count: 80, seed: seed)
      var evaluation = tables.evaluation
      evaluation.seed = seed
      evaluation.baseline = false
      let report = try evaluation.evaluate(real: pair.real.cloud, synthetic: pair.synthetic.cloud)
      recalls.append(try #require(report.sampleMetrics).recall)
    }
    let recall = try #require(rows.first { $0[1] == "80" && $0[2] == "metrics.recall" })
    // Six significant digits in the CSV.
    func close(_ text: String, _ value: Double) -> Bool {
      isClose(Double(text)!, value, relative: 1e-5)
    }
    #expect(close(recall[3], (recalls[0] + recalls[1]) / 2))
    #expect(close(recall[5], recalls.min()!) && close(recall[6], recalls.max()!))
    #expect(recall[7] == "2")
    #expect(files[1].contents.contains("| metric | n = 50 | n = 80 |"))
  }
}
