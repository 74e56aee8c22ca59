import Foundation
import Persistence

/// The Wasserstein distance of order q between persistence diagrams with ground metric L_p
/// (`internalP`, default ∞):
///
///     W_{q,p}(A, B) = ( min over partial matchings γ of  Σ ‖a − γ(a)‖_p^q
///                       + Σ over unmatched points x of dist_p(x, diagonal)^q )^(1/q),
///
/// `dist_p(x, diagonal) = (death − birth) · 2^(1/p − 1)`. Conventions (DESIGN.md, as Hera and
/// GUDHI): diagonal points cost nothing; duplicates count with multiplicity; essential points are
/// matched within their family by sorting, adding `Σ |Δ|^q` of the finite coordinate (independent
/// of p); the distance is +∞ if a family's counts differ, unless `ignoreEssential` drops them.
///
/// Methods: `.exact` solves the assignment on the restricted augmented graph by the Hungarian
/// method (dense, O((n+m)³) time, for small diagrams; beyond `denseExactLimit`, shortest paths on
/// a sparse candidate graph warm-started by an auction and verified against every pair; O(n+m)
/// memory either way); `.auction` runs an ε-scaling auction with geometric
/// bid queries and stops when its certificate proves a relative error ≤ `relativeError` (the
/// value returned is the cost of an actual matching, so `exact ≤ value ≤ (1 + δ) exact`);
/// `.automatic` (default) is exact when `relativeError == 0` or when the diagrams have at most
/// `exactSizeLimit` finite off-diagonal points together, the auction otherwise.
public enum Wasserstein {
  /// How the matching problem is solved.
  public enum Method: String, Sendable, CaseIterable {
    /// Exact for small diagrams or `relativeError == 0`, the auction otherwise.
    case automatic
    /// The Hungarian method: exact.
    case exact
    /// The ε-scaling auction with a certified relative error.
    case auction
  }

  /// The exact method uses the dense Hungarian method up to this `n + m`, the sparse solver
  /// with global verification (`shortestPathAssignment`) beyond.
  static let denseExactLimit = 300

  /// Under `.automatic`, the largest `n + m` (finite off-diagonal points of both diagrams) solved
  /// exactly.
  public static let exactSizeLimit = 600

  /// The Wasserstein distance of order `order` with ground metric `internalP` between `a` and `b`.
  ///
  /// - Parameters:
  ///   - order: q ≥ 1.
  ///   - internalP: p ∈ [1, ∞] of the ground metric (`.infinity` for L∞).
  ///   - relativeError: the auction's certified relative error δ ≥ 0 (0 forces the exact method).
  ///   - method: see `Method`.
  ///   - ignoreEssential: drop the essential points of both diagrams instead of matching them.
  /// - Throws: `DiagramDistanceError` for an invalid point or parameter.
  public static func distance(
    _ a: PersistenceDiagram, _ b: PersistenceDiagram, order: Double = 1,
    internalP: Double = .infinity, relativeError: Double = 0.01, method: Method = .automatic,
    ignoreEssential: Bool = false
  ) throws -> Double {
    try compute(
      a, b, order: order, internalP: internalP, relativeError: relativeError, method: method,
      ignoreEssential: ignoreEssential, matching: false
    ).distance
  }

  /// The Wasserstein distance and, if `matching` is true, the matching whose cost it is (every
  /// point of both diagrams once; −1 is the diagonal; indices refer to `a.pairs` and `b.pairs`).
  public static func compute(
    _ a: PersistenceDiagram, _ b: PersistenceDiagram, order: Double = 1,
    internalP: Double = .infinity, relativeError: Double = 0.01, method: Method = .automatic,
    ignoreEssential: Bool = false, matching: Bool = false
  ) throws -> DiagramDistanceResult {
    guard order >= 1, order.isFinite else {
      throw DiagramDistanceError.invalidParameter(
        name: "order", value: "\(order)", allowed: "a finite number ≥ 1")
    }
    guard internalP >= 1 else {  // NaN fails too
      throw DiagramDistanceError.invalidParameter(
        name: "internalP", value: "\(internalP)", allowed: "a number in [1, inf]")
    }
    guard relativeError >= 0, relativeError.isFinite else {
      throw DiagramDistanceError.invalidParameter(
        name: "relativeError", value: "\(relativeError)", allowed: "a finite number ≥ 0")
    }
    let first = try PreparedDiagram(a, name: "first", ignoreEssential: ignoreEssential)
    let second = try PreparedDiagram(b, name: "second", ignoreEssential: ignoreEssential)
    let ground = GroundCost(internalP: internalP, order: order)
    let essential = EssentialMatching(first, second)
    let essentialCost =
      essential.countsDiffer ? .infinity : essential.differences.reduce(0) { $0 + ground.power($1) }
    let instance = AssignmentInstance(first, second, ground: ground)
    let useExact: Bool
    switch method {
    case .exact: useExact = true
    case .auction: useExact = relativeError == 0
    case .automatic: useExact = relativeError == 0 || instance.size <= exactSizeLimit
    }
    let assignment: [Int32]
    if essentialCost.isInfinite && !matching {
      assignment = []
    } else if useExact {
      assignment =
        instance.size <= denseExactLimit
        ? hungarianAssignment(instance) : shortestPathAssignment(instance)
    } else {
      assignment = auctionAssignment(
        instance, relativeError: relativeError,
        essentialCost: essentialCost.isFinite ? essentialCost : 0)
    }
    let finiteCost = assignment.isEmpty ? 0 : instance.totalCost(assignment)
    let total = finiteCost + essentialCost
    let distance = order == 1 ? total : pow(total, 1 / order)
    var pairs: [MatchedPair]? = nil
    if matching {
      pairs =
        essential.pairs + EssentialMatching.diagonalPairs(first, second)
        + instance.pairs(assignment, first, second)
    }
    return DiagramDistanceResult(distance: distance, matching: pairs)
  }
}
