import Tables

/// Distinct codes of a column in the order scikit-learn sorts the labels they stand for
/// (`np.unique`): numeric and ordinal columns by value (rank), categorical columns by label —
/// numerically when every label reads as a number, otherwise by Unicode code points.
public struct ClassLabels: Sendable, Equatable {
  /// The codes, sorted.
  public let codes: [Double]
  /// The labels they stand for, in the same order.
  public let names: [String]

  /// Sorts the distinct `codes` of `column`.
  public init(codes distinct: [Double], column: Table.Column) {
    let unique = Array(Set(distinct.filter { !$0.isNaN }))
    guard column.kind == .categorical else {
      codes = unique.sorted()
      names = codes.map { column.kind == .ordinal ? column.categories[Int($0)] : "\($0)" }
      return
    }
    let labels = unique.map { column.categories[Int($0)] }
    let numbers = labels.map { Double($0) }
    let order: [Int]
    if numbers.allSatisfy({ $0 != nil }) {
      order = unique.indices.sorted { numbers[$0]! < numbers[$1]! }
    } else {
      order = unique.indices.sorted {
        labels[$0].unicodeScalars.lexicographicallyPrecedes(labels[$1].unicodeScalars)
      }
    }
    codes = order.map { unique[$0] }
    names = order.map { labels[$0] }
  }
}
