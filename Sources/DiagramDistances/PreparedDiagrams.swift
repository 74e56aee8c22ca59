import Persistence

/// The three families of essential points; a point is matched only within its family.
enum EssentialFamily: Int, CaseIterable {
  /// `(b, +∞)` with finite `b`, matched by birth.
  case bornFinite
  /// `(−∞, d)` with finite `d`, matched by death.
  case diesFinite
  /// `(−∞, +∞)`: all alike, matched at cost 0.
  case wholeLine
}

/// Two diagrams split for the distance algorithms: their finite off-diagonal points in flat arrays
/// (`x` births, `y` deaths), the indices of diagonal points, and the essential points by family.
///
/// Validation happens here: a NaN, a point below the diagonal, `birth == +∞` or `death == −∞`
/// throws `DiagramDistanceError.invalidPoint`.
struct PreparedDiagram {
  var x: [Double] = []
  var y: [Double] = []
  /// The original index of each finite off-diagonal point.
  var index: [Int] = []
  /// Original indices of the points with `birth == death` (they cost nothing).
  var onDiagonal: [Int] = []
  /// Per family: (finite coordinate, original index), sorted by coordinate.
  var essential: [[(coordinate: Double, index: Int)]] = Array(repeating: [], count: 3)

  var count: Int { x.count }

  init(_ diagram: PersistenceDiagram, name: String, ignoreEssential: Bool) throws {
    for (position, pair) in diagram.pairs.enumerated() {
      let (b, d) = (pair.birth, pair.death)
      guard !b.isNaN, !d.isNaN, b <= d, b != .infinity, d != -.infinity else {
        throw DiagramDistanceError.invalidPoint(diagram: name, index: position, birth: b, death: d)
      }
      if b.isFinite && d.isFinite {
        if b == d {
          onDiagonal.append(position)
        } else {
          x.append(b)
          y.append(d)
          index.append(position)
        }
      } else if !ignoreEssential {
        if b.isFinite {
          essential[EssentialFamily.bornFinite.rawValue].append((b, position))
        } else if d.isFinite {
          essential[EssentialFamily.diesFinite.rawValue].append((d, position))
        } else {
          essential[EssentialFamily.wholeLine.rawValue].append((0, position))
        }
      }
    }
    for family in essential.indices {
      essential[family].sort { ($0.coordinate, $0.index) < ($1.coordinate, $1.index) }
    }
  }
}

extension PreparedDiagram {
  /// If `a` and `b` hold the same finite off-diagonal points as multisets, a zero-cost pairing of
  /// them (positions in `x`/`y`); otherwise nil. O((n + m) log(n + m)).
  ///
  /// Distances are then exactly 0 — a shortcut that also spares the auction the case its
  /// certificate cannot close.
  static func identicalPairing(_ a: PreparedDiagram, _ b: PreparedDiagram) -> [(Int, Int)]? {
    guard a.count == b.count else { return nil }
    func order(_ d: PreparedDiagram) -> [Int] {
      d.x.indices.sorted { (d.x[$0], d.y[$0]) < (d.x[$1], d.y[$1]) }
    }
    let (first, second) = (order(a), order(b))
    for (i, j) in zip(first, second) where a.x[i] != b.x[j] || a.y[i] != b.y[j] { return nil }
    return Array(zip(first, second))
  }
}

/// The essential parts of two diagrams, matched family by family in sorted order (optimal for
/// every convex cost of the coordinate difference).
struct EssentialMatching {
  /// Whether some family has different counts in the two diagrams (the distance is then +∞).
  var countsDiffer = false
  /// The coordinate differences `|Δ|` of the matched essential pairs.
  var differences: [Double] = []
  /// The matched pairs (original indices); unpaired points go to the diagonal (−1).
  var pairs: [MatchedPair] = []

  init(_ a: PreparedDiagram, _ b: PreparedDiagram) {
    for family in 0..<3 {
      let (left, right) = (a.essential[family], b.essential[family])
      if left.count != right.count { countsDiffer = true }
      for k in 0..<max(left.count, right.count) {
        if k < left.count && k < right.count {
          differences.append(abs(left[k].coordinate - right[k].coordinate))
          pairs.append(MatchedPair(left[k].index, right[k].index))
        } else if k < left.count {
          pairs.append(MatchedPair(left[k].index, -1))
        } else {
          pairs.append(MatchedPair(-1, right[k].index))
        }
      }
    }
  }

  /// The diagonal points of both diagrams, matched with the diagonal.
  static func diagonalPairs(_ a: PreparedDiagram, _ b: PreparedDiagram) -> [MatchedPair] {
    a.onDiagonal.map { MatchedPair($0, -1) } + b.onDiagonal.map { MatchedPair(-1, $0) }
  }
}
