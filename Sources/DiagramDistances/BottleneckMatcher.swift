/// The decision oracle of the bottleneck distance: is there a perfect matching of the augmented
/// graph that uses only edges of length ≤ r?
///
/// The graph is the restricted reduction of Kerber, Morozov and Nigmetov (2017). Left vertices are
/// the points
/// `a_i` of A (ids `0..<n`) and the diagonal copies `b̄_j` of B's points (ids `n + j`); right
/// vertices are the points `b_j` of B (ids `0..<m`) and the diagonal copies `ā_i` (ids `m + i`).
/// Edges: `a_i–b_j` of L∞ length; `a_i–ā_i` and `b̄_j–b_j` of length half the persistence;
/// `b̄_j–ā_i` of length 0 for every pair.
///
/// Hopcroft–Karp with geometric neighbour search (Efrat–Itai–Katz, as in Hera): each phase builds
/// the BFS layers from all free left vertices with a `RangeTree` over B that removes what it
/// reports, so every vertex enters once; then a DFS finds vertex-disjoint shortest augmenting
/// paths using one `RangeTree` per layer. Diagonal copies, all alike for a `b̄`, are handed out
/// from lists. The matching is kept between calls: a smaller r only drops the edges longer than r.
struct BottleneckMatcher {
  let ax: [Double], ay: [Double], bx: [Double], by: [Double]
  /// Half persistence of each point: its L∞ distance to the diagonal.
  let aHalf: [Double], bHalf: [Double]

  /// `(d − b) / 2`, finite for finite `b ≤ d`: when `d − b` overflows (1e308 − (−1e308)),
  /// `d/2 − b/2` does not (each half is at most max/2), and is then exact up to one rounding.
  static func half(_ b: Double, _ d: Double) -> Double {
    let span = d - b
    return span.isFinite ? span * 0.5 : d * 0.5 - b * 0.5
  }
  var n: Int { ax.count }
  var m: Int { bx.count }
  private var tree: RangeTree
  /// Partner of each left vertex (right id or −1), and of each right vertex.
  private(set) var mateOfLeft: [Int32]
  private(set) var mateOfRight: [Int32]
  // Per-phase scratch.
  private var layerOfRight: [Int32]
  private var localIndex: [Int32]
  private var found: [Int32] = []

  init(ax: [Double], ay: [Double], bx: [Double], by: [Double]) {
    self.ax = ax; self.ay = ay; self.bx = bx; self.by = by
    aHalf = zip(ax, ay).map { BottleneckMatcher.half($0, $1) }
    bHalf = zip(bx, by).map { BottleneckMatcher.half($0, $1) }
    tree = RangeTree(x: bx, y: by)
    let size = ax.count + bx.count
    mateOfLeft = Array(repeating: -1, count: size)
    mateOfRight = Array(repeating: -1, count: size)
    layerOfRight = Array(repeating: -1, count: size)
    localIndex = Array(repeating: -1, count: bx.count)
  }

  /// The length of the edge between left vertex `u` and right vertex `v` (+∞ if absent).
  func length(_ u: Int, _ v: Int) -> Double {
    switch (u < n, v < m) {
    case (true, true): return max(abs(bx[v] - ax[u]), abs(by[v] - ay[u]))
    case (true, false): return v - m == u ? aHalf[u] : .infinity
    case (false, true): return u - n == v ? bHalf[v] : .infinity
    case (false, false): return 0
    }
  }

  /// The longest edge of the current (perfect) matching.
  func longestEdge() -> Double {
    var longest = 0.0
    for u in 0..<(n + m) where mateOfLeft[u] >= 0 {
      longest = max(longest, length(u, Int(mateOfLeft[u])))
    }
    return longest
  }

  /// Whether a perfect matching with every edge ≤ r exists; on success the matching is stored.
  mutating func isPerfectlyMatchable(within r: Double) -> Bool {
    let size = n + m
    // Keep the point edges ≤ r, then match greedily along the diagonal edges; the interchangeable
    // copy–copy edges are rebuilt from scratch.
    for u in 0..<size where mateOfLeft[u] >= 0 {
      let v = Int(mateOfLeft[u])
      if (u >= n && v >= m) || length(u, v) > r {
        mateOfRight[v] = -1
        mateOfLeft[u] = -1
      }
    }
    for i in 0..<n where mateOfLeft[i] < 0 && aHalf[i] <= r { link(i, m + i) }
    for j in 0..<m where mateOfRight[j] < 0 && bHalf[j] <= r { link(n + j, j) }
    var freeCopy = m
    for j in 0..<m where mateOfLeft[n + j] < 0 {
      while freeCopy < size && mateOfRight[freeCopy] >= 0 { freeCopy += 1 }
      if freeCopy == size { break }
      link(n + j, freeCopy)
    }
    while true {
      let freeLeft = (0..<size).filter { mateOfLeft[$0] < 0 }
      if freeLeft.isEmpty { return true }
      if augmentationPhase(from: freeLeft, within: r) == 0 { return false }
    }
  }

  private mutating func link(_ u: Int, _ v: Int) {
    mateOfLeft[u] = Int32(v)
    mateOfRight[v] = Int32(u)
  }

  /// The right vertices of one BFS layer: B's points (with their own range tree) and copies.
  private struct Layer {
    var points: [Int32] = []
    var copies: [Int32] = []
    var tree: RangeTree? = nil
  }

  /// One Hopcroft–Karp phase; returns the number of augmenting paths applied.
  private mutating func augmentationPhase(from roots: [Int], within r: Double) -> Int {
    let size = n + m
    // BFS: layer k holds the right vertices first reached from left vertices at depth k.
    tree.restoreAll()
    for v in 0..<size { layerOfRight[v] = -1 }
    var layers: [Layer] = []
    var frontier = roots.map { Int32($0) }
    var nextCopy = m  // copies below nextCopy have been reached
    var reachedFree = false
    while !frontier.isEmpty && !reachedFree {
      let depth = Int32(layers.count)
      var layer = Layer()
      var next: [Int32] = []
      func reach(_ v: Int, _ matcher: inout BottleneckMatcher) {
        matcher.layerOfRight[v] = depth
        if v < matcher.m { layer.points.append(Int32(v)) } else { layer.copies.append(Int32(v)) }
        let w = matcher.mateOfRight[v]
        if w < 0 { reachedFree = true } else { next.append(w) }
      }
      for u32 in frontier {
        let u = Int(u32)
        if u < n {
          found.removeAll(keepingCapacity: true)
          tree.removeAll(within: r, of: ax[u], ay[u], into: &found)
          for v in found { reach(Int(v), &self) }
          if aHalf[u] <= r && layerOfRight[m + u] < 0 { reach(m + u, &self) }
        } else {
          let j = u - n
          if bHalf[j] <= r && layerOfRight[j] < 0 {
            tree.remove(id: j)
            reach(j, &self)
          }
          while nextCopy < size {
            if layerOfRight[nextCopy] < 0 { reach(nextCopy, &self) }
            nextCopy += 1
          }
        }
      }
      if !layer.points.isEmpty {
        let xs = layer.points.map { bx[Int($0)] }
        let ys = layer.points.map { by[Int($0)] }
        for (local, v) in layer.points.enumerated() { localIndex[Int(v)] = Int32(local) }
        layer.tree = RangeTree(x: xs, y: ys)
      }
      layers.append(layer)
      frontier = next
    }
    if !reachedFree { return 0 }
    // DFS along the layers for vertex-disjoint shortest augmenting paths.
    let last = layers.count - 1
    var used = [Bool](repeating: false, count: size)
    var augmented = 0
    var path: [(left: Int32, right: Int32)] = []
    for root in roots {
      path.removeAll(keepingCapacity: true)
      var u = root
      while true {
        let depth = path.count
        var chosen = -1
        // Own diagonal edge first, then B's points of this layer, then any copy of this layer.
        if u < n {
          let v = m + u
          if aHalf[u] <= r && layerOfRight[v] == depth && !used[v]
            && (depth < last || mateOfRight[v] < 0)
          {
            chosen = v
          }
          while chosen < 0, let local = layers[depth].tree?.removeAny(within: r, of: ax[u], ay[u]) {
            let v = Int(layers[depth].points[local])
            if used[v] { continue }
            used[v] = true
            if depth < last || mateOfRight[v] < 0 { chosen = v }
          }
        } else {
          let j = u - n
          if bHalf[j] <= r && layerOfRight[j] == depth && !used[j] {
            layers[depth].tree?.remove(id: Int(localIndex[j]))
            used[j] = true
            if depth < last || mateOfRight[j] < 0 { chosen = j }
          }
          while chosen < 0, let v32 = layers[depth].copies.popLast() {
            let v = Int(v32)
            if used[v] { continue }
            used[v] = true
            if depth < last || mateOfRight[v] < 0 { chosen = v }
          }
        }
        if chosen >= 0 {
          used[chosen] = true
          path.append((Int32(u), Int32(chosen)))
          let w = Int(mateOfRight[chosen])
          if w < 0 {
            for step in path { link(Int(step.left), Int(step.right)) }
            augmented += 1
            break
          }
          u = w
        } else {
          // Dead end: u cannot reach a free vertex; back up to its predecessor.
          guard let step = path.popLast() else { break }
          u = Int(step.left)
        }
      }
    }
    return augmented
  }
}
