import PointClouds

extension GowerDistance {
  /// The edges of a minimum spanning tree of `table`'s rows under this distance (n − 1 of them,
  /// in increasing order of distance) and, with `enclosingRadius`, minᵢ maxⱼ d(i, j): what the H0
  /// diagram of the Rips filtration of ``matrix(_:)`` is made of, without the matrix.
  ///
  /// Borůvka's algorithm on the tiled passes: each round is one pass over the lower triangle in
  /// which every row keeps its cheapest edge to a row of another component, and every component
  /// then adds the cheapest edge of its rows. Edges are ordered by (length, smaller row, larger
  /// row), a total order, so each component's cheapest edge is unique, no cycle forms, and the
  /// tree is the one Kruskal's algorithm builds on the matrix with that order. Every component
  /// merges in every round, so there are at most ⌈log₂ n⌉ rounds: O(n² c log n) time, memory
  /// O(workers · n) beyond the table. The values are the tiles', equal to ``distance(_:_:_:_:)``
  /// and to the matrix's entries bit for bit.
  public func spanningTree(
    _ table: Table, enclosingRadius: Bool, progress: ProgressHandler? = nil
  ) -> (edges: [(i: Int, j: Int, distance: Double)], enclosingRadius: Double?) {
    let n = table.rowCount
    guard n >= 2 else { return ([], enclosingRadius ? 0 : nil) }
    var components = Components(count: n)
    var edges: [RowEdge] = []
    edges.reserveCapacity(n - 1)
    var radius: Double? = nil
    var labels = components.flatten()
    while components.count > 1 {
      let farthest = enclosingRadius && radius == nil
      let workers = pass(queries: table, references: table, lowerTriangle: true, progress: progress)
      { _ in CheapestOutgoingEdges(labels: labels, farthest: farthest) }
      if farthest {
        radius = (0..<n).lazy.map { row in workers.lazy.map { $0.farthest[row] }.max()! }.min()!
      }
      // Per component, the least of its rows' cheapest edges.
      var cheapest = [RowEdge?](repeating: nil, count: n)
      for row in 0..<n {
        for worker in workers where worker.other[row] >= 0 {
          let edge = RowEdge(row, Int(worker.other[row]), worker.length[row])
          let own = Int(labels[row])
          if cheapest[own].map({ edge < $0 }) ?? true { cheapest[own] = edge }
        }
      }
      for case let edge? in cheapest where components.union(edge.first, edge.second) {
        edges.append(edge)
      }
      labels = components.flatten()
    }
    edges.sort()
    return (edges.map { ($0.first, $0.second, $0.length) }, radius)
  }
}

/// An edge between two rows, ordered by (length, smaller row, larger row).
private struct RowEdge: Comparable {
  var length: Double
  var first: Int
  var second: Int

  init(_ a: Int, _ b: Int, _ length: Double) {
    self.length = length
    (first, second) = (min(a, b), max(a, b))
  }

  static func < (a: RowEdge, b: RowEdge) -> Bool {
    (a.length, a.first, a.second) < (b.length, b.first, b.second)
  }
}

/// One worker's cheapest edge from every row to a row of another component (from lower-triangle
/// tiles: each pair serves both of its rows) and, when asked, every row's largest distance.
private struct CheapestOutgoingEdges: TileConsumer {
  let labels: [Int32]
  var length: [Double]
  /// The other end of each row's cheapest edge, or −1.
  var other: [Int32]
  var farthest: [Double]

  init(labels: [Int32], farthest: Bool) {
    self.labels = labels
    length = [Double](repeating: .infinity, count: labels.count)
    other = [Int32](repeating: -1, count: labels.count)
    self.farthest = farthest ? [Double](repeating: 0, count: labels.count) : []
  }

  mutating func consume(_ tile: DistanceTile) {
    let tracksFarthest = !farthest.isEmpty
    for q in tile.queries {
      let values = tile.row(q)
      for r in tile.references where r < q {
        let value = values[r - tile.references.lowerBound]
        if tracksFarthest {
          farthest[q] = max(farthest[q], value)
          farthest[r] = max(farthest[r], value)
        }
        guard labels[q] != labels[r] else { continue }
        offer(value, from: q, to: r)
        offer(value, from: r, to: q)
      }
    }
  }

  /// Keeps the edge (value, row, end) as `row`'s cheapest when it precedes the kept one.
  private mutating func offer(_ value: Double, from row: Int, to end: Int) {
    let kept = Int(other[row])
    if kept >= 0 && !(RowEdge(row, end, value) < RowEdge(row, kept, length[row])) { return }
    length[row] = value
    other[row] = Int32(end)
  }
}
