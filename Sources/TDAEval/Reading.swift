/// What one scalar metric says about the synthetic sample, read against what a second real
/// sample gets: `evaluate`'s `readings`.
///
/// JSON: `metric` (the dotted path of the value, e.g. `metrics.recall`), `value` (the
/// comparison's), `matched` (the synthetic sample against the baseline's reference real sample, at
/// the baseline's sizes), `baseline` (the second real sample against the same reference),
/// `baseline_source` (`halves`, `holdout`, or `null` for a metric the baseline cannot compute:
/// then `baseline` is its expected value between two samples of one distribution and `matched`
/// is `value`), with `--bootstrap` `interval`, `matched_interval` and `baseline_interval` (95%
/// percentile intervals), `worse` (`higher`, `lower` or `either`), `verdict` (`consistent` or
/// `differs`) and `text`.
public struct Reading: Sendable, Equatable, Codable {
  public enum Verdict: String, Sendable, Codable {
    /// Within what a second real sample gets.
    case consistent
    /// Beyond what a second real sample gets, on a side where the metric is worse.
    case differs
  }

  /// A value with its bootstrap interval, if any.
  struct Estimate {
    var value: Double
    var interval: ClosedInterval?
  }

  public var metric: String
  public var value: Double
  public var interval: ClosedInterval?
  public var matched: Double
  public var matchedInterval: ClosedInterval?
  public var baseline: Double
  public var baselineInterval: ClosedInterval?
  public var baselineSource: String
  public var worse: String
  public var verdict: Verdict
  public var text: String

  enum CodingKeys: String, CodingKey {
    case metric, value, interval, matched, baseline, worse, verdict, text
    case matchedInterval = "matched_interval"
    case baselineInterval = "baseline_interval"
    case baselineSource = "baseline_source"
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(metric, forKey: .metric)
    try container.encode(value.isFinite ? value : nil, forKey: .value)
    try container.encodeIfPresent(interval, forKey: .interval)
    try container.encode(matched.isFinite ? matched : nil, forKey: .matched)
    try container.encodeIfPresent(matchedInterval, forKey: .matchedInterval)
    try container.encode(baseline.isFinite ? baseline : nil, forKey: .baseline)
    try container.encodeIfPresent(baselineInterval, forKey: .baselineInterval)
    try container.encode(baselineSource, forKey: .baselineSource)
    try container.encode(worse, forKey: .worse)
    try container.encode(verdict, forKey: .verdict)
    try container.encode(text, forKey: .text)
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    metric = try container.decode(String.self, forKey: .metric)
    value = try container.decode(Double?.self, forKey: .value) ?? .infinity
    interval = try container.decodeIfPresent(ClosedInterval.self, forKey: .interval)
    matched = try container.decode(Double?.self, forKey: .matched) ?? .infinity
    matchedInterval = try container.decodeIfPresent(ClosedInterval.self, forKey: .matchedInterval)
    baseline = try container.decode(Double?.self, forKey: .baseline) ?? .infinity
    baselineInterval = try container.decodeIfPresent(ClosedInterval.self, forKey: .baselineInterval)
    baselineSource = try container.decode(String.self, forKey: .baselineSource)
    worse = try container.decode(String.self, forKey: .worse)
    verdict = try container.decode(Verdict.self, forKey: .verdict)
    text = try container.decode(String.self, forKey: .text)
  }

  /// The reading of `metric`: it differs when the rule puts the matched value beyond the
  /// tolerance around the baseline on a worse side and, with bootstrap intervals, the matched
  /// value's interval also lies entirely on that side of the baseline's.
  /// `size` is the number of rows of the compared samples (the baseline's second sample).
  init(
    _ metric: ScalarMetric, matched: Estimate, baseline: Estimate, source: String,
    interval: ClosedInterval?, size: Int
  ) {
    self.metric = metric.path
    value = metric.value
    self.interval = interval
    self.matched = matched.value
    matchedInterval = matched.interval
    self.baseline = baseline.value
    baselineInterval = baseline.interval
    baselineSource = source
    worse = metric.rule.direction.rawValue
    var side = metric.rule.side(of: matched.value, baseline: baseline.value, size: size)
    if side != 0, let matchedInterval, let baselineInterval,
      !ReadingRule.separated(matchedInterval, from: baselineInterval, side: side)
    {
      side = 0
    }
    verdict = side == 0 ? .consistent : .differs
    let f = EvaluationReport.format
    let comparison =
      source == "null"
      ? "\(f(value)) against the \(f(baseline.value)) expected between two samples of one "
        + "distribution"
      : "\(f(value)); at equal sizes against the same real rows \(f(matched.value)), against "
        + "\(f(baseline.value)) for a second real sample (\(Self.describe(source)))"
    let meaning = (side > 0 ? metric.rule.higher : metric.rule.lower) ?? ""
    text =
      side == 0
      ? "\(comparison): within what a second real sample gets."
      : "\(comparison): beyond what a second real sample gets; \(meaning)."
  }

  /// The baseline's sources in words.
  static func describe(_ source: String) -> String {
    source == "holdout" ? "the holdout" : "two halves of the real sample"
  }
}
