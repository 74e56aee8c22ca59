/// How a metric's value is read against what a second real sample gets: which way is worse, how
/// far beyond the baseline a value must lie before it means something, and what it means then.
///
/// A value `v` with baseline `b`, both between samples of `m` rows, *differs* when it lies on the
/// worse side of `b` by more than `absolute + relative · |b| + sampling / √m` (either side for
/// ``Direction/eitherWay``): a floor in the metric's units, a share of the baseline for metrics
/// in the data's units or with a skewed null distribution, and a term that shrinks like the
/// sampling noise of a share. The tolerances are
/// calibrated on the null-calibration table (`Notebooks-data/tables/calibration.*`): faithful
/// samples of every base distribution stay within them at n = 300 … 3,000, and the controlled
/// failures the failure table shows a metric seeing lie beyond them (see `docs/readings.md`).
public struct ReadingRule: Sendable, Equatable {
  /// Which way a value is worse than the baseline.
  public enum Direction: String, Sendable, Equatable {
    case higherIsWorse = "higher"
    case lowerIsWorse = "lower"
    case eitherWay = "either"
  }

  public var direction: Direction
  /// The tolerance in the metric's units.
  public var absolute: Double
  /// The tolerance as a share of the baseline's magnitude (for metrics whose scale is the data's).
  public var relative: Double
  /// The tolerance's sampling term, divided by the square root of the compared samples' size.
  public var sampling: Double = 0
  /// What a value beyond the tolerance on the higher side says (nil: not a worse side).
  public var higher: String?
  /// What a value beyond the tolerance on the lower side says.
  public var lower: String?
  /// The value the metric takes, in expectation, between two samples of one distribution, for
  /// metrics the baseline cannot compute (those that need a holdout), or nil.
  public var null: Double?

  /// A rule where higher values are worse.
  static func higher(
    absolute: Double = 0, relative: Double = 0, sampling: Double = 0, null: Double? = nil,
    _ meaning: String
  ) -> ReadingRule {
    ReadingRule(
      direction: .higherIsWorse, absolute: absolute, relative: relative, sampling: sampling,
      higher: meaning, lower: nil, null: null)
  }

  /// A rule where lower values are worse.
  static func lower(
    absolute: Double = 0, relative: Double = 0, sampling: Double = 0, _ meaning: String
  ) -> ReadingRule {
    ReadingRule(
      direction: .lowerIsWorse, absolute: absolute, relative: relative, sampling: sampling,
      higher: nil, lower: meaning, null: nil)
  }

  /// A rule where values off the baseline on either side are worse.
  static func either(
    absolute: Double = 0, relative: Double = 0, sampling: Double = 0, null: Double? = nil,
    higher: String, lower: String
  ) -> ReadingRule {
    ReadingRule(
      direction: .eitherWay, absolute: absolute, relative: relative, sampling: sampling,
      higher: higher, lower: lower, null: null)
  }

  /// The tolerance around `baseline` for samples of `size` rows.
  public func tolerance(around baseline: Double, size: Int) -> Double {
    absolute + relative * abs(baseline) + sampling / Double(max(size, 1)).squareRoot()
  }

  /// The side on which `value` lies beyond the tolerance around `baseline` (samples of `size`
  /// rows) in a worse direction (`+1` higher, `-1` lower), or 0 when it is within. Infinite
  /// values differ from finite ones in the direction of their sign; equal infinities agree.
  public func side(of value: Double, baseline: Double, size: Int) -> Int {
    let excess = value - baseline
    guard value != baseline, !excess.isNaN,
      abs(excess) > tolerance(around: baseline, size: size)
    else {
      return 0
    }
    let side = excess > 0 ? 1 : -1
    switch direction {
    case .higherIsWorse: return max(side, 0)
    case .lowerIsWorse: return min(side, 0)
    case .eitherWay: return side
    }
  }

  /// Whether the bootstrap intervals leave room for the difference: the comparison's interval
  /// lies entirely on the `side` of the baseline's interval.
  static func separated(_ interval: ClosedInterval, from baseline: ClosedInterval, side: Int)
    -> Bool
  {
    side > 0 ? interval.lower > baseline.upper : interval.upper < baseline.lower
  }
}

/// A closed interval [lower, upper] (a bootstrap percentile interval); `[lower, upper]` in JSON,
/// infinities as `null`.
public struct ClosedInterval: Sendable, Equatable, Codable {
  public var lower: Double
  public var upper: Double

  public init(lower: Double, upper: Double) {
    self.lower = lower
    self.upper = upper
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.unkeyedContainer()
    try container.encode(lower.isFinite ? lower : nil)
    try container.encode(upper.isFinite ? upper : nil)
  }

  public init(from decoder: any Decoder) throws {
    var container = try decoder.unkeyedContainer()
    lower = try container.decode(Double?.self) ?? -.infinity
    upper = try container.decode(Double?.self) ?? .infinity
  }
}
