import Dispatch
import Foundation

extension Wasserstein {
  /// A near-optimal assignment by Bertsekas' forward auction with ε-scaling on the restricted
  /// augmented graph, after Hera (Kerber, Morozov, Nigmetov 2017). Returns `columnOfRow`.
  static func auctionAssignment(
    _ instance: AssignmentInstance, relativeError: Double, essentialCost: Double
  ) -> [Int32] {
    auction(instance, relativeError: relativeError, essentialCost: essentialCost).columnOfRow
  }

  /// The auction's final assignment and item prices (the prices are near-optimal dual values,
  /// used to warm-start the exact solver).
  ///
  /// Each ε-phase starts with every bidder unassigned and prices kept from the previous phase, and
  /// ends with a complete assignment of cost C in which every bidder's item is within ε of its
  /// best (`Auction`). Phases divide ε by 5 until the **duality certificate** proves the relative
  /// error: with any prices p, weak duality gives the lower bound
  ///
  ///     OPT ≥ D = Σ_rows min_col (c + p) − Σ_cols p = C − Σ_rows slack_r,
  ///     slack_r = c(r, σ(r)) + p(σ(r)) − min_col (c(r, ·) + p),
  ///
  /// (σ the assignment: a bijection, so Σ_cols p = Σ_rows p(σ(r))), and the phase stops the
  /// auction once `((C + E) / (D + E))^(1/q) − 1 ≤ relativeError`, E the (exact) essential cost.
  /// ε-complementary slackness only says `slack_r ≤ ε`, i.e. `D ≥ C − N·ε` with N bidders;
  /// the measured slacks are well below ε for most bidders, so the certificate often ends the
  /// auction a phase (the most expensive one) earlier than the bound `C − N·ε` would. Each slack
  /// costs one bid query (`Auction.slacks`, on all cores); each is padded by two ulps of its
  /// value so that rounding cannot overstate D. The auction also stops when C = 0 (exact) or
  /// ε < 2⁻⁶⁰ times the largest cost (rounding then dominates). Memory O(n + m).
  static func auction(
    _ instance: AssignmentInstance, relativeError: Double, essentialCost: Double
  ) -> (columnOfRow: [Int32], price: [Double]) {
    let (n, m, size) = (instance.n, instance.m, instance.size)
    let allToDiagonal = (0..<size).map { row in Int32(row < n ? m + row : row - n) }
    if n == 0 || m == 0 { return (allToDiagonal, Array(repeating: 0, count: size)) }
    let ground = instance.ground
    let allX = instance.ax + instance.bx
    let allY = instance.ay + instance.by
    let extent = ground.norm(
      (allX.max() ?? 0) - (allX.min() ?? 0), (allY.max() ?? 0) - (allY.min() ?? 0))
    // No edge used by an optimal matching costs more than sending its ends to the diagonal.
    let largest = max(
      ground.power(extent), instance.aDiagonal.max() ?? 0, instance.bDiagonal.max() ?? 0)
    if largest == 0 { return (allToDiagonal, Array(repeating: 0, count: size)) }
    var state = Auction(instance)
    var epsilon = largest / 4
    let q = ground.q
    while true {
      state.runPhase(epsilon: epsilon)
      let cost = instance.totalCost(state.columnOfRow)
      if cost == 0 { return (state.columnOfRow, state.price) }
      let slack = state.slacks()
      let lower = cost - slack.reduce(0, +) + essentialCost
      if lower > 0 && pow((cost + essentialCost) / lower, 1 / q) - 1 <= relativeError {
        return (state.columnOfRow, state.price)
      }
      // Below this, ε is lost in the rounding of the costs: the assignment is as good as the
      // floating-point costs can tell.
      if epsilon < largest * 0x1p-60 { return (state.columnOfRow, state.price) }
      epsilon /= 5
    }
  }
}

/// The state of the forward auction of `Wasserstein.auction` (Gauss–Seidel: one bid at a time):
/// prices, owners and the bid oracles.
///
/// A point bidder finds its two best items among B's points with a `WeightedTree` (value = cost
/// + price) and compares them with its own diagonal copy; a diagonal bidder compares its own
/// point with the cheapest diagonal copies (an `IndexedMinHeap` of prices). A bid raises the
/// item's price by the bidder's margin (second − best) plus ε, so the winner's item is within ε
/// of its best (ε-complementary slackness), whatever other prices do afterwards (they only rise).
///
/// (Jacobi rounds — all waiting point bidders bidding at once against the same prices, their
/// tree queries on both cores, merged in bidder order — were tried: they needed about 60 % more
/// bids than one bid at a time on the benchmark diagrams, more than two cores win back.)
private struct Auction {
  let instance: AssignmentInstance
  private var pointPrices: WeightedTree
  private var diagonalPrices: IndexedMinHeap
  private(set) var price: [Double]
  private var owner: [Int32]
  private(set) var columnOfRow: [Int32]

  init(_ instance: AssignmentInstance) {
    self.instance = instance
    let size = instance.size
    pointPrices = WeightedTree(x: instance.bx, y: instance.by)
    diagonalPrices = IndexedMinHeap(keys: Array(repeating: 0, count: instance.n))
    price = Array(repeating: 0, count: size)
    owner = Array(repeating: -1, count: size)
    columnOfRow = Array(repeating: -1, count: size)
  }

  /// Unassigns everything and bids until the assignment is complete.
  mutating func runPhase(epsilon: Double) {
    let size = instance.size
    for k in 0..<size {
      owner[k] = -1
      columnOfRow[k] = -1
    }
    var waiting: [Int32] = (0..<size).reversed().map { Int32($0) }
    while let bidder = waiting.popLast() { bid(Int(bidder), epsilon: epsilon, waiting: &waiting) }
  }

  /// One bid of `bidder` at the current prices; an evicted owner joins `waiting`.
  private mutating func bid(_ bidder: Int, epsilon: Double, waiting: inout [Int32]) {
    let (n, m) = (instance.n, instance.m)
    var item: Int
    var best: Double
    var second: Double
    if bidder < n {
      let found = pointPrices.twoBest(
        from: instance.ax[bidder], instance.ay[bidder], ground: instance.ground)
      (item, best, second) = (found.id, found.best, found.second)
      let own = instance.aDiagonal[bidder] + price[m + bidder]
      if own < best {
        (item, second, best) = (m + bidder, best, own)
      } else if own < second {
        second = own
      }
    } else {
      let j = bidder - n
      let cheapest = diagonalPrices.twoLeast
      (item, best, second) = (m + cheapest.item, cheapest.key, cheapest.second)
      let own = instance.bDiagonal[j] + price[j]
      if own < best {
        (item, second, best) = (j, best, own)
      } else if own < second {
        second = own
      }
    }
    // At least one ulp: below the resolution of a large price, ε alone could vanish and two tied
    // bidders would outbid each other forever.
    let raised = max(price[item] + (second - best) + epsilon, price[item].nextUp)
    assign(item, to: bidder, at: raised, waiting: &waiting)
  }

  /// Gives `item` to `bidder` at price `raised`; its previous owner joins `waiting`.
  private mutating func assign(
    _ item: Int, to bidder: Int, at raised: Double, waiting: inout [Int32]
  ) {
    price[item] = raised
    if item < instance.m {
      pointPrices.setWeight(raised, of: item)
    } else {
      diagonalPrices.update(item - instance.m, to: raised)
    }
    let previous = Int(owner[item])
    owner[item] = Int32(bidder)
    columnOfRow[bidder] = Int32(item)
    if previous >= 0 {
      columnOfRow[previous] = -1
      waiting.append(Int32(previous))
    }
  }

  /// Per row of the complete assignment, its slack `c(r, σ(r)) + p(σ(r)) − min_col (c + p)`
  /// (clamped at 0) plus two ulps of its value, rounding's worst case: `C − Σ slack` is a lower
  /// bound on the optimum (see `Wasserstein.auction`). The point rows' queries run on all cores.
  func slacks() -> [Double] {
    let (n, m, size) = (instance.n, instance.m, instance.size)
    var slack = [Double](repeating: 0, count: size)
    let cheapestDiagonal = diagonalPrices.twoLeast.key
    let chunks = (size + 255) / 256
    let auction = self
    slack.withUnsafeMutableBufferPointer { buffer in
      nonisolated(unsafe) let output = buffer
      DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
        let instance = auction.instance
        for row in (chunk * 256)..<min(size, chunk * 256 + 256) {
          let column = Int(auction.columnOfRow[row])
          let value = instance.cost(row, column) + auction.price[column]
          let least: Double
          if row < n {
            let found = auction.pointPrices.twoBest(
              from: instance.ax[row], instance.ay[row], ground: instance.ground)
            least = min(instance.aDiagonal[row] + auction.price[m + row], found.best)
          } else {
            least = min(instance.bDiagonal[row - n] + auction.price[row - n], cheapestDiagonal)
          }
          output[row] = max(0, value - least) + 2 * value.ulp
        }
      }
    }
    return slack
  }
}
