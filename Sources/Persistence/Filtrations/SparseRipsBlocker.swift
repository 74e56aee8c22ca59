/// The blocker of Sheehy's sparse Rips filtration as GUDHI's `Sparse_rips_complex` applies it: a
/// simplex of filtration value f is left out when one of its vertices v has an insertion radius
/// λᵥ < f · ε(1 − ε)/2, i.e. v was merged into an earlier point before the simplex could be born.
///
/// Vertices are numbered in greedy order, so the radii never increase and the smallest radius of
/// a simplex is its largest vertex's. A blocked simplex's cofaces are blocked too (their values
/// are no smaller and their youngest vertex no older), so the simplices kept form a filtered
/// simplicial complex. GUDHI applies no blocker for ε ≥ 1.
public struct SparseRipsBlocker: Sendable {
  /// The insertion radius of each vertex, non-increasing (+∞ for vertex 0).
  @usableFromInline let radii: [Double]
  /// ε(1 − ε)/2, evaluated as GUDHI evaluates it.
  @usableFromInline let factor: Double

  /// The blocker for approximation parameter `epsilon` < 1 and the radii of the vertices in greedy
  /// order; nil for `epsilon` ≥ 1, where nothing is blocked.
  init?(epsilon: Double, radii: [Double]) {
    guard epsilon < 1 else { return nil }
    assert(zip(radii, radii.dropFirst()).allSatisfy { $0 >= $1 }, "radii must not increase")
    self.radii = radii
    factor = Self.factor(epsilon: epsilon)
  }

  /// ε(1 − ε)/2, the factor of both the blocker and the edge rule.
  static func factor(epsilon: Double) -> Double { epsilon * (1 - epsilon) / 2 }

  /// Whether a simplex of filtration value `value` whose largest vertex is `youngestVertex` is
  /// left out.
  @inlinable @inline(__always)
  func blocks(value: Double, youngestVertex: Int) -> Bool {
    radii[youngestVertex] < value * factor
  }

  /// The largest vertex v such that a simplex of value `value` whose youngest vertex is v is
  /// kept (−1 if there is none). As the radii never increase, the vertices that block a simplex
  /// of value `value` are exactly those above it: a simplex of that value is kept iff all its
  /// vertices are at most this one.
  @inlinable
  func lastUnblockedVertex(value: Double) -> Int {
    var low = 0  // radii[..<low] keep
    var high = radii.count  // radii[high...] block
    while low < high {
      let middle = (low + high) >> 1
      if blocks(value: value, youngestVertex: middle) { high = middle } else { low = middle + 1 }
    }
    return low - 1
  }
}
