/// One bar of a barcode: a class born at `birth` that dies at `death` (`.infinity` for an
/// essential class, alive at the end of the filtration).
public struct PersistencePair: Hashable, Sendable {
  public var birth: Double
  public var death: Double

  public init(birth: Double, death: Double) {
    self.birth = birth
    self.death = death
  }

  /// `death − birth` (infinite for an essential class).
  public var persistence: Double { death - birth }
  /// Whether the class never dies.
  public var isEssential: Bool { death == .infinity }
}

/// The persistence diagram of one homology dimension: a multiset of (birth, death) pairs.
///
/// Conventions (Ripser's): filtration values are diameters; pairs with `death == birth` are not
/// reported; essential classes have `death == .infinity`.
public struct PersistenceDiagram: Hashable, Sendable {
  /// The homology dimension.
  public var dimension: Int
  /// The bars, in no particular order.
  public var pairs: [PersistencePair]

  public init(dimension: Int, pairs: [PersistencePair]) {
    self.dimension = dimension
    self.pairs = pairs
  }

  /// The bars with finite death.
  public var finitePairs: [PersistencePair] { pairs.filter { !$0.isEssential } }
  /// The number of essential bars.
  public var essentialCount: Int { pairs.reduce(0) { $0 + ($1.isEssential ? 1 : 0) } }
}

extension PersistencePair: Codable {
  /// Encodes as `[birth, death]`, an infinite death as `null` since JSON has no infinity.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.unkeyedContainer()
    try container.encode(birth)
    try container.encode(isEssential ? nil : death)
  }

  public init(from decoder: any Decoder) throws {
    var container = try decoder.unkeyedContainer()
    birth = try container.decode(Double.self)
    death = try container.decode(Double?.self) ?? .infinity
  }
}

extension PersistenceDiagram: Codable {}
