/// The Vietoris–Rips diagrams of one sample with the parameters they were computed with: the JSON
/// of `tda-eval rips`, of each sample of `tda-eval diagrams` and of `tda-eval evaluate`, and of the
/// C ABI's `tda_rips`. Keys: `maxdim`, `coeff`, `threshold` (null if infinite), `points`,
/// `diagrams`.
public struct RipsSummary: Sendable, Codable, Equatable {
  /// The largest homology dimension asked for.
  public var maxdim: Int
  /// The coefficient field.
  public var coeff: Coefficients
  /// The threshold of the filtration (the enclosing radius unless one was given); nil if infinite.
  public var threshold: Double?
  /// The number of points that entered the computation.
  public var points: Int
  /// `diagrams[k]` is dimension k.
  public var diagrams: [PersistenceDiagram]

  enum CodingKeys: String, CodingKey { case maxdim, coeff, threshold, points, diagrams }

  /// The summary of `result`, computed up to `maxdim` over `coeff`.
  public init(_ result: RipsResult, maxdim: Int, coeff: Coefficients) {
    self.maxdim = maxdim
    self.coeff = coeff
    threshold = result.threshold.isFinite ? result.threshold : nil
    points = result.points
    diagrams = result.diagrams
  }

  /// Encodes every field, an infinite threshold as `null`.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(maxdim, forKey: .maxdim)
    try container.encode(coeff, forKey: .coeff)
    try container.encode(threshold, forKey: .threshold)
    try container.encode(points, forKey: .points)
    try container.encode(diagrams, forKey: .diagrams)
  }
}
