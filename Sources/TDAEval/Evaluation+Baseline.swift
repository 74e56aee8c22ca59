import Foundation

/// The samples of one comparison, of one kind (clouds or tables), and the persistence diagrams
/// already known for them.
struct ComparedRows<Sample: Sendable>: Sendable {
  var real: Sample
  var synthetic: Sample
  var holdout: Sample?
  var known = KnownResults()
}

/// Results another comparison already computed for the same input, so that they are not
/// computed again: persistence diagrams and the real sample's geometry-score MRLT.
struct KnownResults: Sendable {
  var real: RipsSummary?
  var synthetic: RipsSummary?
  /// The diagrams of H1 and up of a seeded subset of the same size of a sample the synthetic
  /// one is a subset of: taken over, the synthetic sample's own H0 (whole-sample) computed.
  var syntheticAboveH0: RipsSummary?
  /// The real sample's mean relative living times, with the same landmark draws (those of the
  /// real sample's stream of the seed, which depend only on its size).
  var realMRLT: [Double]?
}

/// The baseline of a report: the same metrics between two samples of the real distribution.
///
/// JSON: `source` (`halves`: two seeded halves of the real sample; `holdout`: the real sample and
/// the holdout) and the report's fields (`real`, `synthetic`, `diagrams`, `metrics`, …).
public final class EvaluationBaseline: Sendable, Codable {
  /// `halves` or `holdout`.
  public let source: String
  /// The metrics between the two real samples, with the comparison's parameters.
  public let report: EvaluationReport

  public init(source: String, report: EvaluationReport) {
    self.source = source
    self.report = report
  }

  enum CodingKeys: String, CodingKey { case source }

  public func encode(to encoder: any Encoder) throws {
    try report.encode(to: encoder)
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(source, forKey: .source)
  }

  public init(from decoder: any Decoder) throws {
    report = try EvaluationReport(from: decoder)
    source = try decoder.container(keyedBy: CodingKeys.self).decode(String.self, forKey: .source)
  }
}

extension Evaluation {
  /// The stream of the seed that splits the real sample into the baseline's halves.
  static let halvesStream = 200
  /// The streams of the seeded subsets of the second real sample and of the synthetic sample.
  static let secondSubsetStream = 201
  static let syntheticSubsetStream = 202
  /// The first stream of the bootstrap's resamples (one stream per replicate).
  static let bootstrapStream = 1000
  /// The coverage of the bootstrap percentile intervals.
  public static let intervalLevel = 0.95

  /// `report` (the comparison of `samples`) with the baseline, the matched comparison, the
  /// bootstrap intervals and the readings, as ``baseline`` and ``bootstrap`` ask.
  ///
  /// The baseline compares a reference real sample (the first seeded half of `real`, or `real`
  /// itself with a holdout) with a second real sample (the other half, or the holdout); the
  /// matched comparison compares the synthetic sample with the same reference, at the same size
  /// as the second real sample (seeded subsets of both to the smaller size). Metrics that
  /// depend on the sample sizes (distances to the closest record, diagram distances, KDE) are
  /// thus read at equal sizes against an equal reference.
  func withReadings<Sample: Sendable>(
    _ report: EvaluationReport, samples: ComparedRows<Sample>,
    rows: @escaping @Sendable (Sample) -> Int,
    selecting: @escaping @Sendable (Sample, [Int]) -> Sample,
    compare:
      @escaping @Sendable (ComparedRows<Sample>, ProgressHandler?) throws
      -> EvaluationReport,
    progress: ProgressHandler?
  ) throws -> EvaluationReport {
    guard baseline else { return report }
    var report = report
    let start = ContinuousClock.now
    let source = samples.holdout == nil ? "halves" : "holdout"
    let reference: Sample
    var second: Sample
    if let holdout = samples.holdout {
      (reference, second) = (samples.real, holdout)
    } else {
      let halves = Self.halves(rows(samples.real), seed: seed)
      reference = selecting(samples.real, halves.first)
      second = selecting(samples.real, halves.second)
    }
    let size = min(rows(second), rows(samples.synthetic))
    func subset(_ sample: Sample, stream: Int) -> Sample {
      guard rows(sample) > size else { return sample }
      var random = SeededGenerator.stream(stream, of: seed)
      let chosen = ControlledFailures.distinctIndices(size, below: rows(sample), using: &random)
      return selecting(sample, chosen.sorted())
    }
    second = subset(second, stream: Self.secondSubsetStream)
    var pairs = (
      baseline: ComparedRows(real: reference, synthetic: second),
      matched: ComparedRows(
        real: reference, synthetic: subset(samples.synthetic, stream: Self.syntheticSubsetStream))
    )
    // With a holdout the reference is the real sample itself: its diagrams are the comparison's.
    // Unless the reference's own z-scoring differs, the matched synthetic sample is either the
    // synthetic sample itself (its diagrams are the comparison's) or, when it has
    // persistencePoints rows or more, a sample whose Rips subset is a seeded uniform subset of
    // persistencePoints synthetic rows, as the comparison's: its diagrams of H1 and up are taken
    // over, its H0 (of the whole matched sample) is computed.
    let sameScaling = samples.holdout != nil || !standardize
    if samples.holdout != nil {
      pairs.baseline.known.real = report.persistence?.real
      pairs.baseline.known.realMRLT = report.geometryScore?.mrltReal
    }
    if sameScaling && rows(samples.synthetic) <= size {
      pairs.matched.known.synthetic = report.persistence?.synthetic
    } else if sameScaling && size >= persistencePoints && maxDimension > 0 {
      pairs.matched.known.syntheticAboveH0 = report.persistence?.synthetic
    }
    do {
      try validate(real: Counted(rows: rows(reference)), synthetic: Counted(rows: size))
    } catch let error as PointCloudError {
      report.omitted["baseline"] =
        "the baseline's samples (\(Reading.describe(source))) are too small for these "
        + "parameters: \(error)"
      return report
    }
    let baselineReport = try compare(pairs.baseline, relabelled(progress, prefix: "baseline"))
    pairs.matched.known.real = baselineReport.persistence?.real
    pairs.matched.known.realMRLT = baselineReport.geometryScore?.mrltReal
    let matchedReport = try compare(pairs.matched, relabelled(progress, prefix: "matched"))
    report.baseline = EvaluationBaseline(source: source, report: baselineReport)
    report.matched = EvaluationBaseline(source: source, report: matchedReport)
    report.timings["baseline"] = (ContinuousClock.now - start).seconds
    var intervals: [[String: ClosedInterval]] = [[:], [:], [:]]
    if bootstrap > 0 {
      let start = ContinuousClock.now
      intervals = try bootstrapIntervals(
        [samples, pairs.matched, pairs.baseline], rows: rows, selecting: selecting,
        compare: compare, progress: progress)
      report.timings["bootstrap"] = (ContinuousClock.now - start).seconds
    }
    func values(_ report: EvaluationReport) -> [String: Double] {
      Dictionary(report.scalarMetrics.map { ($0.path, $0.value) }, uniquingKeysWith: { a, _ in a })
    }
    let baselineValues = values(baselineReport)
    let matchedValues = values(matchedReport)
    report.readings = report.scalarMetrics.compactMap { metric in
      let path = metric.path
      if let baseline = baselineValues[path], let matched = matchedValues[path] {
        return Reading(
          metric, matched: .init(value: matched, interval: intervals[1][path]),
          baseline: .init(value: baseline, interval: intervals[2][path]), source: source,
          interval: intervals[0][path], size: size)
      }
      guard let null = metric.rule.null else { return nil }
      return Reading(
        metric, matched: .init(value: metric.value, interval: intervals[0][path]),
        baseline: .init(value: null, interval: nil), source: "null", interval: intervals[0][path],
        size: report.synthetic.points)
    }
    return report
  }

  /// Two seeded halves of `count` rows (the first ⌊count/2⌋ of a seeded uniform draw, and the
  /// rest), each in increasing order.
  static func halves(_ count: Int, seed: UInt64) -> (first: [Int], second: [Int]) {
    var random = SeededGenerator.stream(halvesStream, of: seed)
    let first = ControlledFailures.distinctIndices(count / 2, below: count, using: &random).sorted()
    var chosen = [Bool](repeating: false, count: count)
    for index in first { chosen[index] = true }
    return (first, (0..<count).filter { !chosen[$0] })
  }

  /// The 95% percentile intervals of every scalar metric of each comparison in `comparisons`
  /// over ``bootstrap`` replicates: each replicate resamples every sample of its pair with
  /// replacement (its own stream of the seed, from ``bootstrapStream``), so the intervals depend
  /// on the seed only, not on the number of threads that compute the replicates in parallel.
  func bootstrapIntervals<Sample: Sendable>(
    _ comparisons: [ComparedRows<Sample>], rows: @escaping @Sendable (Sample) -> Int,
    selecting: @escaping @Sendable (Sample, [Int]) -> Sample,
    compare:
      @escaping @Sendable (ComparedRows<Sample>, ProgressHandler?) throws
      -> EvaluationReport,
    progress: ProgressHandler?
  ) throws -> [[String: ClosedInterval]] {
    let replicates = bootstrap
    let seed = seed
    let jobs = comparisons.count * replicates
    let counter = ProgressCounter(total: jobs, progress: progress)
    let results = ReplicateResults(count: jobs)
    DispatchQueue.concurrentPerform(iterations: jobs) { job in
      let pair = comparisons[job / replicates]
      var random = SeededGenerator.stream(Self.bootstrapStream + job, of: seed)
      func resample(_ sample: Sample) -> Sample {
        let count = rows(sample)
        return selecting(sample, (0..<count).map { _ in random.nextInt(below: count) })
      }
      let resampled = ComparedRows(
        real: resample(pair.real), synthetic: resample(pair.synthetic),
        holdout: pair.holdout.map(resample), known: KnownResults())
      results.set(
        job, Result { try compare(resampled, nil).scalarMetrics.map { ($0.path, $0.value) } })
      counter.increment(phase: "bootstrap")
    }
    let tail = (1 - Self.intervalLevel) / 2 * 100
    return try comparisons.indices.map { index in
      var values: [String: [Double]] = [:]
      for job in index * replicates..<(index + 1) * replicates {
        for (path, value) in try results.get(job) { values[path, default: []].append(value) }
      }
      return values.compactMapValues { replicateValues in
        guard replicateValues.count == replicates, replicateValues.allSatisfy(\.isFinite) else {
          return nil
        }
        return ClosedInterval(
          lower: percentile(replicateValues, tail), upper: percentile(replicateValues, 100 - tail))
      }
    }
  }
}

/// A number of rows, for validating the baseline's samples before computing them.
private struct Counted: RowCounted { var rows: Int }

/// One result slot per bootstrap replicate, written once each from any thread.
private final class ReplicateResults: @unchecked Sendable {
  private var slots: [Result<[(String, Double)], any Error>?]
  private let lock = NSLock()

  init(count: Int) { slots = Array(repeating: nil, count: count) }

  func set(_ index: Int, _ result: Result<[(String, Double)], any Error>) {
    lock.lock()
    defer { lock.unlock() }
    slots[index] = result
  }

  func get(_ index: Int) throws -> [(String, Double)] {
    lock.lock()
    defer { lock.unlock() }
    return try slots[index]!.get()
  }
}
