import Foundation

/// The samples of one comparison, of one kind (clouds or tables).
struct ComparedRows<Sample: Sendable>: Sendable {
  var real: Sample
  var synthetic: Sample
  var holdout: Sample?
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
  /// The first stream of the bootstrap's resamples (one stream per replicate).
  static let bootstrapStream = 1000
  /// The coverage of the bootstrap percentile intervals.
  public static let intervalLevel = 0.95

  /// `report` (the comparison of `samples`) with the baseline, the bootstrap intervals and the
  /// readings, as ``baseline`` and ``bootstrap`` ask.
  func withReadings<Sample: Sendable>(
    _ report: EvaluationReport, samples: ComparedRows<Sample>,
    rows: @escaping @Sendable (Sample) -> Int,
    selecting: @escaping @Sendable (Sample, [Int]) -> Sample,
    compare: @escaping @Sendable (ComparedRows<Sample>, ProgressHandler?) throws
      -> EvaluationReport,
    progress: ProgressHandler?
  ) throws -> EvaluationReport {
    guard baseline else { return report }
    var report = report
    let start = ContinuousClock.now
    let source = samples.holdout == nil ? "halves" : "holdout"
    let pair: ComparedRows<Sample>
    if let holdout = samples.holdout {
      pair = .init(real: samples.real, synthetic: holdout)
    } else {
      let halves = Self.halves(rows(samples.real), seed: seed)
      pair = .init(
        real: selecting(samples.real, halves.first), synthetic: selecting(samples.real, halves.second))
    }
    do {
      try validate(real: Counted(rows: rows(pair.real)), synthetic: Counted(rows: rows(pair.synthetic)))
    } catch let error as PointCloudError {
      report.omitted["baseline"] =
        "the baseline's samples (\(Reading.describe(source))) are too small for these parameters: \(error)"
      return report
    }
    let baselineReport = try compare(pair, relabelled(progress, prefix: "baseline"))
    report.baseline = EvaluationBaseline(source: source, report: baselineReport)
    report.timings["baseline"] = (ContinuousClock.now - start).seconds
    var intervals: (comparison: [String: ClosedInterval], baseline: [String: ClosedInterval]) = ([:], [:])
    if bootstrap > 0 {
      let start = ContinuousClock.now
      intervals = try bootstrapIntervals(
        samples, pair, rows: rows, selecting: selecting, compare: compare, progress: progress)
      report.timings["bootstrap"] = (ContinuousClock.now - start).seconds
    }
    let baselineValues = Dictionary(
      baselineReport.scalarMetrics.map { ($0.path, $0.value) }, uniquingKeysWith: { a, _ in a })
    report.readings = report.scalarMetrics.compactMap { metric in
      if let value = baselineValues[metric.path] {
        return Reading(
          metric, baseline: value, source: source, interval: intervals.comparison[metric.path],
          baselineInterval: intervals.baseline[metric.path])
      }
      guard let null = metric.rule.null else { return nil }
      return Reading(
        metric, baseline: null, source: "null", interval: intervals.comparison[metric.path],
        baselineInterval: nil)
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

  /// The 95% percentile intervals of every scalar metric over ``bootstrap`` replicates of the
  /// comparison and of the baseline: each replicate resamples every sample of its pair with
  /// replacement (stream ``bootstrapStream`` + replicate of the seed), so the intervals depend
  /// on the seed only, not on the number of threads that compute the replicates in parallel.
  func bootstrapIntervals<Sample: Sendable>(
    _ comparison: ComparedRows<Sample>, _ baseline: ComparedRows<Sample>,
    rows: @escaping @Sendable (Sample) -> Int,
    selecting: @escaping @Sendable (Sample, [Int]) -> Sample,
    compare: @escaping @Sendable (ComparedRows<Sample>, ProgressHandler?) throws
      -> EvaluationReport,
    progress: ProgressHandler?
  ) throws -> (comparison: [String: ClosedInterval], baseline: [String: ClosedInterval]) {
    let replicates = bootstrap
    let seed = seed
    let counter = ProgressCounter(total: 2 * replicates, handler: progress)
    let results = ReplicateResults(count: 2 * replicates)
    DispatchQueue.concurrentPerform(iterations: 2 * replicates) { job in
      let pair = job < replicates ? comparison : baseline
      var random = SeededGenerator.stream(Self.bootstrapStream + job, of: seed)
      func resample(_ sample: Sample) -> Sample {
        let count = rows(sample)
        return selecting(sample, (0..<count).map { _ in random.nextInt(below: count) })
      }
      let resampled = ComparedRows(
        real: resample(pair.real), synthetic: resample(pair.synthetic),
        holdout: pair.holdout.map(resample))
      results.set(
        job,
        Result {
          try compare(resampled, nil).scalarMetrics.map { ($0.path, $0.value) }
        })
      counter.advance("bootstrap")
    }
    func intervals(_ jobs: Range<Int>) throws -> [String: ClosedInterval] {
      var values: [String: [Double]] = [:]
      for job in jobs {
        for (path, value) in try results.get(job) { values[path, default: []].append(value) }
      }
      let tail = (1 - Self.intervalLevel) / 2 * 100
      return values.compactMapValues { replicateValues in
        guard replicateValues.count == jobs.count, replicateValues.allSatisfy(\.isFinite) else {
          return nil
        }
        return ClosedInterval(
          lower: percentile(replicateValues, tail), upper: percentile(replicateValues, 100 - tail))
      }
    }
    return (try intervals(0..<replicates), try intervals(replicates..<2 * replicates))
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
