/// The binomial coefficients C(i, k) for 0 ≤ i ≤ n and 0 ≤ k ≤ kMax, checked for overflow of the
/// index type, with the conversions between vertex lists and combinatorial indices.
///
/// Stored as one row per k (`C(·, k)` contiguous), as the enumerators read one k at a time.
public struct BinomialTable<Index: SimplexIndex>: Sendable {
  /// The largest first argument, n (the vertex count).
  public let vertexCount: Int
  /// The largest second argument.
  public let maxK: Int
  @usableFromInline let values: [Index]

  /// Builds C(i, k) for i ≤ `vertexCount`, k ≤ `maxK` by Pascal's rule.
  /// - Throws: `PersistenceError.indexOverflow` if some coefficient is not representable in
  ///   `Index` (the binding one is C(n, maxK): indices of the cofacets of top-dimensional
  ///   simplices).
  public init(vertexCount: Int, maxK: Int) throws(PersistenceError) {
    precondition(vertexCount >= 0 && maxK >= 0)
    self.vertexCount = vertexCount
    self.maxK = maxK
    let rows = vertexCount + 1
    guard let one = Index(exactly: 1) else { fatalError("an index type must represent 1") }
    var values = [Index](repeating: .zero, count: rows * (maxK + 1))
    for i in 0..<rows {
      values[i] = one
      if i == 0 { continue }
      for k in 1...maxK where k <= i {
        guard let sum = values[(k - 1) * rows + i - 1].adding(values[k * rows + i - 1]) else {
          throw .indexOverflow(
            points: vertexCount, simplexVertices: maxK, indexType: String(describing: Index.self),
            maximum: Index.maximumDescription ?? "unbounded")
        }
        values[k * rows + i] = sum
      }
    }
    self.values = values
  }

  /// C(i, k) for 0 ≤ i ≤ n, 0 ≤ k ≤ maxK.
  @inlinable
  public subscript(i: Int, k: Int) -> Index {
    values.withUnsafeBufferPointer { $0[k * (vertexCount + 1) + i] }
  }

  /// The index of the simplex with the given vertices, listed in decreasing order.
  @inlinable
  public func index(ofDecreasingVertices vertices: some Collection<Int>) -> Index {
    var index = Index.zero
    var k = vertices.count
    for v in vertices {
      index = index + self[v, k]
      k -= 1
    }
    return index
  }

  /// The vertices of the `dimension`-simplex `index`, in decreasing order, written to `out`
  /// (which must hold `dimension + 1` elements). Each vertex is found by binary search below the
  /// previous one.
  @inlinable
  public func decode(_ index: Index, dimension: Int, into out: UnsafeMutablePointer<Int>) {
    var remaining = index
    var upper = vertexCount - 1
    var k = dimension + 1
    var position = 0
    while k > 0 {
      // Largest v ≤ upper with C(v, k) ≤ remaining.
      var low = k - 1
      var high = upper
      while low < high {
        let mid = (low + high + 1) >> 1
        if self[mid, k] <= remaining { low = mid } else { high = mid - 1 }
      }
      out[position] = low
      remaining = remaining - self[low, k]
      upper = low - 1
      position += 1
      k -= 1
    }
  }
}
