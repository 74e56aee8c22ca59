/// The Vietoris–Rips filtration of a sparse distance matrix: a simplex is in the filtration when
/// all
/// its edges are stored pairs, and enters at its longest edge.
///
/// Cofacets are the common neighbours of the simplex's vertices, found by walking their sorted
/// neighbour lists downward in lock-step (Ripser's sparse coboundary enumerator), so an enumeration
/// costs O(Σ degrees) instead of O(n · k).
///
/// With a `SparseRipsBlocker` (Sheehy's sparse approximation), the simplices the blocker refuses
/// are left out, with all their cofaces; the enumerations skip them, so the filtration still
/// meets every clause of the `Filtration` contract.
package struct SparseRipsFiltration<Index: SimplexIndex>: Filtration {
  /// The number of points n.
  package let vertexCount: Int
  /// C(i, k) for i ≤ n, k ≤ maxDimension + 2.
  package let binomials: BinomialTable<Index>
  @usableFromInline let matrix: SparseDistanceMatrix
  @usableFromInline let blocker: SparseRipsBlocker?

  /// The filtration of `matrix` (every stored pair is an edge), for homology up to
  /// `maxDimension`, without the simplices `blocker` refuses.
  /// - Throws: `PersistenceError.indexOverflow` if indices do not fit `Index`.
  package init(
    matrix: SparseDistanceMatrix, maxDimension: Int, blocker: SparseRipsBlocker? = nil
  ) throws(PersistenceError) {
    vertexCount = matrix.count
    self.matrix = matrix
    self.blocker = blocker
    binomials = try BinomialTable(vertexCount: matrix.count, maxK: maxDimension + 2)
  }

  @inlinable public func vertexValue(_ v: Int) -> Double { 0 }

  /// Calls `body` with raw pointers to the offsets, neighbours and distances.
  @inlinable @inline(__always)
  func withLists<R>(
    _ body: (UnsafePointer<Int>, UnsafePointer<Int32>, UnsafePointer<Double>) -> R
  ) -> R {
    matrix.offsets.withUnsafeBufferPointer { o in
      matrix.neighbours.withUnsafeBufferPointer { v in
        matrix.distances.withUnsafeBufferPointer { d in
          // Empty buffers may have no base address: point at a dummy value instead.
          withUnsafePointer(to: Int32(0)) { noVertex in
            withUnsafePointer(to: 0.0) { noDistance in
              body(o.baseAddress!, v.baseAddress ?? noVertex, d.baseAddress ?? noDistance)
            }
          }
        }
      }
    }
  }

  /// d(a, b) by binary search in the shorter of the rows of a and b (the pair must be stored).
  @inlinable @inline(__always)
  static func distance(
    _ a: Int, _ b: Int, _ offsets: UnsafePointer<Int>, _ neighbours: UnsafePointer<Int32>,
    _ distances: UnsafePointer<Double>
  ) -> Double {
    let (row, other) = offsets[a + 1] - offsets[a] <= offsets[b + 1] - offsets[b] ? (a, b) : (b, a)
    var low = offsets[row]
    var high = offsets[row + 1]
    let target = Int32(truncatingIfNeeded: other)
    while low < high {
      let mid = (low + high) >> 1
      if neighbours[mid] < target { low = mid + 1 } else { high = mid }
    }
    return distances[low]
  }

  @inlinable
  package func forEachSimplex(
    ofDimension dimension: Int, part: Int, of parts: Int, _ body: (FilteredSimplex<Index>) -> Void
  ) {
    guard dimension >= 1, vertexCount > dimension else { return }
    let n = vertexCount
    let binomials = self.binomials
    withLists { offsets, neighbours, distances in
      // candidates[depth]: the common larger neighbours of the simplex grown so far, each with
      // its largest distance to the simplex's vertices.
      var candidates = [[(vertex: Int32, value: Double)]](repeating: [], count: dimension + 1)
      func grow(_ simplex: FilteredSimplex<Index>, count: Int) {
        let level = candidates[count]
        for (position, candidate) in level.enumerated() {
          let j = Int(candidate.vertex)
          let next = FilteredSimplex(
            value: Swift.max(simplex.value, candidate.value),
            index: simplex.index + binomials[j, count + 1])
          // j is the youngest vertex; a blocked simplex's cofaces are blocked too.
          if let blocker, blocker.blocks(value: next.value, youngestVertex: j) { continue }
          if count == dimension {
            body(next)
            continue
          }
          // Intersect the remaining candidates with the larger neighbours of j.
          var deeper = candidates[count + 1]
          deeper.removeAll(keepingCapacity: true)
          var k = offsets[j + 1] - 1
          let start = offsets[j]
          var c = level.count - 1
          while c > position && k >= start {
            let u = level[c].vertex
            let w = neighbours[k]
            if w > u {
              k -= 1
            } else if w < u {
              c -= 1
            } else {
              deeper.append((u, Swift.max(level[c].value, distances[k])))
              c -= 1
              k -= 1
            }
          }
          deeper.reverse()
          candidates[count + 1] = deeper
          grow(next, count: count + 1)
        }
      }
      var v = part
      while v < n - dimension {
        var first = candidates[1]
        first.removeAll(keepingCapacity: true)
        for k in offsets[v]..<offsets[v + 1] where Int(neighbours[k]) > v {
          first.append((neighbours[k], distances[k]))
        }
        candidates[1] = first
        grow(FilteredSimplex(value: 0, index: Index(exactly: v)!), count: 1)
        v += parts
      }
    }
  }

  /// The last position p in `start...from` with `neighbours[p]` ≤ `target` (start − 1 if none),
  /// in a row sorted increasingly: galloping down from `from`, then bisecting, so that following a
  /// long row (an old vertex of a sparse approximation) costs O(log gap) per step, not O(gap).
  @inlinable @inline(__always)
  static func lastPosition(
    atMost target: Int32, _ neighbours: UnsafePointer<Int32>, from: Int, start: Int
  ) -> Int {
    guard from >= start && neighbours[from] > target else { return from }
    var above = from  // neighbours[above] > target
    var step = 1
    var below = above - 1
    while below >= start && neighbours[below] > target {
      above = below
      step <<= 1
      below = above - step
    }
    below = Swift.max(below, start - 1)  // neighbours[below] ≤ target, or below the row
    while above - below > 1 {
      let middle = (above + below) >> 1
      if neighbours[middle] > target { above = middle } else { below = middle }
    }
    return below
  }

  @inlinable
  package func forEachCofacet(
    of simplex: FilteredSimplex<Index>, dimension: Int,
    _ body: (FilteredSimplex<Index>, Bool) -> Bool
  ) {
    let binomials = self.binomials
    withLists { offsets, neighbours, distances in
      withUnsafeTemporaryAllocation(of: Int.self, capacity: 3 * (dimension + 1)) { scratch in
        let v = scratch.baseAddress!
        let cursor = v + (dimension + 1)
        // The vertices whose lists are walked, the shortest list last: it drives, the others
        // follow (sparse approximations join old vertices to many more points than young ones).
        let lists = cursor + (dimension + 1)
        binomials.decode(simplex.index, dimension: dimension, into: v)
        for i in 0...dimension { lists[i] = v[i] }
        for i in 0..<dimension
        where offsets[lists[i] + 1] - offsets[lists[i]]
          < offsets[lists[dimension] + 1] - offsets[lists[dimension]]
        {
          (lists[i], lists[dimension]) = (lists[dimension], lists[i])
        }
        for i in 0...dimension { cursor[i] = offsets[lists[i] + 1] - 1 }
        if let blocker {
          // A cofacet's value is at least the simplex's: one adding a vertex that blocks that
          // value is blocked, and the driver starts below those vertices.
          let last = Int32(truncatingIfNeeded: blocker.lastUnblockedVertex(value: simplex.value))
          let start = offsets[lists[dimension]]
          cursor[dimension] = Self.lastPosition(
            atMost: last, neighbours, from: cursor[dimension], start: start)
        }
        var below = simplex.index
        var above = Index.zero
        var k = dimension + 1
        let driverStart = offsets[lists[dimension]]
        candidates: while cursor[dimension] >= driverStart {
          let j = neighbours[cursor[dimension]]
          var value = Swift.max(simplex.value, distances[cursor[dimension]])
          cursor[dimension] -= 1
          var i = 0
          while i < dimension {
            let start = offsets[lists[i]]
            let c = Self.lastPosition(atMost: j, neighbours, from: cursor[i], start: start)
            cursor[i] = c
            if c < start { return }  // that list is exhausted: no more common neighbours
            if neighbours[c] != j { continue candidates }
            if distances[c] > value { value = distances[c] }
            i += 1
          }
          let jj = Int(j)
          if let blocker,
            blocker.blocks(value: value, youngestVertex: Swift.max(jj, v[0]))
          {
            continue candidates
          }
          while k > 0 && v[dimension + 1 - k] > jj {
            below = below - binomials[v[dimension + 1 - k], k]
            above = above + binomials[v[dimension + 1 - k], k + 1]
            k -= 1
          }
          let cofacet = FilteredSimplex(value: value, index: above + binomials[jj, k + 1] + below)
          if !body(cofacet, k & 1 == 1) { return }
        }
      }
    }
  }

  /// Without enumerating: see `BinomialTable.ripsZeroApparentCofacet`, whose searches for a
  /// vertex j to add are here limited to the j that the blocker lets in.
  ///
  /// With a blocker, the answer is the flag complex's with that one change. Let σ be a simplex
  /// of the filtration (so not blocked) of value δ, with youngest vertex y; the blocker keeps a
  /// simplex of value f iff its youngest vertex u has λᵤ ≥ f·ε(1 − ε)/2, and as the radii never
  /// increase the vertices u that pass for f are those up to `lastUnblockedVertex(value: f)`.
  /// * A cofacet τ = σ ∪ {j} of value δ (a common neighbour j with every d(v, j) ≤ δ: the flag
  ///   complex's candidates) is kept iff j passes for δ: its youngest vertex is y, which passes
  ///   since σ is kept, or j.
  /// * Every facet of a kept simplex τ of value δ is kept: its value is at most δ and its
  ///   youngest vertex is at most τ's, so its radius is at least τ's youngest vertex's. The facets
  ///   of τ, their values and their order are therefore the flag complex's.
  ///
  /// So the earliest cofacet of σ of value δ adds the largest such j that passes for δ, and σ is
  /// the latest facet of value δ of a kept τ exactly as in the flag complex: the flag search
  /// with j limited to the vertices passing for δ gives both `zeroApparentCofacet` and (for the
  /// cofacets of σ's latest facet of value δ) `zeroApparentFacet`.
  @inlinable
  package func zeroApparentCofacet(of simplex: FilteredSimplex<Index>, dimension: Int)
    -> FilteredSimplex<Index>?
  {
    guard dimension >= 1 else {
      return enumeratedZeroApparentCofacet(of: simplex, dimension: dimension)
    }
    return withLists { offsets, neighbours, distances in
      binomials.ripsZeroApparentCofacet(
        of: simplex, dimension: dimension,
        edgeLength: { Self.distance($0, $1, offsets, neighbours, distances) },
        joinable: { largestJoinable(offsets, neighbours, distances, $0, $1, $2, $3) })
    }
  }

  /// Without enumerating: see `BinomialTable.ripsZeroApparentFacet`, with the searches limited
  /// as in `zeroApparentCofacet(of:dimension:)` when there is a blocker.
  @inlinable
  package func zeroApparentFacet(of simplex: FilteredSimplex<Index>, dimension: Int)
    -> (facet: FilteredSimplex<Index>, negative: Bool)?
  {
    guard dimension >= 2 else {
      return enumeratedZeroApparentFacet(of: simplex, dimension: dimension)
    }
    return withLists { offsets, neighbours, distances in
      binomials.ripsZeroApparentFacet(
        of: simplex, dimension: dimension,
        edgeLength: { Self.distance($0, $1, offsets, neighbours, distances) },
        joinable: { largestJoinable(offsets, neighbours, distances, $0, $1, $2, $3) })
    }
  }

  /// The largest vertex j > `floor`, not among the `count` `vertices`, with d(v, j) ≤ `limit`
  /// for each of them and, with a blocker, passing for the value `limit` (j at most
  /// `lastUnblockedVertex(value: limit)`): the shortest of their neighbour lists is walked from
  /// there down, the others follow in lock-step where it passes.
  @inlinable @inline(__always)
  func largestJoinable(
    _ offsets: UnsafePointer<Int>, _ neighbours: UnsafePointer<Int32>,
    _ distances: UnsafePointer<Double>, _ vertices: UnsafePointer<Int>, _ count: Int,
    _ limit: Double, _ floor: Int
  ) -> Int? {
    let ceiling = Int32(
      truncatingIfNeeded: blocker?.lastUnblockedVertex(value: limit) ?? vertexCount - 1)
    if Int(ceiling) <= floor { return nil }
    return withUnsafeTemporaryAllocation(of: Int.self, capacity: count) { buffer in
      let cursors = buffer.baseAddress!
      var driver = 0
      for i in 0..<count {
        cursors[i] = offsets[vertices[i] + 1] - 1
        if cursors[i] - offsets[vertices[i]] < cursors[driver] - offsets[vertices[driver]] {
          driver = i
        }
      }
      let driverStart = offsets[vertices[driver]]
      var c = Self.lastPosition(
        atMost: ceiling, neighbours, from: cursors[driver], start: driverStart)
      // No vertex is its own neighbour: a vertex of the simplex fails in its own list.
      candidates: while c >= driverStart {
        let j = neighbours[c]
        if Int(j) <= floor { return nil }
        let passes = distances[c] <= limit
        c -= 1
        if !passes { continue }
        var i = 0
        while i < count {
          if i != driver {
            let start = offsets[vertices[i]]
            let e = Self.lastPosition(atMost: j, neighbours, from: cursors[i], start: start)
            cursors[i] = e
            if e < start { return nil }  // that list is exhausted: no more common neighbours
            if neighbours[e] != j || distances[e] > limit { continue candidates }
          }
          i += 1
        }
        return Int(j)
      }
      return nil
    }
  }

  @inlinable
  package func forEachFacet(
    of simplex: FilteredSimplex<Index>, dimension: Int,
    _ body: (FilteredSimplex<Index>, Bool) -> Bool
  ) {
    withLists { offsets, neighbours, distances in
      binomials.forEachRipsFacet(
        of: simplex, dimension: dimension,
        edgeLength: { Self.distance($0, $1, offsets, neighbours, distances) }, body)
    }
  }
}
