/// The binomial coefficients C(i, k) for 0 ≤ i ≤ n and 0 ≤ k ≤ kMax, checked for overflow of the
/// index type, with the conversions between vertex lists and combinatorial indices.
///
/// Stored as one row per k (`C(·, k)` contiguous), as the enumerators read one k at a time.
@usableFromInline package struct BinomialTable<Index: SimplexIndex>: Sendable {
  /// The largest first argument, n (the vertex count).
  @usableFromInline package let vertexCount: Int
  /// The largest second argument.
  @usableFromInline package let maxK: Int
  @usableFromInline let values: [Index]
  /// Decoding accelerator: for each k ≥ 2 whose C(n, k) fits an `Int`, `guides[k * guideCount + b]`
  /// is the largest v with C(v, k) ≤ b << `guideShifts[k]` (a lower bound for the vertex of any
  /// remaining index in bucket b); `guideShifts[k]` is −1 where there is no guide.
  @usableFromInline let guides: [Int32]
  @usableFromInline let guideShifts: [Int]
  @usableFromInline let guideCount: Int

  /// Builds C(i, k) for i ≤ `vertexCount`, k ≤ `maxK` by Pascal's rule.
  /// - Throws: `PersistenceError.indexOverflow` if some coefficient is not representable in
  ///   `Index` (the binding one is C(n, maxK): indices of the cofacets of top-dimensional
  ///   simplices).
  @usableFromInline package init(vertexCount: Int, maxK: Int) throws(PersistenceError) {
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
    // Buckets about 4n wide per k, so that the vertex after the guess is usually the answer.
    let guideCount = 4 * rows + 1
    var guides = [Int32](repeating: 0, count: guideCount * (maxK + 1))
    var guideShifts = [Int](repeating: -1, count: maxK + 1)
    if maxK >= 2 {
      for k in 2...maxK {
        guard let top = values[k * rows + vertexCount].intValue, top > 0 else { continue }
        var shift = 0
        while top >> shift >= guideCount - 1 { shift += 1 }
        var v = 0
        for b in 0..<guideCount {
          let start = b << shift
          while v < vertexCount, let next = values[k * rows + v + 1].intValue, next <= start {
            v += 1
          }
          guides[k * guideCount + b] = Int32(v)
        }
        guideShifts[k] = shift
      }
    }
    self.guides = guides
    self.guideShifts = guideShifts
    self.guideCount = guideCount
  }

  /// C(i, k) for 0 ≤ i ≤ n, 0 ≤ k ≤ maxK.
  @inlinable
  package subscript(i: Int, k: Int) -> Index {
    values.withUnsafeBufferPointer { $0[k * (vertexCount + 1) + i] }
  }

  /// The index of the simplex with the given vertices, listed in decreasing order.
  @inlinable
  package func index(ofDecreasingVertices vertices: some Collection<Int>) -> Index {
    var index = Index.zero
    var k = vertices.count
    for v in vertices {
      index = index + self[v, k]
      k -= 1
    }
    return index
  }

  /// The vertices of the `dimension`-simplex `index`, in decreasing order, written to `out`
  /// (which must hold `dimension + 1` elements). Each vertex v is the largest with
  /// C(v, k) ≤ the remaining index: a guide table gives a lower bound from the index's high bits,
  /// then a short upward walk; without a guide (indices beyond `Int`), a branch-free binary search
  /// below the previous vertex.
  @inlinable
  package func decode(
    _ index: Index, dimension: Int, into out: UnsafeMutablePointer<Int>
  ) {
    values.withUnsafeBufferPointer { table in
      guides.withUnsafeBufferPointer { guides in
        let stride = vertexCount + 1
        var remaining = index
        var upper = vertexCount - 1
        var k = dimension + 1
        var position = 0
        while k > 1 {
          let row = table.baseAddress! + k * stride
          var v: Int
          let shift = guideShifts[k]
          if shift >= 0, let r = remaining.intValue {
            v = Int(guides[k * guideCount + (r >> shift)])
            while v < upper && row[v + 1] <= remaining { v += 1 }
          } else {
            v = k - 1
            var length = upper - v + 1
            while length > 1 {
              let half = length >> 1
              v = row[v + half] <= remaining ? v + half : v
              length -= half
            }
          }
          out[position] = v
          remaining = remaining - row[v]
          upper = v - 1
          position += 1
          k -= 1
        }
        // The last vertex v contributes C(v, 1) = v.
        out[position] = remaining.intValue!
      }
    }
  }
}
