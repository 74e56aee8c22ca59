import Persistence
import PointClouds
import Tables

extension TableSamples {
  /// The largest table whose Gower distances the geometry score holds (n² doubles: 1.15 GB).
  package static let witnessRowLimit = 12_000

  /// `table`'s rows as the geometry score takes them under Gower's distance: their square
  /// distance matrix.
  /// - Throws: `PointCloudError.invalidParameter` above ``witnessRowLimit`` rows, `ResourceError`
  ///   when the n² distances are above the memory budget.
  package func witnessSample(_ table: Table) throws -> WitnessSample {
    let n = table.rowCount
    guard n <= Self.witnessRowLimit else {
      throw PointCloudError.invalidParameter(
        name: "rows of \(table.file) for the geometry score under Gower's distance", value: "\(n)",
        allowed: "at most \(Self.witnessRowLimit) (its n² distances are held in memory)")
    }
    try MemoryBudget.current.check(
      bytes: 8 * Double(n) * Double(n),
      what: "the geometry score's Gower distances of \(table.file) (\(n) × \(n) doubles)",
      suggestion: "use fewer rows, or --distance euclidean (no matrix)")
    return .distances(WitnessDistanceCache(squareDistances: gower.squareMatrix(table), count: n))
  }
}
