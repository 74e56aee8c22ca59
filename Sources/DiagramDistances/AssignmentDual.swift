import Dispatch

/// Lower bounds on the optimal assignment cost from item prices (weak duality), and the
/// tightening of prices by one round of dual block-coordinate ascent.
///
/// For any prices p, with `u_r = min_col (c(r, col) + p(col))` (the row minima),
///
///     OPT ≥ D(p) = Σ_rows u_r − Σ_cols p = C − Σ_rows slack_r,
///     slack_r = c(r, σ(r)) + p(σ(r)) − u_r,
///
/// for any complete assignment σ of cost C (a bijection, so Σ_cols p = Σ_rows p(σ(r))). The
/// auction's ε-complementary slackness only says `slack_r ≤ ε`; the prices it ends with are
/// tuned for bidding, not for this bound. **Tightening**: given the row minima u, the cheapest
/// feasible column duals are `p'(col) = max_rows (u_r − c(r, col)) ≤ p(col)` (every pair then
/// satisfies `u_r ≤ c + p'`), so `D(p') ≥ Σ u − Σ p' ≥ D(p)`: one round never lowers the bound,
/// and on the auction's prices it recovers a large part of the gap `Σ slack` (every item that is
/// nobody's cheapest gets its price lowered to the level where some row is indifferent).
/// Each round is two passes of one k-d query per row (on all cores), O(n + m) memory.
extension AssignmentInstance {
  /// Per row, `c(r, σ(r)) + p(σ(r)) − u_r` clamped at 0, plus two ulps of its value (rounding's
  /// worst case), for the assignment `columnOfRow` and prices `price`: `C − Σ slack ≤ OPT`.
  func slacks(_ columnOfRow: [Int32], price: [Double]) -> [Double] {
    let minima = rowMinima(price: price)
    return concurrentMap(size) { row in
      let column = Int(columnOfRow[row])
      let value = cost(row, column) + price[column]
      return max(0, value - minima[row]) + 2 * value.ulp
    }
  }

  /// The prices `p'(col) = max_rows (u_r − c(r, col))` for the row minima of `price`.
  func tightened(price: [Double]) -> [Double] {
    let minima = rowMinima(price: price)
    let rowsOfA = WeightedTree(x: ax, y: ay, weights: minima[0..<n].map { -$0 })
    let diagonalRowsTop = minima[n...].max() ?? -.infinity
    return concurrentMap(size) { column in
      if column < m {
        let nearest = rowsOfA.twoBest(from: bx[column], by[column], ground: ground).best
        return max(minima[n + column] - bDiagonal[column], -nearest)
      }
      let i = column - m
      return max(minima[i] - aDiagonal[i], diagonalRowsTop)
    }
  }

  /// `u_r = min_col (c(r, col) + price[col])` for every row.
  func rowMinima(price: [Double]) -> [Double] {
    let columnsOfB = WeightedTree(x: bx, y: by, weights: Array(price[0..<m]))
    let cheapestDiagonal = price[m...].min() ?? .infinity
    return concurrentMap(size) { row in
      if row < n {
        let nearest = columnsOfB.twoBest(from: ax[row], ay[row], ground: ground).best
        return min(aDiagonal[row] + price[m + row], nearest)
      }
      return min(bDiagonal[row - n] + price[row - n], cheapestDiagonal)
    }
  }

  /// `(0..<count).map(transform)` computed in chunks on all cores (each entry independently, so
  /// the result does not depend on the number of threads).
  private func concurrentMap(_ count: Int, _ transform: (Int) -> Double) -> [Double] {
    var result = [Double](repeating: 0, count: count)
    let chunk = 256
    result.withUnsafeMutableBufferPointer { buffer in
      nonisolated(unsafe) let output = buffer
      withoutActuallyEscaping(transform) { transform in
        nonisolated(unsafe) let work = transform
        DispatchQueue.concurrentPerform(iterations: (count + chunk - 1) / chunk) { k in
          for index in (k * chunk)..<min(count, k * chunk + chunk) { output[index] = work(index) }
        }
      }
    }
    return result
  }
}
