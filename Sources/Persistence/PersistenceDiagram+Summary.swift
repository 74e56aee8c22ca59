/// A few numbers that describe a diagram at a glance.
public struct DiagramSummary: Sendable, Equatable, Codable {
  /// The homology dimension.
  public var dimension: Int
  /// The number of bars, essential ones included.
  public var bars: Int
  /// The number of essential bars (infinite death).
  public var essential: Int
  /// Σ (death − birth) over the finite bars.
  public var totalPersistence: Double
  /// The largest death − birth over the finite bars (0 if there is none).
  public var maxPersistence: Double

  /// The summary of `diagram`.
  public init(_ diagram: PersistenceDiagram) {
    dimension = diagram.dimension
    bars = diagram.pairs.count
    essential = diagram.essentialCount
    var total = 0.0
    var largest = 0.0
    for pair in diagram.pairs where !pair.isEssential {
      total += pair.persistence
      largest = Swift.max(largest, pair.persistence)
    }
    totalPersistence = total
    maxPersistence = largest
  }
}
