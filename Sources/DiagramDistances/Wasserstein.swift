import Foundation
import Persistence

/// The Wasserstein distance of order q between persistence diagrams with ground metric L_p
/// (`internalP`, default ∞):
///
///     W_{q,p}(A, B) = ( min over partial matchings γ of  Σ ‖a − γ(a)‖_p^q
///                       + Σ over unmatched points x of dist_p(x, diagonal)^q )^(1/q),
///
/// `dist_p(x, diagonal) = (death − birth) · 2^(1/p − 1)`. Conventions (docs/metrics.md, as Hera and
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
/// `exactSizeLimit` finite off-diagonal points together, the auction otherwise. Diagrams whose
/// finite points all share one birth (H0 of a Rips filtration) or one death are solved exactly by
/// `.automatic` and `.exact` at every size: sorted along the free coordinate, an optimal matching
/// is non-crossing (`lineAssignment`).
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
    let essential = EssentialMatching(first, second)
    let plain = GroundCost(internalP: internalP, order: order)
    let scale = Scale(first, second, essential: essential, ground: plain)
    let ground = plain.scaled(unit: scale.unit, cap: scale.cap)
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
    } else if let pairing = PreparedDiagram.identicalPairing(first, second) {
      assignment = instance.identicalAssignment(pairing)
    } else if method != .auction, let line = lineAssignment(instance) {
      assignment = line
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
    // total = Σ (d / u)^q, so the distance is u · total^(1/q); it is +∞ only if that overflows.
    let distance: Double
    if total == 0 {
      distance = 0
    } else if total.isInfinite {
      distance = .infinity
    } else {
      distance = scale.unit * (order == 1 ? total : pow(total, 1 / order))
    }
    var pairs: [MatchedPair]? = nil
    if matching {
      pairs =
        essential.pairs + EssentialMatching.diagonalPairs(first, second)
        + instance.pairs(assignment, first, second)
    }
    return DiagramDistanceResult(distance: distance, matching: pairs)
  }
}

extension Wasserstein {
  /// The unit and cap of the scaled costs (`GroundCost`) for one pair of diagrams.
  ///
  /// The bottleneck search with relative error δ = 1/q gives a matching all of whose edges have
  /// L∞ length ≤ B̂ ≤ (1 + δ) B∞ (B∞ the bottleneck distance); let M be the longest L_p length of
  /// its edges (and of the essential differences), so `B∞ ≤ M ≤ 2^(1/p) B̂`. Every matching has
  /// an edge of L∞ length ≥ B∞, and the L_p norm is ≥ the L∞ norm, so with unit u
  ///
  ///     OPT' = OPT / u^q ≥ (B∞ / u)^q ≥ (M / u)^q · (2^(1/p) (1 + 1/q))^(−q)
  ///                                   ≥ (M / u)^q · 2^(−q/p) / e,
  ///
  /// while that matching costs `U = Σ (‖edge‖_p / u)^q ≥ OPT'`, at most `N · (M / u)^q`.
  ///
  /// - For q ≤ 256, u is the power of two with `u ≤ M < 2u`: scaling by a power of two is exact,
  ///   so costs and distances are bit for bit those of the unscaled formulas whenever those
  ///   neither overflow nor underflow; `U ≤ N · 2^256` and `OPT' ≥ 2^(−256/p) / e ≥ 2^(−257)`.
  /// - For q > 256, u = M: `U ≤ N` and `OPT' ≥ 2^(−q/p) / e` — exactly 1/e and up under L∞ for
  ///   every q, and within range for q/p ≤ 1000. (Beyond, with a finite p, an optimum far below
  ///   M^q may round to 0; the value remains the cost of an actual matching.)
  ///
  /// The cap is `2U > OPT'` (see `GroundCost`: capping at any value above OPT' keeps the
  /// optimum), at most `max / (4N)` so that sums of N costs stay finite. If M itself overflows
  /// (an L_p length above the largest double), B̂ (always finite: half persistences are computed
  /// without overflow) is used in its place. With B̂ = 0 the finite parts are identical and the
  /// unit is irrelevant (1).
  struct Scale {
    var unit = 1.0
    var cap = Double.infinity

    init(
      _ first: PreparedDiagram, _ second: PreparedDiagram, essential: EssentialMatching,
      ground: GroundCost
    ) {
      let q = ground.q
      var matcher = BottleneckMatcher(ax: first.x, ay: first.y, bx: second.x, by: second.y)
      let finite = Bottleneck.search(&matcher, first, second, relativeError: 1 / q)
      let differences = essential.countsDiffer ? [] : essential.differences
      let bottleneck = max(finite, differences.max() ?? 0)
      guard bottleneck > 0, bottleneck.isFinite else { return }
      let (n, m) = (first.count, second.count)
      var edges: [(Int, Int)] = []
      for u in 0..<(n + m) {
        let v = Int(matcher.mateOfLeft[u])
        if v >= 0 && (u < n || v < m) { edges.append((u, v)) }
      }
      func length(_ u: Int, _ v: Int) -> Double {
        switch (u < n, v < m) {
        case (true, true):
          return ground.norm(abs(first.x[u] - second.x[v]), abs(first.y[u] - second.y[v]))
        case (true, false): return ground.diagonalDistance(first.x[u], first.y[u])
        default: return ground.diagonalDistance(second.x[v], second.y[v])
        }
      }
      var longest = differences.max() ?? 0
      for (u, v) in edges { longest = max(longest, length(u, v)) }
      if !longest.isFinite || longest == 0 { longest = bottleneck }
      unit = q <= 256 ? Double(sign: .plus, exponent: longest.exponent, significand: 1) : longest
      let unscaled = ground.scaled(unit: unit, cap: .infinity)
      var upper = 0.0
      for (u, v) in edges {
        switch (u < n, v < m) {
        case (true, true): upper += unscaled.cost(first.x[u], first.y[u], second.x[v], second.y[v])
        case (true, false): upper += unscaled.diagonalCost(first.x[u], first.y[u])
        default: upper += unscaled.diagonalCost(second.x[v], second.y[v])
        }
      }
      for difference in differences { upper += unscaled.power(difference) }
      let ceiling = Double.greatestFiniteMagnitude / Double(4 * max(n + m + differences.count, 1))
      cap = upper > 0 ? min(2 * upper, ceiling) : ceiling
    }
  }
}
