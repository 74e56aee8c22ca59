/// The exact Wasserstein matching as a min-cost flow with two diagonal hubs, solved by successive
/// shortest paths (Dijkstra with node potentials) on a sparse candidate graph.
///
/// Nodes: the points `a_i` (supply 1) and `b_j` (demand 1) and two hubs: `D`, the diagonal as
/// seen from B (supply m), and `E`, the diagonal as seen from A (demand n). Arcs: `a_i → b_j`
/// (ground cost; candidates only), `a_i → E` (cost to the diagonal of `a_i`), `D → b_j` (cost
/// to the diagonal of `b_j`), `D → E` (cost 0, unbounded). This is the restricted augmented
/// graph with all diagonal copies of each side merged into one node, so a Dijkstra never
/// fans out over thousands of interchangeable copies: the arcs leaving a hub are visited lazily
/// in order of reduced cost from an `IndexedMinHeap`.
///
/// Reduced costs `c(u → v) + π_u − π_v` stay ≥ 0 on residual arcs; each Dijkstra runs from one
/// node with excess to the nearest node with deficit, updates the potentials of the finalised
/// nodes only, and augments one unit. Time O((n + m)·explored·log), memory O(n + m + arcs).
struct TransportFlow {
  let instance: AssignmentInstance
  let candidates: [[Int32]]
  var n: Int { instance.n }
  var m: Int { instance.m }
  var hubD: Int { instance.n + instance.m }
  var hubE: Int { instance.n + instance.m + 1 }

  /// Node potentials: `a_i` at `i`, `b_j` at `n + j`, then `D`, `E`.
  private(set) var potential: [Double]
  /// `targetOfA[i]`: j, −2 for E, −1 while `a_i` still holds its unit.
  private(set) var targetOfA: [Int32]
  /// `supplierOfB[j]`: i, −2 for D, −1 while `b_j` is unsupplied.
  private(set) var supplierOfB: [Int32]
  private var flowDToE = 0
  private var supplyOfD: Int
  private var demandOfE: Int
  /// Points of B that D may still supply, keyed by `cost(b_j, Δ) − π_{b_j}`.
  private var fanOfD: IndexedMinHeap
  /// Points of A sending to E, keyed by `−cost(a_i, Δ) − π_{a_i}` (the reverse arcs `E → a_i`).
  private var fanOfE: IndexedMinHeap
  // Dijkstra scratch, reset through `touched`.
  private var distance: [Double]
  private var predecessor: [Int32]
  private var finalized: [Bool]
  private var queue = MinQueue()

  /// A flow problem whose `b_j` potentials start at `pointPotential` (near-optimal duals, e.g.
  /// minus the auction's prices); the other potentials are made feasible from them.
  init(
    _ instance: AssignmentInstance, candidates: [[Int32]], pointPotential: [Double],
    diagonalPotential: Double
  ) {
    self.instance = instance
    self.candidates = candidates
    let (n, m) = (instance.n, instance.m)
    var potential = [Double](repeating: 0, count: n + m + 2)
    for j in 0..<m { potential[n + j] = pointPotential[j] }
    potential[n + m + 1] = diagonalPotential
    for i in 0..<n {
      var least = instance.aDiagonal[i] - diagonalPotential
      for j32 in candidates[i] {
        let j = Int(j32)
        least = min(
          least,
          instance.ground.cost(instance.ax[i], instance.ay[i], instance.bx[j], instance.by[j])
            - pointPotential[j])
      }
      potential[i] = -least
    }
    var hub = diagonalPotential
    for j in 0..<m { hub = max(hub, pointPotential[j] - instance.bDiagonal[j]) }
    potential[n + m] = hub
    self.potential = potential
    targetOfA = Array(repeating: -1, count: n)
    supplierOfB = Array(repeating: -1, count: m)
    supplyOfD = m
    demandOfE = n
    fanOfD = IndexedMinHeap(keys: (0..<m).map { instance.bDiagonal[$0] - potential[n + $0] })
    fanOfE = IndexedMinHeap(keys: (0..<n).map { -instance.aDiagonal[$0] - potential[$0] })
    for i in 0..<n { fanOfE.remove(i) }
    distance = Array(repeating: .infinity, count: n + m + 2)
    predecessor = Array(repeating: -1, count: n + m + 2)
    finalized = Array(repeating: false, count: n + m + 2)
  }

  /// Sends every unit: after this, every point is matched or sent to the diagonal optimally (for
  /// the candidate arcs).
  mutating func solve() {
    for i in 0..<n where targetOfA[i] < 0 { augment(from: i) }
    while supplyOfD > 0 { augment(from: hubD) }
  }

  /// The assignment in the row/column form of `AssignmentInstance` (copies paired arbitrarily).
  var columnOfRow: [Int32] {
    var result = [Int32](repeating: -1, count: n + m)
    var freeCopies: [Int32] = []
    for i in 0..<n {
      let target = Int(targetOfA[i])
      if target >= 0 { result[i] = Int32(target) } else { result[i] = Int32(m + i) }
      if target >= 0 { freeCopies.append(Int32(m + i)) }
    }
    for j in 0..<m {
      if supplierOfB[j] == -2 {
        result[n + j] = Int32(j)
      } else {
        result[n + j] = freeCopies.removeLast()
      }
    }
    return result
  }

  @inline(__always)
  private func pointCost(_ i: Int, _ j: Int) -> Double {
    instance.ground.cost(instance.ax[i], instance.ay[i], instance.bx[j], instance.by[j])
  }

  private mutating func augment(from source: Int) {
    var touched: [Int32] = []
    var removedFromD: [Int32] = []
    var removedFromE: [Int32] = []
    var baseOfD = Double.infinity  // d(D) + π_D once D is scanned
    var baseOfE = Double.infinity
    queue.removeAll()

    func relax(_ v: Int, _ value: Double, from u: Int, _ s: inout TransportFlow) {
      if s.finalized[v] || value >= s.distance[v] { return }
      if s.distance[v] == .infinity { touched.append(Int32(v)) }
      s.distance[v] = value
      s.predecessor[v] = Int32(u)
      s.queue.push(value, Int32(v))
    }
    /// The next unfinalised member of a hub's fan, as a queue entry (−1 for D, −2 for E).
    func pushFan(_ hub: Int32, _ s: inout TransportFlow) {
      if hub == -1 {
        guard baseOfD < .infinity else { return }
        while let top = s.fanOfD.top, s.finalized[s.n + top] {
          s.fanOfD.remove(top); removedFromD.append(Int32(top))
        }
        if let top = s.fanOfD.top { s.queue.push(baseOfD + s.fanOfD.key[top], -1) }
      } else {
        guard baseOfE < .infinity else { return }
        while let top = s.fanOfE.top, s.finalized[top] {
          s.fanOfE.remove(top); removedFromE.append(Int32(top))
        }
        if let top = s.fanOfE.top { s.queue.push(baseOfE + s.fanOfE.key[top], -2) }
      }
    }
    func scan(_ u: Int, _ s: inout TransportFlow) {
      let d = s.distance[u]
      let pu = s.potential[u]
      if u < s.n {
        let i = u
        let target = Int(s.targetOfA[i])
        for j32 in s.candidates[i] where Int(j32) != target {
          let j = Int(j32)
          relax(s.n + j, d + s.pointCost(i, j) + pu - s.potential[s.n + j], from: u, &s)
        }
        if target != -2 {
          relax(s.hubE, d + s.instance.aDiagonal[i] + pu - s.potential[s.hubE], from: u, &s)
        }
      } else if u < s.hubD {
        let j = u - s.n
        let supplier = Int(s.supplierOfB[j])
        if supplier >= 0 {
          relax(supplier, d - s.pointCost(supplier, j) + pu - s.potential[supplier], from: u, &s)
        } else if supplier == -2 {
          relax(s.hubD, d - s.instance.bDiagonal[j] + pu - s.potential[s.hubD], from: u, &s)
        }
      } else if u == s.hubD {
        relax(s.hubE, d + pu - s.potential[s.hubE], from: u, &s)
        baseOfD = d + pu
        pushFan(-1, &s)
      } else {
        if s.flowDToE > 0 { relax(s.hubD, d + pu - s.potential[s.hubD], from: u, &s) }
        baseOfE = d + pu
        pushFan(-2, &s)
      }
    }
    func isSink(_ v: Int, _ s: TransportFlow) -> Bool {
      if v == s.hubE { return s.demandOfE > 0 }
      return v >= s.n && v < s.hubD && s.supplierOfB[v - s.n] == -1
    }

    distance[source] = 0
    touched.append(Int32(source))
    var finalizedNodes: [Int32] = []
    var sink = -1
    var current = source
    while true {
      finalized[current] = true
      finalizedNodes.append(Int32(current))
      if current != source && isSink(current, self) {
        sink = current
        break
      }
      scan(current, &self)
      // A finalised member may have been the next of its hub's fan.
      if current >= n && current < hubD { pushFan(-1, &self) }
      if current < n { pushFan(-2, &self) }
      // Next node: the least entry that is still current.
      var next = -1
      while let (key, entry) = queue.pop() {
        if entry >= 0 {
          let v = Int(entry)
          if finalized[v] || key > distance[v] { continue }
          next = v
          break
        }
        let fromD = entry == -1
        let top: Int? = fromD ? fanOfD.top : fanOfE.top
        guard let member = top else { continue }
        let node = fromD ? n + member : member
        if finalized[node] { pushFan(entry, &self); continue }
        let value = (fromD ? baseOfD + fanOfD.key[member] : baseOfE + fanOfE.key[member])
        if value != key { queue.push(value, entry); continue }
        relax(node, key, from: fromD ? hubD : hubE, &self)
        if distance[node] == key && !finalized[node] {
          next = node
          break
        }
      }
      precondition(next >= 0, "the transport problem always has a feasible augmenting path")
      current = next
    }
    let shortest = distance[sink]
    for v32 in finalizedNodes {
      let v = Int(v32)
      potential[v] += distance[v] - shortest
    }
    // Augment one unit along the predecessor chain, from the sink back to the source.
    var v = sink
    while v != source {
      let u = Int(predecessor[v])
      apply(from: u, to: v)
      v = u
    }
    if source == hubD { supplyOfD -= 1 }
    if sink == hubE { demandOfE -= 1 }
    for v32 in finalizedNodes {
      let v = Int(v32)
      if v < n { fanOfE.update(v, to: -instance.aDiagonal[v] - potential[v]) }
      if v >= n && v < hubD { fanOfD.update(v - n, to: instance.bDiagonal[v - n] - potential[v]) }
    }
    for j32 in removedFromD where supplierOfB[Int(j32)] != -2 { fanOfD.insert(Int(j32)) }
    for i32 in removedFromE where targetOfA[Int(i32)] == -2 { fanOfE.insert(Int(i32)) }
    for v32 in touched {
      distance[Int(v32)] = .infinity
      finalized[Int(v32)] = false
    }
  }

  /// Pushes one unit along the residual arc `u → v`.
  private mutating func apply(from u: Int, to v: Int) {
    switch (
      u < n ? 0 : u < hubD ? 1 : u == hubD ? 2 : 3, v < n ? 0 : v < hubD ? 1 : v == hubD ? 2 : 3
    ) {
    case (0, 1):  // a_i → b_j
      targetOfA[u] = Int32(v - n)
      supplierOfB[v - n] = Int32(u)
    case (0, 3):  // a_i → E
      targetOfA[u] = -2
      fanOfE.insert(u)
    case (2, 1):  // D → b_j
      supplierOfB[v - n] = -2
      fanOfD.remove(v - n)
    case (2, 3):  // D → E
      flowDToE += 1
    case (1, 0), (3, 0):  // b_j → a_i or E → a_i: cancelled; a_i's new target is set by its next arc
      if u == hubE { fanOfE.remove(v) }
    case (1, 2):  // b_j → D: cancelled; b_j's new supplier was set by its previous arc
      fanOfD.insert(u - n)
    case (3, 2):  // E → D
      flowDToE -= 1
    default:
      preconditionFailure("no arc \(u) → \(v)")
    }
  }
}
