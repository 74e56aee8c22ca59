/// The non-empty cells of the joint table of two coded columns, in cell order (row-major: code of
/// the first column, then of the second), with their counts.
struct ContingencyCells {
  var cells: [(cell: Int, count: Int)]

  /// Tables up to this many cells are counted in an array, larger ones by sorting the rows' cells.
  static let denseLimit = 1 << 20

  /// `first` in 0 ..< firstLevels and `second` in 0 ..< secondLevels, one code per row each.
  init(_ first: [Int32], firstLevels: Int, _ second: [Int32], secondLevels: Int) {
    let size = firstLevels * secondLevels
    if size <= Self.denseLimit {
      var counts = [Int](repeating: 0, count: size)
      for row in first.indices { counts[Int(first[row]) * secondLevels + Int(second[row])] += 1 }
      cells = counts.indices.compactMap { counts[$0] > 0 ? ($0, counts[$0]) : nil }
      return
    }
    let keys = first.indices.map { Int(first[$0]) * secondLevels + Int(second[$0]) }.sorted()
    cells = []
    for key in keys {
      if cells.last?.cell == key {
        cells[cells.count - 1].count += 1
      } else {
        cells.append((key, 1))
      }
    }
  }
}
