/// The JSON of `tda-eval distance --json`: `metric`, `order` (Wasserstein), `internal_p` (null
/// for L∞), `relative_error`, `ignore_essential`, `distance` (null if infinite), `matching`.
public struct DiagramDistanceReport: Encodable, Sendable {
  public var metric: String
  public var order: Double?
  public var internalP: Double
  public var relativeError: Double
  public var ignoreEssential: Bool
  public var distance: Double
  public var matching: [MatchedPair]?

  public init(
    metric: String, order: Double?, internalP: Double, relativeError: Double,
    ignoreEssential: Bool, distance: Double, matching: [MatchedPair]?
  ) {
    self.metric = metric
    self.order = order
    self.internalP = internalP
    self.relativeError = relativeError
    self.ignoreEssential = ignoreEssential
    self.distance = distance
    self.matching = matching
  }

  enum CodingKeys: String, CodingKey {
    case metric, order
    case internalP = "internal_p"
    case relativeError = "relative_error"
    case ignoreEssential = "ignore_essential"
    case distance, matching
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(metric, forKey: .metric)
    try container.encodeIfPresent(order, forKey: .order)
    try container.encode(internalP.isFinite ? internalP : nil, forKey: .internalP)
    try container.encode(relativeError, forKey: .relativeError)
    try container.encode(ignoreEssential, forKey: .ignoreEssential)
    try container.encode(distance.isFinite ? distance : nil, forKey: .distance)
    try container.encodeIfPresent(matching, forKey: .matching)
  }
}
