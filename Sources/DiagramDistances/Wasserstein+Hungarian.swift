extension Wasserstein {
  /// An optimal assignment by the Hungarian method (shortest augmenting paths with dual
  /// potentials, one Dijkstra per row over the implicit dense costs).
  ///
  /// Exact up to floating-point rounding of the sums; O((n + m)³) time in the worst case and
  /// O(n + m) memory. Returns `columnOfRow`.
  ///
  /// Termination: each inner step must find a finite `delta`. The instance always has a perfect
  /// matching of finite cost (everything to the diagonal, costs capped by `GroundCost`), so by
  /// Hall's theorem the k + 1 rows reached hold finite edges to at least k + 1 columns, one of
  /// them not yet used, whose slack is finite. (Before costs were scaled, a diagram with the
  /// point (0, 1e160) and q = 2 made every cost +∞: delta stayed +∞, column 0 was chosen again
  /// and again, and the loop never ended.) The precondition turns any such regression into a
  /// failure instead of a hang.
  static func hungarianAssignment(_ instance: AssignmentInstance) -> [Int32] {
    let size = instance.size
    if size == 0 { return [] }
    // 1-based columns; column 0 is the virtual start. rowOfColumn[0] = current row.
    var rowPotential = [Double](repeating: 0, count: size + 1)
    var columnPotential = [Double](repeating: 0, count: size + 1)
    var rowOfColumn = [Int](repeating: 0, count: size + 1)
    var previous = [Int](repeating: 0, count: size + 1)
    var slack = [Double](repeating: .infinity, count: size + 1)
    var used = [Bool](repeating: false, count: size + 1)
    for row in 1...size {
      rowOfColumn[0] = row
      var column0 = 0
      for j in 0...size {
        slack[j] = .infinity
        used[j] = false
      }
      repeat {
        used[column0] = true
        let row0 = rowOfColumn[column0]
        var delta = Double.infinity
        var column1 = 0
        let base = rowPotential[row0]
        for j in 1...size where !used[j] {
          let reduced = instance.cost(row0 - 1, j - 1) - base - columnPotential[j]
          if reduced < slack[j] {
            slack[j] = reduced
            previous[j] = column0
          }
          if slack[j] < delta {
            delta = slack[j]
            column1 = j
          }
        }
        for j in 0...size {
          if used[j] {
            rowPotential[rowOfColumn[j]] += delta
            columnPotential[j] -= delta
          } else {
            slack[j] -= delta
          }
        }
        precondition(delta.isFinite, "every assignment row has a finite augmenting path")
        column0 = column1
      } while rowOfColumn[column0] != 0
      repeat {
        let column1 = previous[column0]
        rowOfColumn[column0] = rowOfColumn[column1]
        column0 = column1
      } while column0 != 0
    }
    var columnOfRow = [Int32](repeating: -1, count: size)
    for j in 1...size { columnOfRow[rowOfColumn[j] - 1] = Int32(j - 1) }
    return columnOfRow
  }
}
