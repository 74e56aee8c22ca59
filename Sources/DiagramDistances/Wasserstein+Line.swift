import Foundation

extension Wasserstein {
  /// An optimal assignment of `instance` when all its finite off-diagonal points share one birth
  /// (as the H0 diagrams of Rips filtrations, all born at 0) or all share one death; nil
  /// otherwise. Exact, O(n·m) time and O(m·√n) memory, for every order q and ground metric L_p.
  ///
  /// **Why it is exact.** With a common birth the difference of two points has one nonzero
  /// component, so every L_p norm gives `|s − t|`, where s and t are their deaths (the free
  /// coordinate): matched pairs cost a convex function of `s − t`, and such costs are Monge —
  /// for `s₁ < s₂` and `t₁ < t₂`, `f(s₁ − t₁) + f(s₂ − t₂) ≤ f(s₁ − t₂) + f(s₂ − t₁)`. Uncrossing
  /// pairs therefore never costs more, and some optimal matching is non-crossing: with both
  /// diagrams sorted by the free coordinate, matched pairs keep their order, the other points
  /// going to the diagonal. The capped costs of `GroundCost` are not convex, but the optimum over
  /// all matchings is the uncapped one (see there), a non-crossing uncapped optimum costs no more
  /// once capped, and no matching costs less: the minimum over non-crossing matchings is optimal.
  ///
  /// That minimum is the edit-distance recursion over prefixes (`cost[i][j]` for the first i
  /// points of A and j of B: A's i-th point to the diagonal, B's j-th to the diagonal, or the two
  /// matched). Its table is not stored: the rows at every k-th row (k ≈ √(8n)) are kept on the way
  /// forward, and the way back recomputes one block of k rows at a time with a byte per cell
  /// saying which of the three moves won — twice the arithmetic, about 16·m·√n bytes.
  static func lineAssignment(_ instance: AssignmentInstance) -> [Int32]? {
    guard let line = LineDiagrams(instance) else { return nil }
    let (n, m) = (instance.n, instance.m)
    let blockRows = max(1, min(n, Int((8 * Double(n)).squareRoot())))
    var checkpoints: [[Double]] = []
    var row = [Double](repeating: 0, count: m + 1)
    for j in 0..<m { row[j + 1] = row[j] + line.bDiagonal[j] }
    for i in 0..<n {
      if i % blockRows == 0 { checkpoints.append(row) }
      line.advance(&row, to: i, moves: nil)
    }
    var columnOfRow = [Int32](repeating: -1, count: n + m)
    var (i, j) = (n, m)
    var moves = [UInt8](repeating: 0, count: blockRows * (m + 1))
    for block in checkpoints.indices.reversed() {
      let first = block * blockRows
      row = checkpoints[block]
      moves.withUnsafeMutableBufferPointer { moves in
        for r in first..<min(first + blockRows, n) {
          line.advance(&row, to: r, moves: moves.baseAddress! + (r - first) * (m + 1))
        }
      }
      while i > first {
        let move = j == 0 ? Move.aToDiagonal : Move(rawValue: moves[(i - 1 - first) * (m + 1) + j])!
        switch move {
        case .aToDiagonal: i -= 1
        case .bToDiagonal: j -= 1
        case .matched:
          i -= 1
          j -= 1
          columnOfRow[line.aOrder[i]] = Int32(line.bOrder[j])
        }
      }
    }
    // Diagonal copies: ā_i to a_i unless a_i is matched, b̄_j to b_j unless b_j is matched; the
    // diagonal copies of matched points are paired with each other at cost 0.
    var freeCopies: [Int32] = []
    for a in 0..<n where columnOfRow[a] < 0 { columnOfRow[a] = Int32(m + a) }
    for a in 0..<n where columnOfRow[a] < Int32(m) { freeCopies.append(Int32(m + a)) }
    var matchedB = [Bool](repeating: false, count: m)
    for a in 0..<n where columnOfRow[a] < Int32(m) { matchedB[Int(columnOfRow[a])] = true }
    var nextCopy = 0
    for b in 0..<m {
      if matchedB[b] {
        columnOfRow[n + b] = freeCopies[nextCopy]
        nextCopy += 1
      } else {
        columnOfRow[n + b] = Int32(b)
      }
    }
    return columnOfRow
  }

  /// The last move of a best prefix matching.
  private enum Move: UInt8 {
    case aToDiagonal, bToDiagonal, matched
  }

  /// The two diagrams of a line instance sorted by their free coordinate.
  private struct LineDiagrams {
    let ground: GroundCost
    /// Sorted positions (indices into the instance's rows and columns).
    let aOrder: [Int], bOrder: [Int]
    let ax: [Double], ay: [Double], bx: [Double], by: [Double]
    let aDiagonal: [Double], bDiagonal: [Double]

    init?(_ instance: AssignmentInstance) {
      func shared(_ a: [Double], _ b: [Double]) -> Bool {
        guard let value = a.first ?? b.first else { return true }
        return a.allSatisfy { $0 == value } && b.allSatisfy { $0 == value }
      }
      let free: ([Double], [Double])
      if shared(instance.ax, instance.bx) {
        free = (instance.ay, instance.by)
      } else if shared(instance.ay, instance.by) {
        free = (instance.ax, instance.bx)
      } else {
        return nil
      }
      func order(_ values: [Double]) -> [Int] {
        values.indices.sorted { (values[$0], $0) < (values[$1], $1) }
      }
      ground = instance.ground
      aOrder = order(free.0)
      bOrder = order(free.1)
      ax = aOrder.map { instance.ax[$0] }
      ay = aOrder.map { instance.ay[$0] }
      bx = bOrder.map { instance.bx[$0] }
      by = bOrder.map { instance.by[$0] }
      aDiagonal = aOrder.map { instance.aDiagonal[$0] }
      bDiagonal = bOrder.map { instance.bDiagonal[$0] }
    }

    /// Turns `row` (the best costs of the first i points of A against every prefix of B) into
    /// the row of i + 1, writing the winning move of each cell to `moves` if given.
    func advance(_ row: inout [Double], to i: Int, moves: UnsafeMutablePointer<UInt8>?) {
      let (x, y, toDiagonal) = (ax[i], ay[i], aDiagonal[i])
      row.withUnsafeMutableBufferPointer { row in
        var diagonalBefore = row[0]
        row[0] += toDiagonal
        moves?[0] = Move.aToDiagonal.rawValue
        for j in 0..<bx.count {
          let up = row[j + 1] + toDiagonal
          let left = row[j] + bDiagonal[j]
          let matched = diagonalBefore + ground.cost(x, y, bx[j], by[j])
          diagonalBefore = row[j + 1]
          var best = up
          var move = Move.aToDiagonal
          if left < best { (best, move) = (left, .bToDiagonal) }
          if matched < best { (best, move) = (matched, .matched) }
          row[j + 1] = best
          moves?[j + 1] = move.rawValue
        }
      }
    }
  }
}
