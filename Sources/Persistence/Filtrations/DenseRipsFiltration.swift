import PointClouds

/// The Vietoris–Rips filtration of a dense distance matrix, cut at `threshold`: a simplex enters at
/// its diameter (its longest edge) if that is ≤ `threshold`.
///
/// Distances are expanded into a full square matrix (n² doubles), so that the enumeration of
/// cofacets, which walks the candidate vertex j from n − 1 down, reads each vertex's row
/// sequentially (O(n · k) look-ups per enumeration); binomial terms are shifted between the part of
/// the index above j and below it (Ripser's dense coboundary enumerator).
package struct DenseRipsFiltration<Index: SimplexIndex>: Filtration {
  /// The number of points n.
  package let vertexCount: Int
  /// The largest diameter admitted.
  package let threshold: Double
  /// C(i, k) for i ≤ n, k ≤ maxDimension + 2.
  package let binomials: BinomialTable<Index>
  @usableFromInline let distances: [Double]

  /// The filtration of `matrix` up to `threshold`, for homology up to `maxDimension`.
  /// - Throws: `PersistenceError.indexOverflow` if indices of (maxDimension + 2)-vertex simplices
  ///   do not fit `Index`.
  package init(matrix: DistanceMatrix, threshold: Double, maxDimension: Int)
    throws(PersistenceError)
  {
    vertexCount = matrix.count
    self.threshold = threshold
    let n = matrix.count
    var square = [Double](repeating: 0, count: n * n)
    matrix.entries.withUnsafeBufferPointer { lower in
      square.withUnsafeMutableBufferPointer { square in
        var k = 0
        for i in 0..<n {
          for j in 0..<i {
            square[i * n + j] = lower[k]
            square[j * n + i] = lower[k]
            k += 1
          }
        }
      }
    }
    distances = square
    binomials = try BinomialTable(vertexCount: matrix.count, maxK: maxDimension + 2)
  }

  @inlinable public func vertexValue(_ v: Int) -> Double { 0 }

  @inlinable
  package func forEachSimplex(
    ofDimension dimension: Int, part: Int, of parts: Int, _ body: (FilteredSimplex<Index>) -> Void
  ) {
    guard dimension >= 1, vertexCount > dimension else { return }
    let n = vertexCount
    let t = threshold
    let binomials = self.binomials
    distances.withUnsafeBufferPointer { buffer in
      guard let d = buffer.baseAddress else { return }
      withUnsafeTemporaryAllocation(of: Int.self, capacity: dimension + 1) { vertices in
        // Grow simplices in increasing vertex order from their smallest vertex.
        func grow(_ simplex: FilteredSimplex<Index>, count: Int) {
          let last = vertices[count - 1]
          var j = last + 1
          while j < n {
            var value = simplex.value
            var k = 0
            while k < count {
              let e = d[vertices[k] &* n &+ j]
              if e > value { value = e }
              k += 1
            }
            if value <= t {
              let next = FilteredSimplex(
                value: value, index: simplex.index + binomials[j, count + 1])
              if count == dimension {
                body(next)
              } else {
                vertices[count] = j
                grow(next, count: count + 1)
              }
            }
            j += 1
          }
        }
        var v = part
        while v < n - dimension {
          vertices[0] = v
          grow(FilteredSimplex(value: 0, index: Index(exactly: v)!), count: 1)
          v += parts
        }
      }
    }
  }

  @inlinable
  package func forEachCofacet(
    of simplex: FilteredSimplex<Index>, dimension: Int,
    _ body: (FilteredSimplex<Index>, Bool) -> Bool
  ) {
    let n = vertexCount
    let t = threshold
    let binomials = self.binomials
    distances.withUnsafeBufferPointer { buffer in
      guard let d = buffer.baseAddress else { return }
      withUnsafeTemporaryAllocation(of: Int.self, capacity: dimension + 1) { vertices in
        let v = vertices.baseAddress!
        binomials.decode(simplex.index, dimension: dimension, into: v)
        var below = simplex.index
        var above = Index.zero
        var k = dimension + 1  // vertices of σ at or below j
        var j = n - 1
        while j >= 0 {
          if k > 0 && v[dimension + 1 - k] == j {
            below = below - binomials[j, k]
            above = above + binomials[j, k + 1]
            k -= 1
            j -= 1
            continue
          }
          var value = simplex.value
          var i = 0
          while i <= dimension {
            let e = d[v[i] &* n &+ j]
            if e > value {
              value = e
              if value > t { break }
            }
            i += 1
          }
          if value <= t {
            let cofacet = FilteredSimplex(value: value, index: above + binomials[j, k + 1] + below)
            if !body(cofacet, k & 1 == 1) { return }
          }
          j -= 1
        }
      }
    }
  }

  /// Without enumerating: see `BinomialTable.ripsZeroApparentCofacet`.
  @inlinable
  package func zeroApparentCofacet(of simplex: FilteredSimplex<Index>, dimension: Int)
    -> FilteredSimplex<Index>?
  {
    guard dimension >= 1 else {
      return enumeratedZeroApparentCofacet(of: simplex, dimension: dimension)
    }
    let n = vertexCount
    return distances.withUnsafeBufferPointer { buffer in
      let d = buffer.baseAddress!
      return binomials.ripsZeroApparentCofacet(
        of: simplex, dimension: dimension, edgeLength: { Self.entry(d, n, $0, $1) },
        joinable: { Self.largestJoinable(d, n, $0, $1, $2, $3) })
    }
  }

  /// Without enumerating: see `BinomialTable.ripsZeroApparentFacet`.
  @inlinable
  package func zeroApparentFacet(of simplex: FilteredSimplex<Index>, dimension: Int)
    -> (facet: FilteredSimplex<Index>, negative: Bool)?
  {
    guard dimension >= 2 else {
      return enumeratedZeroApparentFacet(of: simplex, dimension: dimension)
    }
    let n = vertexCount
    return distances.withUnsafeBufferPointer { buffer in
      let d = buffer.baseAddress!
      return binomials.ripsZeroApparentFacet(
        of: simplex, dimension: dimension, edgeLength: { Self.entry(d, n, $0, $1) },
        joinable: { Self.largestJoinable(d, n, $0, $1, $2, $3) })
    }
  }

  /// d(u, w), read in the row of the smaller vertex: the rows that `forEachSimplex` has just read
  /// (it grows simplices in increasing vertex order), so that screening what it enumerates hits
  /// the cache.
  @inlinable @inline(__always)
  static func entry(_ d: UnsafePointer<Double>, _ n: Int, _ u: Int, _ w: Int) -> Double {
    u < w ? d[u &* n &+ w] : d[w &* n &+ u]
  }

  /// The largest vertex j > `floor`, not among the `count` `vertices` (decreasing), with
  /// d(v, j) ≤ `limit` for each of them: a scan of the smallest vertex's row (the one most
  /// recently read, see `entry`) from n − 1 down that reads the other rows only where it passes.
  @inlinable @inline(__always)
  static func largestJoinable(
    _ d: UnsafePointer<Double>, _ n: Int, _ vertices: UnsafePointer<Int>, _ count: Int,
    _ limit: Double, _ floor: Int
  ) -> Int? {
    let first = d + vertices[count - 1] &* n
    var j = n - 1
    candidates: while j > floor {
      if first[j] > limit {
        j -= 1
        continue
      }
      var i = 0
      while i < count - 1 {
        if d[vertices[i] &* n &+ j] > limit {
          j -= 1
          continue candidates
        }
        i += 1
      }
      // A vertex of the simplex passes too (at distance 0 from itself).
      i = 0
      while i < count && vertices[i] != j { i += 1 }
      if i == count { return j }
      j -= 1
    }
    return nil
  }

  @inlinable
  package func forEachFacet(
    of simplex: FilteredSimplex<Index>, dimension: Int,
    _ body: (FilteredSimplex<Index>, Bool) -> Bool
  ) {
    let n = vertexCount
    distances.withUnsafeBufferPointer { buffer in
      guard let d = buffer.baseAddress else { return }
      binomials.forEachRipsFacet(
        of: simplex, dimension: dimension, edgeLength: { d[$0 &* n &+ $1] }, body)
    }
  }
}
