/// The Vietoris–Rips diagrams of one sample with the parameters they were computed with: the JSON
/// of `tda-eval rips`, of each sample of `tda-eval diagrams` and of `tda-eval evaluate`, and of the
/// C ABI's `tda_rips`. Keys: `maxdim`, `coeff`, `threshold` (null if infinite), `points`,
/// `diagrams`; and, when the H0 diagram was computed on other points than the diagrams of H1 and up
/// (`evaluate` computes H0 on the whole sample, H1 and up on a subset), `h0_threshold` and
/// `h0_points`, with `threshold` and `points` then those of H1 and up; `approximation` for
/// `rips --approximate`.
public struct RipsSummary: Sendable, Codable, Equatable {
  /// The largest homology dimension asked for.
  public var maxdim: Int
  /// The coefficient field.
  public var coeff: Coefficients
  /// The threshold of the filtration (the enclosing radius unless one was given); nil if infinite.
  public var threshold: Double?
  /// The number of points that entered the computation.
  public var points: Int
  /// The threshold of the H0 filtration when H0 was computed apart (nil if infinite).
  public var h0Threshold: Double?
  /// The number of points of the H0 diagram when H0 was computed apart; nil otherwise.
  public var h0Points: Int?
  /// `diagrams[k]` is dimension k.
  public var diagrams: [PersistenceDiagram]
  /// The sparse approximation the diagrams come from (absent from the JSON when exact).
  public var approximation: RipsApproximation?

  enum CodingKeys: String, CodingKey {
    case maxdim, coeff, threshold, points, diagrams, approximation
    case h0Threshold = "h0_threshold"
    case h0Points = "h0_points"
  }

  /// The summary of `result`, computed up to `maxdim` over `coeff`.
  public init(_ result: RipsResult, maxdim: Int, coeff: Coefficients) {
    self.maxdim = maxdim
    self.coeff = coeff
    threshold = result.threshold.isFinite ? result.threshold : nil
    points = result.points
    diagrams = result.diagrams
    approximation = result.approximation
  }

  /// The diagrams of `upper` with H0 replaced by that of `h0`, computed apart (on other points).
  public init(upper: RipsSummary, h0: RipsResult) {
    self = upper
    h0Threshold = h0.threshold.isFinite ? h0.threshold : nil
    h0Points = h0.points
    diagrams[0] = h0.diagrams[0]
  }

  /// Encodes every field, an infinite threshold as `null` (the H0 fields only when H0 was apart).
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(maxdim, forKey: .maxdim)
    try container.encode(coeff, forKey: .coeff)
    try container.encode(threshold, forKey: .threshold)
    try container.encode(points, forKey: .points)
    if let h0Points {
      try container.encode(h0Threshold, forKey: .h0Threshold)
      try container.encode(h0Points, forKey: .h0Points)
    }
    try container.encode(diagrams, forKey: .diagrams)
    try container.encodeIfPresent(approximation, forKey: .approximation)
  }
}
