import PointClouds

/// The coordinates in which Euclidean distances between rows of mixed tables are taken:
/// numeric columns and ordinal ranks z-scored with the real sample's mean and population standard
/// deviation (a column constant in the real sample is only centred); each categorical column
/// one-hot over its categories, every indicator 1/√2, so that a mismatch adds exactly 1 to the
/// squared distance.
public struct EuclideanEmbedding: Sendable, Equatable {
  /// Per used column: the real mean and the divisor (numeric, ordinal), unused for categorical.
  public let means: [Double]
  public let scales: [Double]
  /// The coordinate names: a column's name, or `name=label` for an indicator.
  public let names: [String]

  /// Fits the embedding to `real` (complete rows; categories shared with the other tables).
  /// - Throws: ``TableError/missingCell(file:line:column:name:handledBy:)`` for a missing cell.
  public init(fittedTo real: Table) throws {
    if let error = real.missingCellError() { throw error }
    var means: [Double] = []
    var scales: [Double] = []
    var names: [String] = []
    let n = Double(real.rowCount)
    for column in real.columns {
      switch column.kind {
      case .categorical:
        means.append(0)
        scales.append(1)
        names += column.categories.map { "\(column.name)=\($0)" }
      default:
        let mean = column.values.reduce(0, +) / n
        var squares = 0.0
        for value in column.values { squares += (value - mean) * (value - mean) }
        let constant = column.values.allSatisfy { $0 == column.values[0] }
        means.append(mean)
        scales.append(constant ? 1 : (squares / n).squareRoot())
        names.append(column.name)
      }
    }
    self.means = means
    self.scales = scales
    self.names = names
  }

  /// `table`'s rows in the embedding.
  /// - Throws: ``TableError/missingCell(file:line:column:name:handledBy:)`` for a missing cell.
  public func apply(to table: Table) throws -> PointCloud {
    if let error = table.missingCellError() { throw error }
    let d = names.count
    let n = table.rowCount
    try MemoryBudget.current.check(
      bytes: Double(n) * Double(d) * 8,
      what: "the Euclidean embedding of \(n) rows in \(d) coordinates (one per category)",
      suggestion:
        "use Gower's distance, or --ignore the categorical columns with the most categories")
    var coordinates = [Double](repeating: 0, count: n * d)
    let indicator = 1 / 2.0.squareRoot()
    var offset = 0
    for (c, column) in table.columns.enumerated() {
      if column.kind == .categorical {
        for row in 0..<n { coordinates[row * d + offset + Int(column.values[row])] = indicator }
        offset += column.categories.count
      } else {
        for row in 0..<n {
          coordinates[row * d + offset] = (column.values[row] - means[c]) / scales[c]
        }
        offset += 1
      }
    }
    return PointCloud(count: n, dimension: d, coordinates: coordinates, columnNames: names)
  }
}
