/// The witness filtration as the cohomology reducer consumes it (`Filtration`), and its barcodes.
///
/// Simplices are the present (finite-valued) vertices, edges and triangles, indexed in the
/// combinatorial number system (the storage order of `edgeValues` and `triangleValues`). The
/// complex stops at triangles, so the H1 barcode is exact and nothing above dimension 2 exists.
extension WitnessFiltration: Filtration {
  package typealias Index = Int

  /// The number of landmarks.
  @inlinable public var vertexCount: Int { landmarkCount }

  /// The value of vertex `v` (`+∞` if no witness witnesses it within α_max).
  @inlinable public func vertexValue(_ v: Int) -> Double { vertexValues[v] }

  /// Visits the present edges (dimension 1) or triangles (dimension 2) whose index is `part`
  /// modulo `parts`.
  package func forEachSimplex(
    ofDimension dimension: Int, part: Int, of parts: Int, _ body: (FilteredSimplex<Int>) -> Void
  ) {
    let values: [Double]
    switch dimension {
    case 1: values = edgeValues
    case 2: values = triangleValues
    default: return
    }
    values.withUnsafeBufferPointer { buffer in
      for index in stride(from: part, to: buffer.count, by: parts) where buffer[index] < .infinity {
        body(FilteredSimplex(value: buffer[index], index: index))
      }
    }
  }

  /// Visits the present cofacets of a vertex (edges) or an edge (triangles) by adding each other
  /// vertex w from n − 1 down to 0 (decreasing index); the sign is that of w's position in the
  /// cofacet. Triangles have no cofacets.
  package func forEachCofacet(
    of simplex: FilteredSimplex<Int>, dimension: Int,
    _ body: (_ cofacet: FilteredSimplex<Int>, _ negative: Bool) -> Bool
  ) {
    switch dimension {
    case 0:
      let v = simplex.index
      for w in stride(from: landmarkCount - 1, through: 0, by: -1) where w != v {
        let index = Self.edgeIndex(v, w)
        let value = edgeValues[index]
        // In {v, w} the added w has one smaller vertex when w > v.
        if value < .infinity && !body(FilteredSimplex(value: value, index: index), w > v) {
          return
        }
      }
    case 1:
      let (u, v) = edgeVertices(simplex.index)
      // Colex index of {u, v, w}: C(w,3) + C(v,2) + u above v, C(v,3) + C(w,2) + u between,
      // C(v,3) + C(u,2) + w below u (decreasing in w). The added w has two, one or no smaller
      // vertices: the sign is negative only in between. Only the present triangles' w are
      // visited, from the edge's cofacet bitset, highest first.
      let cv2 = v * (v - 1) / 2
      let cv3 = cv2 * (v - 2) / 3
      let cu2 = u * (u - 1) / 2
      let words = cofacetWords
      let first = simplex.index * words
      cofacetBits.withUnsafeBufferPointer { bits in
        triangleValues.withUnsafeBufferPointer { triangles in
          for word in stride(from: words - 1, through: 0, by: -1) {
            var remaining = bits[first + word]
            while remaining != 0 {
              let bit = 63 - remaining.leadingZeroBitCount
              remaining &= ~(1 << UInt64(bit))
              let w = word << 6 + bit
              let index: Int
              if w > v {
                index = w * (w - 1) * (w - 2) / 6 + cv2 + u
              } else if w > u {
                index = cv3 + w * (w - 1) / 2 + u
              } else {
                index = cv3 + cu2 + w
              }
              let cofacet = FilteredSimplex(value: triangles[index], index: index)
              if !body(cofacet, w > u && w < v) { return }
            }
          }
        }
      }
    default:
      return
    }
  }

  /// Visits the facets of an edge ({u}, then {v}) or a triangle ({a,b}, {a,c}, {b,c}), in
  /// increasing index order; the facet missing the vertex with m smaller vertices has sign (−1)^m.
  package func forEachFacet(
    of simplex: FilteredSimplex<Int>, dimension: Int,
    _ body: (_ facet: FilteredSimplex<Int>, _ negative: Bool) -> Bool
  ) {
    switch dimension {
    case 1:
      let (u, v) = edgeVertices(simplex.index)
      if !body(FilteredSimplex(value: vertexValues[u], index: u), true) { return }
      _ = body(FilteredSimplex(value: vertexValues[v], index: v), false)
    case 2:
      let (a, b, c) = triangleVertices(simplex.index)
      let (ab, ac, bc) = (b * (b - 1) / 2 + a, c * (c - 1) / 2 + a, c * (c - 1) / 2 + b)
      if !body(FilteredSimplex(value: edgeValues[ab], index: ab), false) { return }
      if !body(FilteredSimplex(value: edgeValues[ac], index: ac), true) { return }
      _ = body(FilteredSimplex(value: edgeValues[bc], index: bc), false)
    default:
      return
    }
  }

  /// The vertices u < v of the edge with colex index `index` (from `edgeEnds`).
  @inline(__always)
  func edgeVertices(_ index: Int) -> (Int, Int) {
    let ends = edgeEnds[index]
    return (ends & 0xFFFF_FFFF, ends >> 32)
  }

  /// The vertices a < b < c of the triangle with colex index `index`.
  func triangleVertices(_ index: Int) -> (Int, Int, Int) {
    withUnsafeTemporaryAllocation(of: Int.self, capacity: 3) { vertices in
      binomials.decode(index, dimension: 2, into: vertices.baseAddress!)
      return (vertices[2], vertices[1], vertices[0])
    }
  }

  /// The persistence diagrams of dimensions 0 and 1 over Z/2, by the engine's cohomology reducer
  /// (`PersistentCohomology`). Bars are in relaxation units; classes alive at α_max are essential.
  public func diagrams(threads: Int = 1) -> [PersistenceDiagram] {
    PersistentCohomology.diagrams(of: self, field: BinaryField(), maxDimension: 1, threads: threads)
  }

  /// The H1 diagram over Z/2 (see ``diagrams(threads:)``).
  public func h1Barcode(threads: Int = 1) -> PersistenceDiagram { diagrams(threads: threads)[1] }
}
