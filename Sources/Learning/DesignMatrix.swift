/// A dense matrix of model features, row-major: one row per table row, one column per feature.
public struct DesignMatrix: Sendable, Equatable {
  /// The number of rows.
  public var rowCount: Int
  /// The number of features.
  public var columnCount: Int
  /// The entries, row-major (`rowCount × columnCount`).
  public var values: [Double]
  /// The features' names, in column order.
  public var names: [String]

  public init(rowCount: Int, columnCount: Int, values: [Double], names: [String]) {
    precondition(values.count == rowCount * columnCount, "rowCount × columnCount values")
    precondition(names.count == columnCount, "one name per column")
    self.rowCount = rowCount
    self.columnCount = columnCount
    self.values = values
    self.names = names
  }

  /// The entry at (`row`, `column`).
  public subscript(row: Int, column: Int) -> Double { values[row * columnCount + column] }

  /// The rows at `indices`, in that order.
  public func selecting(rows indices: [Int]) -> DesignMatrix {
    var selected: [Double] = []
    selected.reserveCapacity(indices.count * columnCount)
    for row in indices {
      selected.append(contentsOf: values[row * columnCount..<(row + 1) * columnCount])
    }
    return DesignMatrix(
      rowCount: indices.count, columnCount: columnCount, values: selected, names: names)
  }
}
