/// What one scalar metric says about the synthetic sample, read against what a second real
/// sample gets: `evaluate`'s `readings`.
///
/// JSON: `metric` (the dotted path of the value, e.g. `metrics.recall`), `value`, `baseline`,
/// `baseline_source` (`halves`, `holdout` or `null`: the metric's expected value between two
/// samples of one distribution), with `--bootstrap` `interval` and `baseline_interval` (95%
/// percentile intervals), `worse` (`higher`, `lower` or `either`), `verdict` (`consistent` or
/// `differs`) and `text`.
public struct Reading: Sendable, Equatable, Codable {
  public enum Verdict: String, Sendable, Codable {
    /// Within what a second real sample gets.
    case consistent
    /// Beyond what a second real sample gets, on a side where the metric is worse.
    case differs
  }

  public var metric: String
  public var value: Double
  public var baseline: Double
  public var baselineSource: String
  public var interval: ClosedInterval?
  public var baselineInterval: ClosedInterval?
  public var worse: String
  public var verdict: Verdict
  public var text: String

  enum CodingKeys: String, CodingKey {
    case metric, value, baseline, interval, worse, verdict, text
    case baselineSource = "baseline_source", baselineInterval = "baseline_interval"
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(metric, forKey: .metric)
    try container.encode(value.isFinite ? value : nil, forKey: .value)
    try container.encode(baseline.isFinite ? baseline : nil, forKey: .baseline)
    try container.encode(baselineSource, forKey: .baselineSource)
    try container.encodeIfPresent(interval, forKey: .interval)
    try container.encodeIfPresent(baselineInterval, forKey: .baselineInterval)
    try container.encode(worse, forKey: .worse)
    try container.encode(verdict, forKey: .verdict)
    try container.encode(text, forKey: .text)
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    metric = try container.decode(String.self, forKey: .metric)
    value = try container.decode(Double?.self, forKey: .value) ?? .infinity
    baseline = try container.decode(Double?.self, forKey: .baseline) ?? .infinity
    baselineSource = try container.decode(String.self, forKey: .baselineSource)
    interval = try container.decodeIfPresent(ClosedInterval.self, forKey: .interval)
    baselineInterval = try container.decodeIfPresent(ClosedInterval.self, forKey: .baselineInterval)
    worse = try container.decode(String.self, forKey: .worse)
    verdict = try container.decode(Verdict.self, forKey: .verdict)
    text = try container.decode(String.self, forKey: .text)
  }

  /// The reading of `metric` against `baseline` (from `source`): it differs when the rule puts
  /// the value beyond the tolerance on a worse side and, with bootstrap intervals, when the
  /// comparison's interval also lies entirely on that side of the baseline's.
  init(
    _ metric: ScalarMetric, baseline: Double, source: String, interval: ClosedInterval?,
    baselineInterval: ClosedInterval?
  ) {
    self.metric = metric.path
    value = metric.value
    self.baseline = baseline
    baselineSource = source
    self.interval = interval
    self.baselineInterval = baselineInterval
    worse = metric.rule.direction.rawValue
    var side = metric.rule.side(of: metric.value, baseline: baseline)
    if side != 0, let interval, let baselineInterval,
      !ReadingRule.separated(interval, from: baselineInterval, side: side)
    {
      side = 0
    }
    verdict = side == 0 ? .consistent : .differs
    let against =
      source == "null"
      ? "the \(EvaluationReport.format(baseline)) expected between two samples of one distribution"
      : "\(EvaluationReport.format(baseline)) for a second real sample (\(Self.describe(source)))"
    let meaning = side > 0 ? metric.rule.higher : metric.rule.lower
    text =
      side == 0
      ? "\(EvaluationReport.format(metric.value)) against \(against): within what a second real sample gets."
      : "\(EvaluationReport.format(metric.value)) against \(against): beyond what a second real sample gets; \(meaning ?? "")."
  }

  /// The baseline's sources in words.
  static func describe(_ source: String) -> String {
    source == "holdout" ? "the holdout" : "two halves of the real sample"
  }
}
