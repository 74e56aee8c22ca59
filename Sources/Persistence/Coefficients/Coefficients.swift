/// The coefficient field of a persistence computation, as every interface names it: Z/p for a
/// prime p (`.prime(p)`, p ≤ 65521) or the rationals Q (`.rationals`, exact GNU MP arithmetic).
///
/// Its text form, the one of `--coeff`, the C ABI, Python and JSON, is the prime's digits (`"2"`)
/// or `"Q"`; JSON encodes a prime as a number (`2`) and the rationals as the string `"Q"`.
/// (``CoefficientField`` is the arithmetic the reduction runs with; this is the user's choice.)
public enum Coefficients: Hashable, Sendable, Codable, CustomStringConvertible {
  /// Z/p.
  case prime(Int)
  /// Q.
  case rationals

  /// What a valid choice is, as error messages say it.
  public static let allowed = "a prime between 2 and \(PrimeField.largestModulus), or Q"

  /// Parses the text form: `Q` (or `q`) or a prime p in 2…65521.
  /// - Throws: ``PersistenceError/invalidParameter(name:value:allowed:)`` naming `coeff`.
  public init(parsing text: String) throws(PersistenceError) {
    if text == "Q" || text == "q" {
      self = .rationals
    } else if let p = Int(text) {
      self = .prime(p)
      try validate()
    } else {
      throw .invalidParameter(name: "coeff", value: "'\(text)'", allowed: Self.allowed)
    }
  }

  /// Checks that a prime is one the engine computes with (2…65521).
  /// - Throws: ``PersistenceError/invalidParameter(name:value:allowed:)`` naming `coeff`.
  public func validate() throws(PersistenceError) {
    if case .prime(let p) = self,
      !(2...PrimeField.largestModulus).contains(p) || !PrimeField.isPrime(p)
    {
      throw .invalidParameter(name: "coeff", value: String(p), allowed: Self.allowed)
    }
  }

  /// The text form: the prime's digits or `Q`.
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

  /// Encodes a prime as its number and the rationals as `"Q"`.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .prime(let p): try container.encode(p)
    case .rationals: try container.encode("Q")
    }
  }

  /// Decodes a number p or the string `"Q"` (or a prime's digits), validated.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    let text: String
    if let p = try? container.decode(Int.self) {
      text = String(p)
    } else {
      text = try container.decode(String.self)
    }
    do {
      self = try Coefficients(parsing: text)
    } catch {
      throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
    }
  }
}
