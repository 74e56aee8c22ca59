/// The Wasserstein problem of two diagrams' finite off-diagonal points as an assignment problem
/// on the restricted augmented graph of Kerber, Morozov and Nigmetov (2017), costs computed on the
/// fly (O(n + m)
/// memory).
///
/// Rows ("bidders") are the points `a_i` of A (`0..<n`) and diagonal copies `b̄_j` of B's points
/// (`n + j`); columns ("items") are the points `b_j` of B (`0..<m`) and diagonal copies `ā_i`
/// (`m + i`). Costs: `a_i–b_j` the ground cost; `a_i–ā_i` and `b̄_j–b_j` the cost to the diagonal;
/// `b̄_j–ā_i` 0; every other pair is forbidden (+∞).
struct AssignmentInstance {
  let ax: [Double], ay: [Double], bx: [Double], by: [Double]
  let ground: GroundCost
  /// Cost of each point to the diagonal.
  let aDiagonal: [Double], bDiagonal: [Double]
  var n: Int { ax.count }
  var m: Int { bx.count }
  var size: Int { ax.count + bx.count }

  init(_ a: PreparedDiagram, _ b: PreparedDiagram, ground: GroundCost) {
    ax = a.x; ay = a.y; bx = b.x; by = b.y
    self.ground = ground
    aDiagonal = zip(a.x, a.y).map { ground.diagonalCost($0, $1) }
    bDiagonal = zip(b.x, b.y).map { ground.diagonalCost($0, $1) }
  }

  /// The cost of assigning column `column` to row `row`.
  @inline(__always)
  func cost(_ row: Int, _ column: Int) -> Double {
    let (n, m) = (self.n, self.m)
    if row < n {
      if column < m { return ground.cost(ax[row], ay[row], bx[column], by[column]) }
      return column - m == row ? aDiagonal[row] : .infinity
    }
    if column < m { return row - n == column ? bDiagonal[column] : .infinity }
    return 0
  }

  /// The total cost of an assignment (`columnOfRow[row]`).
  func totalCost(_ columnOfRow: [Int32]) -> Double {
    var total = 0.0
    for row in 0..<size { total += cost(row, Int(columnOfRow[row])) }
    return total
  }

  /// The zero-cost assignment of two identical multisets: `a_i–b_j` for each pair `(i, j)` and
  /// the diagonal copies paired with each other.
  func identicalAssignment(_ pairing: [(Int, Int)]) -> [Int32] {
    var columnOfRow = [Int32](repeating: -1, count: size)
    for (i, j) in pairing {
      columnOfRow[i] = Int32(j)
      columnOfRow[n + j] = Int32(m + i)
    }
    return columnOfRow
  }

  /// Converts an assignment to matched pairs of original indices.
  func pairs(_ columnOfRow: [Int32], _ a: PreparedDiagram, _ b: PreparedDiagram) -> [MatchedPair] {
    var list: [MatchedPair] = []
    for row in 0..<size {
      let column = Int(columnOfRow[row])
      switch (row < n, column < m) {
      case (true, true): list.append(MatchedPair(a.index[row], b.index[column]))
      case (true, false): list.append(MatchedPair(a.index[row], -1))
      case (false, true): list.append(MatchedPair(-1, b.index[column]))
      case (false, false): break
      }
    }
    return list
  }
}
