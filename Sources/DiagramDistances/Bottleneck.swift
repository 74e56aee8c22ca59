import Persistence

/// The bottleneck distance between persistence diagrams, with the L∞ ground metric:
///
///     W∞(A, B) = min over partial matchings γ of max( max ‖a − γ(a)‖∞ , max over unmatched
///                points p of (death(p) − birth(p)) / 2 ),
///
/// the half persistence being the L∞ distance to the diagonal. Conventions (docs/metrics.md):
/// points on
/// the diagonal cost nothing; duplicates count with multiplicity; essential points are matched
/// within their family (`(b, ∞)` by birth, `(−∞, d)` by death, `(−∞, ∞)` at cost 0), the
/// distance being +∞ if the counts of a family differ, unless `ignoreEssential` drops them.
///
/// **Exact mode** (`relativeError == 0`): the value is one of the candidate distances (an L∞
/// distance between two points or a half persistence), found by a search over candidates:
/// a bisection on the reals brackets the answer in an interval `(lo, hi]` narrow enough to hold
/// few candidates, these are enumerated with annulus range queries and searched by bisection.
/// **Approximate mode** (`relativeError = δ > 0`): the bisection stops at `hi ≤ (1 + δ) lo` and
/// returns the longest edge of a matching found within `hi`, so `exact ≤ value ≤ (1 + δ) exact`.
///
/// Each probe asks `BottleneckMatcher` whether a perfect matching with edges ≤ r exists
/// (geometric Hopcroft–Karp-style augmentation with a deletable 2-d tree, warm-started from the
/// previous probe). Memory is O(n + m); time is about O((n + m) log(n + m)) per augmentation round.
public enum Bottleneck {
  /// The bottleneck distance between `a` and `b`.
  ///
  /// - Parameters:
  ///   - relativeError: 0 for the exact value, or δ > 0 for a value within a factor 1 + δ above it.
  ///   - ignoreEssential: drop the essential points of both diagrams instead of matching them.
  /// - Throws: `DiagramDistanceError` for an invalid point or parameter.
  public static func distance(
    _ a: PersistenceDiagram, _ b: PersistenceDiagram, relativeError: Double = 0,
    ignoreEssential: Bool = false
  ) throws -> Double {
    try compute(
      a, b, relativeError: relativeError, ignoreEssential: ignoreEssential, matching: false
    ).distance
  }

  /// The bottleneck distance and, if `matching` is true, a matching realising it (every point of
  /// both diagrams appears once; −1 is the diagonal; indices refer to `a.pairs` and `b.pairs`).
  public static func compute(
    _ a: PersistenceDiagram, _ b: PersistenceDiagram, relativeError: Double = 0,
    ignoreEssential: Bool = false, matching: Bool = false
  ) throws -> DiagramDistanceResult {
    guard relativeError >= 0, relativeError.isFinite else {
      throw DiagramDistanceError.invalidParameter(
        name: "relativeError", value: "\(relativeError)", allowed: "a finite number ≥ 0")
    }
    let first = try PreparedDiagram(a, name: "first", ignoreEssential: ignoreEssential)
    let second = try PreparedDiagram(b, name: "second", ignoreEssential: ignoreEssential)
    let essential = EssentialMatching(first, second)
    let essentialCost = essential.countsDiffer ? .infinity : (essential.differences.max() ?? 0)
    var matcher = BottleneckMatcher(ax: first.x, ay: first.y, bx: second.x, by: second.y)
    let finite = search(&matcher, first, second, relativeError: relativeError)
    var pairs: [MatchedPair]? = nil
    if matching {
      var list = essential.pairs + EssentialMatching.diagonalPairs(first, second)
      let (n, m) = (first.count, second.count)
      for u in 0..<(n + m) {
        let v = Int(matcher.mateOfLeft[u])
        switch (u < n, v < m) {
        case (true, true): list.append(MatchedPair(first.index[u], second.index[v]))
        case (true, false): list.append(MatchedPair(first.index[u], -1))
        case (false, true): list.append(MatchedPair(-1, second.index[v]))
        case (false, false): break
        }
      }
      pairs = list
    }
    return DiagramDistanceResult(distance: max(finite, essentialCost), matching: pairs)
  }

  /// The bottleneck distance of the finite parts held by `matcher`, which is left holding a
  /// matching that realises the returned value.
  static func search(
    _ matcher: inout BottleneckMatcher, _ first: PreparedDiagram, _ second: PreparedDiagram,
    relativeError: Double
  ) -> Double {
    if matcher.n + matcher.m == 0 { return 0 }
    // Everything to the diagonal is always possible.
    if PreparedDiagram.identicalPairing(first, second) != nil {
      _ = matcher.isPerfectlyMatchable(within: 0)
      return 0
    }
    let everything = max(matcher.aHalf.max() ?? 0, matcher.bHalf.max() ?? 0)
    _ = matcher.isPerfectlyMatchable(within: everything)
    var hi = matcher.longestEdge()
    var lo = 0.0
    var hiIsCurrent = true
    // The answer lies in (lo, hi]: lo failed, a matching within hi exists.
    let target = relativeError > 0 ? relativeError : 1e-3
    var candidates: [Double] = []
    while true {
      if hi - lo <= target * lo {
        if relativeError > 0 { break }
        candidates = enumerateCandidates(
          matcher, above: lo, upTo: hi, limit: 4 * (matcher.n + matcher.m) + 64)
        if !candidates.isEmpty { break }
      }
      let r = lo == 0 ? hi * 0.5 : lo + (hi - lo) * 0.5
      if r <= lo || r >= hi {  // no double strictly between: hi is the answer
        candidates = [hi]
        break
      }
      if matcher.isPerfectlyMatchable(within: r) {
        hi = matcher.longestEdge()
        hiIsCurrent = true
      } else {
        lo = r
        hiIsCurrent = false
      }
    }
    if relativeError > 0 {
      if !hiIsCurrent { _ = matcher.isPerfectlyMatchable(within: hi) }
      return matcher.longestEdge()
    }
    // Smallest candidate c with a matching within c; candidates.last == hi succeeds.
    var (low, high) = (-1, candidates.count - 1)
    hiIsCurrent = hiIsCurrent && candidates[high] == hi
    while high - low > 1 {
      let mid = (low + high) / 2
      if matcher.isPerfectlyMatchable(within: candidates[mid]) {
        let longest = matcher.longestEdge()
        high = mid
        while high > 0 && candidates[high - 1] >= longest { high -= 1 }
        hiIsCurrent = candidates[high] == longest
      } else {
        low = mid
        hiIsCurrent = false
      }
    }
    if !hiIsCurrent { _ = matcher.isPerfectlyMatchable(within: candidates[high]) }
    return candidates[high]
  }

  /// The distinct candidate values in `(lo, hi]`: half persistences and the point-to-point L∞
  /// distances that can matter, computed exactly as the matcher computes edge lengths. Returns
  /// `[]` when there are more than `limit` (the caller then narrows the interval first).
  ///
  /// An edge `a–b` with `d(a, b) ≥ max(h_a, h_b)` (h the half persistences) is never needed:
  /// sending both points to the diagonal instead costs no more. So only points with `h > lo`
  /// need their neighbours in `(lo, min(hi, h))`.
  static func enumerateCandidates(
    _ matcher: BottleneckMatcher, above lo: Double, upTo hi: Double, limit: Int
  ) -> [Double] {
    var values = [hi]  // achieved by the current matching
    for h in matcher.aHalf where h > lo && h <= hi { values.append(h) }
    for h in matcher.bHalf where h > lo && h <= hi { values.append(h) }
    let treeOfB = RangeTree(x: matcher.bx, y: matcher.by)
    for i in 0..<matcher.n where matcher.aHalf[i] > lo {
      let reach = min(hi, matcher.aHalf[i])
      treeOfB.forEach(inAnnulus: lo, reach, around: matcher.ax[i], matcher.ay[i]) { _, d in
        if d < matcher.aHalf[i] { values.append(d) }
      }
      if values.count > limit { return [] }
    }
    let treeOfA = RangeTree(x: matcher.ax, y: matcher.ay)
    for j in 0..<matcher.m where matcher.bHalf[j] > lo {
      let reach = min(hi, matcher.bHalf[j])
      // Pairs whose A point has h > lo were listed above.
      treeOfA.forEach(inAnnulus: lo, reach, around: matcher.bx[j], matcher.by[j]) { i, d in
        if matcher.aHalf[i] <= lo && d < matcher.bHalf[j] { values.append(d) }
      }
      if values.count > limit { return [] }
    }
    values.sort()
    var unique: [Double] = []
    for v in values where unique.last != v { unique.append(v) }
    return unique
  }
}
