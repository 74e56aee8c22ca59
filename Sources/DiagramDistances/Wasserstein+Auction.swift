import Foundation

extension Wasserstein {
  /// A near-optimal assignment by Bertsekas' forward auction (Gauss–Seidel: one bid at a time)
  /// with ε-scaling, on the restricted augmented graph, after Hera (Kerber, Morozov, Nigmetov
  /// 2017).
  ///
  /// A point bidder finds its two best items among B's points with a `WeightedTree` (value = cost
  /// + price) and compares them with its own diagonal copy; a diagonal bidder compares its own
  /// point with the cheapest diagonal copies (an `IndexedMinHeap` of prices). Each phase ends with
  /// a complete
  /// assignment of cost C satisfying ε-complementary slackness, hence `C − N·ε ≤ OPT ≤ C` with N
  /// bidders. Phases divide ε by 5, keeping prices, until
  /// `((C + E) / (C − N·ε + E))^(1/q) − 1 ≤ relativeError`, E being the (exact) essential cost,
  /// or C = 0 (then exact), or ε < 2⁻⁶⁰ times the largest cost (rounding then dominates).
  /// Returns `columnOfRow`. Memory O(n + m).
  static func auctionAssignment(
    _ instance: AssignmentInstance, relativeError: Double, essentialCost: Double
  ) -> [Int32] {
    auction(instance, relativeError: relativeError, essentialCost: essentialCost).columnOfRow
  }

  /// The auction's final assignment and item prices (the prices are near-optimal dual values,
  /// used to warm-start the exact solver).
  static func auction(
    _ instance: AssignmentInstance, relativeError: Double, essentialCost: Double
  ) -> (columnOfRow: [Int32], price: [Double]) {
    let (n, m, size) = (instance.n, instance.m, instance.size)
    let allToDiagonal = (0..<size).map { row in Int32(row < n ? m + row : row - n) }
    if n == 0 || m == 0 { return (allToDiagonal, Array(repeating: 0, count: size)) }
    let ground = instance.ground
    var pointPrices = WeightedTree(x: instance.bx, y: instance.by)
    var diagonalPrices = IndexedMinHeap(keys: Array(repeating: 0, count: n))
    var price = [Double](repeating: 0, count: size)
    var owner = [Int32](repeating: -1, count: size)
    var columnOfRow = [Int32](repeating: -1, count: size)
    let allX = instance.ax + instance.bx
    let allY = instance.ay + instance.by
    let extent = ground.norm(
      (allX.max() ?? 0) - (allX.min() ?? 0), (allY.max() ?? 0) - (allY.min() ?? 0))
    // No edge used by an optimal matching costs more than sending its ends to the diagonal.
    let largest = max(
      ground.power(extent), instance.aDiagonal.max() ?? 0, instance.bDiagonal.max() ?? 0)
    if largest == 0 { return (allToDiagonal, Array(repeating: 0, count: size)) }
    var epsilon = largest / 4
    var unassigned: [Int32] = []
    let q = ground.q
    while true {
      for k in 0..<size {
        owner[k] = -1
        columnOfRow[k] = -1
      }
      unassigned = (0..<size).reversed().map { Int32($0) }
      while let bidder32 = unassigned.popLast() {
        let bidder = Int(bidder32)
        var item: Int
        var best: Double
        var second: Double
        if bidder < n {
          let found = pointPrices.twoBest(
            from: instance.ax[bidder], instance.ay[bidder], ground: ground)
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
        // At least one ulp: below the resolution of a large price, ε alone could vanish and two
        // tied bidders would outbid each other forever.
        let raised = max(price[item] + (second - best) + epsilon, price[item].nextUp)
        price[item] = raised
        if item < m {
          pointPrices.setWeight(raised, of: item)
        } else {
          diagonalPrices.update(item - m, to: raised)
        }
        let previous = Int(owner[item])
        owner[item] = Int32(bidder)
        columnOfRow[bidder] = Int32(item)
        if previous >= 0 {
          columnOfRow[previous] = -1
          unassigned.append(Int32(previous))
        }
      }
      let cost = instance.totalCost(columnOfRow)
      if cost == 0 { return (columnOfRow, price) }
      let lower = cost - Double(size) * epsilon + essentialCost
      if lower > 0 && pow((cost + essentialCost) / lower, 1 / q) - 1 <= relativeError {
        return (columnOfRow, price)
      }
      // Below this, ε is lost in the rounding of the costs: the assignment is as good as the
      // floating-point costs can tell.
      if epsilon < largest * 0x1p-60 { return (columnOfRow, price) }
      epsilon /= 5
    }
  }
}
