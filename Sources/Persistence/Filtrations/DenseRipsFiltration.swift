import PointClouds

/// The Vietoris–Rips filtration of a dense distance matrix, cut at `threshold`: a simplex enters at
/// its diameter (its longest edge) if that is ≤ `threshold`.
///
/// Distances are read from the compressed lower triangle (`DistanceMatrix.entries`), so an
/// enumeration of cofacets costs O(n · k) distance look-ups; cofacets are found by walking the
/// candidate vertex j from n − 1 down while shifting binomial terms between the part of the index
/// above j and below it (Ripser's dense coboundary enumerator).
public struct DenseRipsFiltration<Index: SimplexIndex>: Filtration {
  /// The number of points n.
  public let vertexCount: Int
  /// The largest diameter admitted.
  public let threshold: Double
  /// C(i, k) for i ≤ n, k ≤ maxDimension + 2.
  public let binomials: BinomialTable<Index>
  @usableFromInline let distances: [Double]

  /// The filtration of `matrix` up to `threshold`, for homology up to `maxDimension`.
  /// - Throws: `PersistenceError.indexOverflow` if indices of (maxDimension + 2)-vertex simplices
  ///   do not fit `Index`.
  public init(matrix: DistanceMatrix, threshold: Double, maxDimension: Int) throws(PersistenceError) {
    vertexCount = matrix.count
    self.threshold = threshold
    distances = matrix.entries
    binomials = try BinomialTable(vertexCount: matrix.count, maxK: maxDimension + 2)
  }

  @inlinable public func vertexValue(_ v: Int) -> Double { 0 }

  /// d(i, j) for i ≠ j.
  @inlinable @inline(__always)
  static func distance(_ d: UnsafePointer<Double>, _ i: Int, _ j: Int) -> Double {
    i > j ? d[i * (i - 1) / 2 + j] : d[j * (j - 1) / 2 + i]
  }

  @inlinable
  public func forEachSimplex(
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
              let e = Self.distance(d, j, vertices[k])
              if e > value { value = e }
              k += 1
            }
            if value <= t {
              let next = FilteredSimplex(value: value, index: simplex.index + binomials[j, count + 1])
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
  public func forEachCofacet(
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
            let e = Self.distance(d, j, v[i])
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

  @inlinable
  public func forEachFacet(
    of simplex: FilteredSimplex<Index>, dimension: Int,
    _ body: (FilteredSimplex<Index>, Bool) -> Bool
  ) {
    let binomials = self.binomials
    distances.withUnsafeBufferPointer { buffer in
      guard let d = buffer.baseAddress else { return }
      withUnsafeTemporaryAllocation(of: Int.self, capacity: dimension + 1) { vertices in
        let v = vertices.baseAddress!
        binomials.decode(simplex.index, dimension: dimension, into: v)
        var below = simplex.index - binomials[v[0], dimension + 1]
        var above = Index.zero
        var p = 0  // descending position of the removed vertex
        while true {
          var value = 0.0
          if dimension >= 2 {
            for a in 0..<dimension where a != p {
              var b = a + 1
              while b <= dimension {
                if b != p {
                  let e = Self.distance(d, v[a], v[b])
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
          above = above + binomials[v[p], dimension - p]
          below = below - binomials[v[p + 1], dimension - p]
          p += 1
        }
      }
    }
  }
}
