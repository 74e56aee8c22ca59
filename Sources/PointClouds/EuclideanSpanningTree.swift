/// An edge of a spanning tree: two point indices and their squared Euclidean distance.
package struct SpanningEdge: Sendable, Equatable, Comparable {
  /// ``squaredEuclidean(_:_:dimension:)`` of the two points' float64 coordinates.
  package var squaredLength: Double
  /// The smaller point index.
  package var first: Int
  /// The larger point index.
  package var second: Int

  package init(squaredLength: Double, first: Int, second: Int) {
    self.squaredLength = squaredLength
    self.first = first
    self.second = second
  }

  /// The total order of edges: by squared length, then by indices (ties broken the same way
  /// everywhere, so the tree is unique and does not depend on the number of threads).
  package static func < (a: SpanningEdge, b: SpanningEdge) -> Bool {
    (a.squaredLength, a.first, a.second) < (b.squaredLength, b.first, b.second)
  }
}

/// The exact Euclidean minimum spanning tree of a point cloud, without a distance matrix: memory
/// O(n (d + k)), and the enclosing radius on request.
///
/// Borůvka's algorithm with a cache of neighbours, searched on ``BoundedSquaredDistanceTiles`` —
/// or, in low dimension (``KDTree/isPreferred(dimension:count:)``), on a ``KDTree`` whose nodes
/// inside the query's own component are skipped:
/// 1. one search gives every point its k nearest other points, exactly (on tiles, float32 bounds
///    decide almost every pair; the few that may matter are recomputed in float64);
/// 2. Borůvka rounds then run on these lists alone: a component's cheapest outgoing edge is the
///    least first-listed outside neighbour of its members, and it is *certain* when every member
///    whose list holds only points of its own component has a last entry after that edge (the
///    unlisted points of such a member are further still). Certain edges are added (the cut
///    property, edges totally ordered by ``SpanningEdge``), components merge, and rounds go on
///    while any edge is certain;
/// 3. when none is, the members that blocked a certainty get a fresh list of their k nearest
///    points *outside* their component (one tiled pass over those points only), and step 2
///    resumes.
/// Edge lengths are ``squaredEuclidean(_:_:dimension:)`` of the float64 coordinates, the value
/// every exact path of the package computes, so Kruskal on the full distance matrix gives the
/// same multiset of lengths (and, ties broken by indices, the same tree).
///
/// The enclosing radius r² = minᵢ maxⱼ |xᵢ − xⱼ|²: on the k-d tree, from farthest-first searches
/// that stop at the best maximum found so far; on tiles, from the first pass, which also bounds
/// each point's largest squared distance from below and above: only the points whose lower bound
/// is at most the smallest upper bound can attain the minimum, and their rows are then computed
/// exactly (stopping as soon as a row exceeds the best found).
package struct EuclideanSpanningTree: Sendable {
  /// The n − 1 edges (none for n ≤ 1), in increasing order.
  package let edges: [SpanningEdge]
  /// The smallest over points of the largest squared distance to any point (the square of
  /// Ripser's enclosing radius), when asked for; 0 for one point.
  package let squaredEnclosingRadius: Double?

  /// Neighbours kept per point.
  package static let listLength = 16

  /// The tree of `cloud`, and its squared enclosing radius when `enclosingRadius` is set.
  /// - Precondition: finite coordinates.
  /// - Parameter progress: told after each block of the tiled passes (phase "distances").
  package init(_ cloud: PointCloud, enclosingRadius: Bool = false, progress: ProgressHandler? = nil)
  {
    let n = cloud.count
    guard n >= 2 else {
      edges = []
      squaredEnclosingRadius = enclosingRadius ? 0 : nil
      return
    }
    let k = min(Self.listLength, n - 1)
    var lists = NeighborLists(count: n, k: k)
    var components = Components(count: n)
    let tree = KDTree.isPreferred(dimension: cloud.dimension, count: n) ? KDTree(cloud) : nil
    let first = OutsideNeighbors(
      cloud, queries: (0..<Int32(n)).map { $0 }, labels: (0..<Int32(n)).map { $0 }, k: k,
      eccentricityBounds: enclosingRadius && tree == nil, tree: tree, progress: progress)
    lists.replace(with: first)
    if !enclosingRadius {
      squaredEnclosingRadius = nil
    } else if let tree {
      squaredEnclosingRadius = tree.smallestEccentricity(cloud)
    } else {
      squaredEnclosingRadius = Self.smallestEccentricity(cloud, bounds: first.farthest)
    }
    var edges: [SpanningEdge] = []
    edges.reserveCapacity(n - 1)
    while true {
      let blocked = Self.boruvkaRounds(&lists, &components, &edges)
      if blocked.isEmpty { break }
      lists.replace(
        with: OutsideNeighbors(
          cloud, queries: blocked, labels: components.flatten(), k: k, eccentricityBounds: false,
          tree: tree, progress: progress))
    }
    edges.sort()
    self.edges = edges
  }

  /// Borůvka rounds on the lists while any component's cheapest outgoing edge is certain. Returns
  /// the points whose lists must be searched again (empty once the tree is complete).
  static func boruvkaRounds(
    _ lists: inout NeighborLists, _ components: inout Components, _ edges: inout [SpanningEdge]
  ) -> [Int32] {
    let n = lists.count
    while true {
      let labels = components.flatten()
      guard components.count > 1 else { return [] }
      // Per component: the cheapest listed outgoing edge and the earliest blocking bound.
      var cheapest = [SpanningEdge?](repeating: nil, count: n)
      var blocking = [SpanningEdge?](repeating: nil, count: n)
      for p in 0..<n {
        let own = Int(labels[p])
        switch lists.firstOutside(of: p, labels: labels) {
        case .edge(let edge):
          if cheapest[own].map({ edge < $0 }) ?? true { cheapest[own] = edge }
        case .exhausted(let last):
          if blocking[own].map({ last < $0 }) ?? true { blocking[own] = last }
        case .complete:
          break
        }
      }
      var added = false
      for c in 0..<n {
        guard let edge = cheapest[c] else { continue }
        if let bound = blocking[c], !(edge < bound) { continue }
        if components.union(edge.first, edge.second) {
          edges.append(edge)
          added = true
        }
      }
      if added { continue }
      // Nothing certain: the members that block their component search again.
      var blocked: [Int32] = []
      for p in 0..<n {
        let own = Int(labels[p])
        guard case .exhausted(let last) = lists.firstOutside(of: p, labels: labels) else {
          continue
        }
        if cheapest[own].map({ last < $0 }) ?? true { blocked.append(Int32(p)) }
      }
      precondition(!blocked.isEmpty, "Borůvka stalled")
      return blocked
    }
  }

  /// minᵢ maxⱼ |xᵢ − xⱼ|², from per-point bounds on maxⱼ |xᵢ − xⱼ|².
  static func smallestEccentricity(_ cloud: PointCloud, bounds: [ClosedRange<Double>]) -> Double {
    let ceiling = bounds.lazy.map(\.upperBound).min()!
    let candidates = bounds.indices.filter { bounds[$0].lowerBound <= ceiling }
      .sorted { (bounds[$0].lowerBound, $0) < (bounds[$1].lowerBound, $1) }
    let n = cloud.count
    let d = cloud.dimension
    var best = Double.infinity
    var witness = 0
    return cloud.withUnsafeCoordinates { coordinates in
      let base = coordinates.baseAddress!
      for i in candidates {
        if bounds[i].lowerBound >= best { break }
        // The last row's farthest point first: it often ends the row at once.
        var farthest = squaredEuclidean(base + i * d, base + witness * d, dimension: d)
        var j = 0
        while j < n && farthest < best {
          let value = squaredEuclidean(base + i * d, base + j * d, dimension: d)
          if value > farthest {
            farthest = value
            witness = j
          }
          j += 1
        }
        best = min(best, farthest)
      }
      return best
    }
  }
}

/// Every point's sorted list of neighbours (see ``OutsideNeighbors``), with a cursor past the
/// entries already known to lie in the point's own component (components only grow).
struct NeighborLists {
  let count: Int
  let k: Int
  var squaredDistances: [Double]
  var indices: [Int32]
  var cursor: [UInt8]

  init(count: Int, k: Int) {
    self.count = count
    self.k = k
    squaredDistances = [Double](repeating: .infinity, count: count * k)
    indices = [Int32](repeating: .max, count: count * k)
    cursor = [UInt8](repeating: 0, count: count)
  }

  /// Installs the rows of a search.
  mutating func replace(with search: OutsideNeighbors) {
    for (row, point) in search.queries.enumerated() {
      let p = Int(point)
      for slot in 0..<k {
        squaredDistances[p * k + slot] = search.squaredDistances[row * k + slot]
        indices[p * k + slot] = search.indices[row * k + slot]
      }
      cursor[p] = 0
    }
  }

  /// What point `p`'s list says about its cheapest edge leaving its component.
  enum Outside {
    /// The cheapest such edge.
    case edge(SpanningEdge)
    /// Every listed point is in the component; unlisted edges come after this one (the last).
    case exhausted(SpanningEdge)
    /// The list holds every point outside the component it was searched for: none is left.
    case complete
  }

  mutating func firstOutside(of p: Int, labels: [Int32]) -> Outside {
    let own = labels[p]
    var slot = Int(cursor[p])
    while slot < k {
      let r = indices[p * k + slot]
      if r == .max { return .complete }
      if labels[Int(r)] != own {
        cursor[p] = UInt8(slot)
        return .edge(edge(p, slot))
      }
      slot += 1
    }
    cursor[p] = UInt8(k)
    return .exhausted(edge(p, k - 1))
  }

  func edge(_ p: Int, _ slot: Int) -> SpanningEdge {
    let r = Int(indices[p * k + slot])
    return SpanningEdge(
      squaredLength: squaredDistances[p * k + slot], first: min(p, r), second: max(p, r))
  }
}

/// Disjoint sets of points (path halving, union by size) with a flat label per point.
package struct Components {
  private var parent: [Int32]
  private var size: [Int32]
  /// The number of sets.
  package private(set) var count: Int

  package init(count: Int) {
    parent = (0..<Int32(count)).map { $0 }
    size = [Int32](repeating: 1, count: count)
    self.count = count
  }

  mutating func find(_ x: Int) -> Int {
    var x = x
    while Int(parent[x]) != x {
      parent[x] = parent[Int(parent[x])]
      x = Int(parent[x])
    }
    return x
  }

  /// Merges the sets of `a` and `b`; false when they were one set already.
  package mutating func union(_ a: Int, _ b: Int) -> Bool {
    var (x, y) = (find(a), find(b))
    guard x != y else { return false }
    if size[x] < size[y] { swap(&x, &y) }
    parent[y] = Int32(x)
    size[x] += size[y]
    count -= 1
    return true
  }

  /// Every point's set representative.
  package mutating func flatten() -> [Int32] {
    (0..<parent.count).map { Int32(find($0)) }
  }
}
