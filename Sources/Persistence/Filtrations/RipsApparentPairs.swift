extension BinomialTable {
  /// `Filtration.zeroApparentCofacet(of:dimension:)` for a Vietoris–Rips filtration, without
  /// enumerating cofacets or facets; shared by the dense and the sparse Rips filtrations, which
  /// differ only in how they look up an edge (`edgeLength(u, w)`) and search for a vertex
  /// (`joinable`, see below).
  ///
  /// Cofacets come in decreasing index order, that is by decreasing added vertex j, and σ ∪ {j}
  /// has σ's value δ iff every d(v, j) ≤ δ: the earliest such cofacet τ adds the largest such j.
  /// Facets of τ come in increasing index order, removing τ's vertices from the largest down,
  /// and a facet keeps the value δ iff one of its edges is of length δ: σ (τ without j) is τ's
  /// latest facet of value δ iff removing any vertex of σ above j loses every edge of length δ.
  /// So j must lie above every vertex whose removal keeps one of σ's own edges of length δ (the
  /// search stops there), and the vertices above j must not keep an edge {v, j} of length δ.
  ///
  /// `joinable(vertices, count, limit, floor)`: the largest vertex j > `floor`, not among the
  /// `count` `vertices` (decreasing), with d(v, j) ≤ `limit` for each of them, if any.
  @inlinable @inline(__always)
  func ripsZeroApparentCofacet(
    of simplex: FilteredSimplex<Index>, dimension: Int, edgeLength: (Int, Int) -> Double,
    joinable: (UnsafePointer<Int>, Int, Double, Int) -> Int?
  ) -> FilteredSimplex<Index>? {
    withUnsafeTemporaryAllocation(of: Int.self, capacity: dimension + 1) { buffer in
      let v = buffer.baseAddress!
      decode(simplex.index, dimension: dimension, into: v)
      let diameter = simplex.value
      let keeping = Self.ripsFirstKeepingDiameter(v, count: dimension + 1, diameter, edgeLength)
      let floor = keeping <= dimension ? v[keeping] : -1
      guard let j = joinable(v, dimension + 1, diameter, floor) else { return nil }
      var above = 0  // the vertices of σ above j: v[0..<above]
      while above <= dimension && v[above] > j { above += 1 }
      if above > 0 {
        // Removing v[p] (p < above) loses σ's edges of length δ; it must lose the {v[i], j} too.
        var attaining = 0
        var attainer = 0
        for i in 0...dimension where edgeLength(v[i], j) == diameter {
          attaining += 1
          attainer = i
        }
        if attaining > 1 || (attaining == 1 && (above > 1 || attainer != 0)) { return nil }
      }
      // The index of τ: the vertices above j move one place up in the combinatorial number system
      // (their terms are taken out first, so that no partial sum exceeds the larger index).
      var index = simplex.index
      for p in 0..<above { index = index - self[v[p], dimension + 1 - p] }
      for p in 0..<above { index = index + self[v[p], dimension + 2 - p] }
      index = index + self[j, dimension + 2 - above]
      return FilteredSimplex(value: diameter, index: index)
    }
  }

  /// `Filtration.zeroApparentFacet(of:dimension:)` for a Vietoris–Rips filtration (dimension ≥ 2),
  /// with the `edgeLength` and `joinable` of `ripsZeroApparentCofacet`.
  ///
  /// σ's latest facet of value δ removes the largest vertex v whose removal keeps an edge of
  /// length δ; σ is that facet's earliest cofacet of value δ iff no vertex j > v outside σ has
  /// d(u, j) ≤ δ for every vertex u of the facet.
  @inlinable @inline(__always)
  func ripsZeroApparentFacet(
    of simplex: FilteredSimplex<Index>, dimension: Int, edgeLength: (Int, Int) -> Double,
    joinable: (UnsafePointer<Int>, Int, Double, Int) -> Int?
  ) -> (facet: FilteredSimplex<Index>, negative: Bool)? {
    withUnsafeTemporaryAllocation(of: Int.self, capacity: dimension + 1) { buffer in
      let v = buffer.baseAddress!
      decode(simplex.index, dimension: dimension, into: v)
      let diameter = simplex.value
      let removed = Self.ripsFirstKeepingDiameter(v, count: dimension + 1, diameter, edgeLength)
      if removed > dimension { return nil }
      let vertex = v[removed]
      // The facet's index: the vertices above the removed one move one place down.
      var index = simplex.index - self[vertex, dimension + 1 - removed]
      for p in 0..<removed { index = index - self[v[p], dimension + 1 - p] }
      for p in 0..<removed { index = index + self[v[p], dimension - p] }
      var p = removed
      while p < dimension {
        v[p] = v[p + 1]
        p += 1
      }
      if joinable(v, dimension, diameter, vertex) != nil { return nil }
      return (FilteredSimplex(value: diameter, index: index), (dimension - removed) & 1 == 1)
    }
  }

  /// The first position p (vertices decreasing) such that the simplex on the `count` `vertices`
  /// keeps an edge of length `diameter` without `vertices[p]`; `count` if there is none.
  @inlinable @inline(__always)
  static func ripsFirstKeepingDiameter(
    _ vertices: UnsafePointer<Int>, count: Int, _ diameter: Double,
    _ edgeLength: (Int, Int) -> Double
  ) -> Int {
    // Without the vertex at p, an edge {a, b} (a < b) of length δ remains iff p ∉ {a, b}: the
    // first such p is 0 unless a = 0, then 1 unless b = 1, then 2. An edge's only edge is itself
    // (its value is δ): no lookup.
    if count == 2 { return 2 }
    var first = count
    var a = 0
    while a < count {
      var b = a + 1
      while b < count {
        if edgeLength(vertices[a], vertices[b]) == diameter {
          let p = a > 0 ? 0 : (b > 1 ? 1 : 2)
          if p == 0 { return 0 }
          first = min(first, p)
        }
        b += 1
      }
      a += 1
    }
    return min(first, count)
  }
}
