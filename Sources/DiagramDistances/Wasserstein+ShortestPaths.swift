extension Wasserstein {
  /// Candidate point-to-point edges kept per point row of the sparse exact solver (more are added
  /// where the global check finds a violated dual constraint).
  static let candidatesPerRow = 8

  /// An optimal assignment for large diagrams: successive shortest paths on a sparse candidate
  /// graph (`TransportFlow`), checked against every pair.
  ///
  /// 1. A short auction (relative error 10⁻³) gives near-optimal prices: the potentials of B's
  ///    points start at minus those prices, shifted so that the diagonal hub E is at 0.
  /// 2. Each point of A keeps its `candidatesPerRow` best points of B by reduced cost (weighted
  ///    k-nearest-neighbour queries), plus its arc to the diagonal.
  /// 3. The sparse flow problem is solved exactly, warm-started from those potentials.
  /// 4. Optimality on the full graph is verified: every arc `a_i → b_j` must have a reduced cost
  ///    `cost + π_{a_i} − π_{b_j} ≥ 0`, checked per point of A by one weighted nearest-neighbour
  ///    query. Points that violate it get twice as many candidates (at most all m points of B)
  ///    and step 3 repeats.
  /// Exact up to floating-point rounding (violations below 10⁻¹² of the largest cost are
  /// ignored); O((n + m)·k) memory.
  ///
  /// Precision: potentials are only defined up to a common constant, and the auction's prices
  /// all climb towards the largest cost (≈ 10¹² for q = 2 when coordinates reach 10⁶), where a
  /// cost of 10⁻¹² is far below their rounding. Anchoring E at 0 keeps every optimal potential on
  /// the scale of its own point's costs (a point matched to the diagonal has potential minus its
  /// diagonal cost), so reduced costs of small points stay accurate.
  ///
  /// Termination: a point whose candidates are already all of B cannot violate its constraints
  /// except by rounding (the flow is optimal on all of its arcs), so it is never extended again.
  /// The candidate count doubles up to m; from then on every round completes at least one more
  /// point, so there are at most ⌈log₂(m / k)⌉ + n + 1 rounds, the worst case ending with the
  /// exact problem on complete rows.
  static func shortestPathAssignment(_ instance: AssignmentInstance) -> [Int32] {
    let (n, m, size) = (instance.n, instance.m, instance.size)
    if size == 0 { return [] }
    if n == 0 || m == 0 { return (0..<size).map { row in Int32(row < n ? m + row : row - n) } }
    let warm = auction(instance, relativeError: 1e-3, essentialCost: 0)
    let anchor = warm.price[m...].max() ?? 0
    var pointPotential = warm.price[0..<m].map { anchor - $0 }
    var diagonalPotential = 0.0
    var candidates = [[Int32]](repeating: [], count: n)
    var rowsToExtend = Array(0..<n)
    var perRow = min(candidatesPerRow, m)
    let largest = max(instance.aDiagonal.max() ?? 0, instance.bDiagonal.max() ?? 0)
    let tolerance = largest * 1e-12
    while true {
      var tree = WeightedTree(x: instance.bx, y: instance.by, weights: pointPotential.map { -$0 })
      for i in rowsToExtend {
        let found = tree.best(perRow, from: instance.ax[i], instance.ay[i], ground: instance.ground)
        candidates[i] = Array(Set(candidates[i] + found.map { Int32($0.id) })).sorted()
      }
      var flow = TransportFlow(
        instance, candidates: candidates, pointPotential: pointPotential,
        diagonalPotential: diagonalPotential)
      flow.solve()
      pointPotential = Array(flow.potential[n..<(n + m)])
      diagonalPotential = flow.potential[n + m + 1]
      // Optimal on the full graph iff no arc a_i → b_j has a negative reduced cost.
      tree = WeightedTree(x: instance.bx, y: instance.by, weights: pointPotential.map { -$0 })
      rowsToExtend = (0..<n).filter { i in
        guard candidates[i].count < m else { return false }
        let best = tree.twoBest(from: instance.ax[i], instance.ay[i], ground: instance.ground).best
        return best + flow.potential[i] < -tolerance
      }
      if rowsToExtend.isEmpty { return flow.columnOfRow }
      perRow = min(2 * perRow, m)
    }
  }
}

/// A binary min-heap of (key, entry) pairs with lazy deletion, for Dijkstra.
struct MinQueue {
  private var keys: [Double] = []
  private var entries: [Int32] = []

  mutating func removeAll() {
    keys.removeAll(keepingCapacity: true)
    entries.removeAll(keepingCapacity: true)
  }

  mutating func push(_ key: Double, _ entry: Int32) {
    keys.append(key)
    entries.append(entry)
    var child = keys.count - 1
    while child > 0 {
      let parent = (child - 1) / 2
      if keys[parent] <= key { break }
      keys.swapAt(parent, child)
      entries.swapAt(parent, child)
      child = parent
    }
  }

  mutating func pop() -> (Double, Int32)? {
    guard let first = keys.first else { return nil }
    let top = (first, entries[0])
    let lastKey = keys.removeLast()
    let lastEntry = entries.removeLast()
    if !keys.isEmpty {
      var position = 0
      let count = keys.count
      while true {
        var child = 2 * position + 1
        if child >= count { break }
        if child + 1 < count && keys[child + 1] < keys[child] { child += 1 }
        if keys[child] >= lastKey { break }
        keys[position] = keys[child]
        entries[position] = entries[child]
        position = child
      }
      keys[position] = lastKey
      entries[position] = lastEntry
    }
    return top
  }
}
