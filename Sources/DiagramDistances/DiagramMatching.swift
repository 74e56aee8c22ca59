import Persistence

/// One edge of a matching between two diagrams: indices into the `pairs` of the first and of the
/// second diagram, `−1` standing for the diagonal.
public struct MatchedPair: Hashable, Sendable, Codable {
  /// Index in the first diagram, or −1 when a point of the second diagram goes to the diagonal.
  public var first: Int
  /// Index in the second diagram, or −1 when a point of the first diagram goes to the diagonal.
  public var second: Int

  /// The edge between `first` and `second` (either may be −1, the diagonal).
  public init(_ first: Int, _ second: Int) {
    self.first = first
    self.second = second
  }

  /// Encodes as `[first, second]`.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.unkeyedContainer()
    try container.encode(first)
    try container.encode(second)
  }

  /// Decodes `[first, second]`.
  public init(from decoder: any Decoder) throws {
    var container = try decoder.unkeyedContainer()
    first = try container.decode(Int.self)
    second = try container.decode(Int.self)
  }
}

/// A distance between two diagrams and, on request, a matching that realises it.
///
/// The matching lists every point of both diagrams exactly once (points on the diagonal and, when
/// the essential counts differ, unpaired essential points are matched with the diagonal, −1).
/// Points dropped by `ignoreEssential` do not appear.
public struct DiagramDistanceResult: Hashable, Sendable {
  /// The distance (`+∞` when the essential counts differ).
  public var distance: Double
  /// An optimal matching (for an approximate distance, the matching whose cost was returned), or
  /// `nil` when it was not requested.
  public var matching: [MatchedPair]?

  /// A result with `distance` and, optionally, its matching.
  public init(distance: Double, matching: [MatchedPair]?) {
    self.distance = distance
    self.matching = matching
  }
}
