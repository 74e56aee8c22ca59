/// The coefficients of a persistence computation as users name them: a prime p for Z/p (whether
/// p is a prime in range is checked by ``RipsPersistence``), or `Q` for the rationals (exact GNU MP
/// arithmetic). JSON encodes a prime as its number and the rationals as the string "Q".
public enum Coefficients: Equatable, Sendable, Encodable, CustomStringConvertible {
  case prime(Int)
  case rationals

  /// Parses `Q` (or `q`) or an integer p ≥ 2.
  public init?(text: String) {
    if text == "Q" || text == "q" {
      self = .rationals
    } else if let p = Int(text), p >= 2 {
      self = .prime(p)
    } else {
      return nil
    }
  }

  /// `RipsOptions.modulus`: p, or 0 for Q.
  public var modulus: Int {
    switch self {
    case .prime(let p): p
    case .rationals: 0
    }
  }

  public var description: String {
    switch self {
    case .prime(let p): "\(p)"
    case .rationals: "Q"
    }
  }

  /// The field's name: Z/p or Q.
  public var fieldName: String {
    switch self {
    case .prime(let p): "Z/\(p)"
    case .rationals: "Q"
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .prime(let p): try container.encode(p)
    case .rationals: try container.encode("Q")
    }
  }
}

/// The JSON of `tda-eval rips` (and of each sample in `tda-eval diagrams`): `maxdim`, `coeff`,
/// `threshold` (null if infinite), `points`, `diagrams`, and `approximation` for `--approximate`.
public struct RipsReport: Encodable, Sendable {
  public var maxdim: Int
  public var coeff: Coefficients
  /// The threshold used (nil if infinite).
  public var threshold: Double?
  public var points: Int
  public var diagrams: [PersistenceDiagram]
  /// The sparse approximation the diagrams come from (absent from the JSON when exact).
  public var approximation: RipsApproximation?

  enum CodingKeys: String, CodingKey {
    case maxdim, coeff, threshold, points, diagrams, approximation
  }

  /// The report of `result`, computed up to `maxdim` with `coeff`.
  public init(_ result: RipsResult, maxdim: Int, coeff: Coefficients) {
    self.maxdim = maxdim
    self.coeff = coeff
    threshold = result.threshold.isFinite ? result.threshold : nil
    points = result.points
    diagrams = result.diagrams
    approximation = result.approximation
  }

  /// Encodes every field, an infinite threshold as `null`.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(maxdim, forKey: .maxdim)
    try container.encode(coeff, forKey: .coeff)
    try container.encode(threshold, forKey: .threshold)
    try container.encode(points, forKey: .points)
    try container.encode(diagrams, forKey: .diagrams)
    try container.encodeIfPresent(approximation, forKey: .approximation)
  }
}
