extension BinomialTable {
  /// Calls `body` with each facet of a Vietoris–Rips simplex and the sign of its coefficient in the
  /// boundary, removing the vertices from the largest down; a facet's value is its diameter, the
  /// longest of its edges, where `edgeLength(u, w)` is the length of the edge {u, w}. Stops as soon
  /// as `body` returns false. Shared by the dense and the sparse Rips filtrations, which differ
  /// only
  /// in how they look up an edge.
  @inlinable @inline(__always)
  func forEachRipsFacet(
    of simplex: FilteredSimplex<Index>, dimension: Int, edgeLength: (Int, Int) -> Double,
    _ body: (FilteredSimplex<Index>, Bool) -> Bool
  ) {
    withUnsafeTemporaryAllocation(of: Int.self, capacity: dimension + 1) { vertices in
      let v = vertices.baseAddress!
      decode(simplex.index, dimension: dimension, into: v)
      // The edge lengths of the simplex, once: pairwise[a * (dimension + 1) + b] for a < b.
      withUnsafeTemporaryAllocation(of: Double.self, capacity: (dimension + 1) * (dimension + 1)) {
        scratch in
        let pairwise = scratch.baseAddress!
        if dimension >= 2 {
          for a in 0..<dimension {
            var b = a + 1
            while b <= dimension {
              pairwise[a * (dimension + 1) + b] = edgeLength(v[a], v[b])
              b += 1
            }
          }
        }
        var below = simplex.index - self[v[0], dimension + 1]
        var above = Index.zero
        var p = 0  // descending position of the removed vertex
        while true {
          var value = 0.0
          if dimension >= 2 {
            for a in 0..<dimension where a != p {
              var b = a + 1
              while b <= dimension {
                if b != p {
                  let e = pairwise[a * (dimension + 1) + b]
                  if e > value { value = e }
                }
                b += 1
              }
            }
          }
          if !body(FilteredSimplex(value: value, index: above + below), (dimension - p) & 1 == 1) {
            return
          }
          if p == dimension { return }
          above = above + self[v[p], dimension - p]
          below = below - self[v[p + 1], dimension - p]
          p += 1
        }
      }
    }
  }
}
