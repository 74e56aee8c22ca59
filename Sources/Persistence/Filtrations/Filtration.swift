/// A filtered simplicial complex on vertices 0..<`vertexCount`, as the cohomology reducer
/// (`PersistentCohomology`) consumes it. Vietoris–Rips (dense and sparse distances) and the
/// witness filtration conform; the reducer is written once against this protocol.
///
/// ## Contract
/// * **Simplices** are named by their index in the combinatorial number system of `binomials`
///   (a k-simplex v_k > … > v_0 is Σᵢ C(vᵢ, i + 1)) and carry a **value**: the filtration value at
///   which the simplex enters (for Rips, its diameter — the longest edge; for a witness complex,
///   whatever the witness rule gives, which need not be the largest edge). A simplex is in the
///   filtration iff the filtration enumerates it; the filtration applies its own threshold.
/// * **Faces enter no later than cofaces**: every facet's value is ≤ its cofacets' values, and
///   every simplex of dimension ≥ 1 has all its facets in the filtration. Vertices enter at
///   `vertexValue(_:)` (0 for Rips).
/// * **Order and ties**: the filtration order is by value, and among equal values by larger
///   index first (`FilteredSimplex.precedes`). Values must not be NaN.
/// * **Enumeration order** (the apparent/emergent-pair shortcuts rely on it):
///   `forEachCofacet` visits cofacets in **decreasing** index order, `forEachFacet` visits facets
///   in
///   **increasing** index order. `forEachSimplex` may visit in any order.
/// * **Orientation**: the incidence number [τ : σ] of a facet σ = τ ∖ {v} is (−1)^m, where m is the
///   number of vertices of τ smaller than v; callbacks receive `negative == (m is odd)`. Both
///   enumerations must report the same sign for the same pair.
/// * Callbacks return `true` to continue, `false` to stop the enumeration early.
/// * Conformers must be safe to call from several threads at once (no shared mutable state).
///
/// ## Performance
/// The reducer is generic and specialised by the compiler when the conforming type lives in the
/// `Persistence` module (whole-module optimisation); define new filtrations there and keep these
/// methods free of allocation.
///
/// ## Access
/// `package`: no public API takes a filtration (`RipsPersistence` and `GeometryScore` are the
/// library's entries), and the requirements name the reducer's plumbing (`BinomialTable`,
/// `FilteredSimplex`, `SimplexIndex`), which would otherwise have to be public too.
package protocol Filtration: Sendable {
  /// The type of simplex indices (`Int` unless the complex needs wider ones).
  associatedtype Index: SimplexIndex

  /// The number of vertices n.
  var vertexCount: Int { get }
  /// Binomial coefficients for n vertices, up to C(n, maxDimension + 2) at least, where
  /// maxDimension is the largest homology dimension asked of the reducer.
  var binomials: BinomialTable<Index> { get }
  /// The value at which vertex `v` enters (Rips: 0). Bars of dimension 0 are born there.
  func vertexValue(_ v: Int) -> Double

  /// Visits every simplex of dimension `dimension` ≥ 1 in the filtration, or the share
  /// `part` (0 ≤ part < parts) of them; the shares for `part` in 0..<parts partition the simplices
  /// and may be visited concurrently. The reducer calls this to assemble the columns of a
  /// dimension (edges for dimension 0 and the columns of H1, triangles for H2, …).
  func forEachSimplex(
    ofDimension dimension: Int, part: Int, of parts: Int, _ body: (FilteredSimplex<Index>) -> Void)

  /// Visits the cofacets of the `dimension`-simplex `simplex` in the filtration, in decreasing
  /// index order, with the sign of the incidence number; stops when `body` returns `false`.
  func forEachCofacet(
    of simplex: FilteredSimplex<Index>, dimension: Int,
    _ body: (_ cofacet: FilteredSimplex<Index>, _ negative: Bool) -> Bool)

  /// Visits the facets of the `dimension`-simplex `simplex` (dimension ≥ 1), in increasing index
  /// order, with the sign of the incidence number; stops when `body` returns `false`.
  func forEachFacet(
    of simplex: FilteredSimplex<Index>, dimension: Int,
    _ body: (_ facet: FilteredSimplex<Index>, _ negative: Bool) -> Bool)

  /// τ such that (`simplex`, τ) is a zero-persistence apparent pair: τ is the earliest cofacet
  /// (in `forEachCofacet` order) of the simplex's own value, and the simplex is the latest facet
  /// (in `forEachFacet` order) of τ's value. Has a default built on the two enumerations;
  /// filtrations override it with a faster search giving the same answer.
  func zeroApparentCofacet(of simplex: FilteredSimplex<Index>, dimension: Int)
    -> FilteredSimplex<Index>?

  /// σ, with the sign of [`simplex` : σ], such that (σ, `simplex`) is a zero-persistence apparent
  /// pair (`dimension` ≥ 1). Has a default built on the two enumerations, like
  /// `zeroApparentCofacet(of:dimension:)`.
  func zeroApparentFacet(of simplex: FilteredSimplex<Index>, dimension: Int)
    -> (facet: FilteredSimplex<Index>, negative: Bool)?
}
