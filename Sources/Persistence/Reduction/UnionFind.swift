/// Disjoint sets over 0..<n with path halving and union by rank; each set remembers the
/// smallest birth value of its members (the elder rule of dimension 0).
struct UnionFind {
  private var parent: [Int32]
  private var rank: [UInt8]
  /// The birth value of each root's component.
  private(set) var birth: [Double]

  init(births: [Double]) {
    parent = (0..<Int32(births.count)).map { $0 }
    rank = [UInt8](repeating: 0, count: births.count)
    birth = births
  }

  mutating func find(_ x: Int) -> Int {
    var x = Int32(x)
    while parent[Int(x)] != x {
      let grandparent = parent[Int(parent[Int(x)])]
      parent[Int(x)] = grandparent
      x = grandparent
    }
    return Int(x)
  }

  /// Merges the sets of roots `a` and `b`; returns the new root.
  mutating func union(roots a: Int, _ b: Int) -> Int {
    let (low, high) = rank[a] < rank[b] ? (a, b) : (b, a)
    parent[low] = Int32(high)
    if rank[low] == rank[high] { rank[high] += 1 }
    birth[high] = Swift.min(birth[low], birth[high])
    return high
  }
}
