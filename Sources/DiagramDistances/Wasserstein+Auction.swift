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
  /// best (`Auction`). Phases divide ε by 5 (or less, below) until the **duality certificate**
  /// (`AssignmentInstance.slacks`) proves the relative error: for any prices p,
  ///
  ///     OPT ≥ D = Σ_rows min_col (c + p) − Σ_cols p = C − Σ_rows slack_r,
  ///
  /// and the auction stops once `((C + E) / (D + E))^(1/q) − 1 ≤ relativeError`, E the (exact)
  /// essential cost. ε-complementary slackness only says `slack_r ≤ ε`, i.e. `D ≥ C − N·ε` with
  /// N bidders; the measured slacks are well below ε for most bidders, so the certificate often
  /// ends the auction a phase (the most expensive one) earlier than the bound `C − N·ε` would.
  ///
  /// Cheaper ways to the same guarantee (near-diagonal diagrams at q = 2 spend most of their
  /// time in the last phases, tens of bids per bidder each):
  /// - **Tightened prices.** When the measured gap is within 16 times the allowed one, the
  ///   bound is also evaluated at the tightened prices (`AssignmentInstance.tightened`, which
  ///   never lower it); that usually removes most of the gap and with it the last phase.
  ///   Further from the target it would cost two passes of queries for nothing.
  /// - **A last ε from the gap.** The gap shrinks about in proportion to ε, so after a
  ///   tightened bound the next ε aims at half the allowed gap when that is coarser (cheaper)
  ///   than ε / 5; the stopping test is unchanged, a wrong guess only costs one more phase.
  ///
  /// (Keeping, from one phase to the next, the assignments whose measured slack is already
  /// within the new ε — valid, since an auction may start from any partial assignment with
  /// ε-complementary slackness — was tried: on the 100k benchmark diagrams at q = 2 it took the
  /// near-diagonal pair from 66 s to 58 s but the `exp` pair from 31 s to 47 s.)
  ///
  /// The auction also stops when C = 0 (exact) or ε < 2⁻⁶⁰ times the largest cost (rounding
  /// then dominates). Memory O(n + m); the certificate's queries run on all cores, each row on
  /// its own, so the result does not depend on the number of threads.
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
      let measured = instance.slacks(state.columnOfRow, price: state.price)
      let total = cost + essentialCost
      var lower = total - measured.reduce(0, +)
      let allowedGap = total - total * pow(1 + relativeError, -q)
      var tightened = false
      if total - lower > allowedGap && total - lower < 16 * allowedGap {
        let tight = instance.slacks(
          state.columnOfRow, price: instance.tightened(price: state.price))
        lower = max(lower, total - tight.reduce(0, +))
        tightened = true
      }
      if lower > 0 && pow(total / lower, 1 / q) - 1 <= relativeError {
        return (state.columnOfRow, state.price)
      }
      // Below this, ε is lost in the rounding of the costs: the assignment is as good as the
      // floating-point costs can tell.
      if epsilon < largest * 0x1p-60 { return (state.columnOfRow, state.price) }
      // See "A last ε from the gap" above.
      let aimed = tightened ? epsilon * 0.5 * allowedGap / (total - lower) : 0
      epsilon = max(epsilon / 5, aimed)
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
}
