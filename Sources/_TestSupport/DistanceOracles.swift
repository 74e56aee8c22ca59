import Foundation
import TDAEval

/// Brute-force diagram distances for tiny finite diagrams: every partial matching is enumerated
/// (each point of `a`, in turn, goes to an unused point of `b` or to the diagonal; what is left of
/// `b` goes to the diagonal), with the ground metric written out from its definition — the
/// `internalP` norm of the difference, and the distance to the diagonal as the distance to the
/// orthogonal projection ((b + d)/2, (b + d)/2). Exponential: keep both sides ≤ 6 points.
public struct BruteForceDiagramDistance {
  public let a: [PersistencePair]
  public let b: [PersistencePair]
  public let internalP: Double

  public init(_ a: [PersistencePair], _ b: [PersistencePair], internalP: Double = .infinity) {
    precondition(a.count <= 7 && b.count <= 7, "brute force is exponential")
    self.a = a
    self.b = b
    self.internalP = internalP
  }

  func norm(_ dx: Double, _ dy: Double) -> Double {
    if internalP.isInfinite { return max(abs(dx), abs(dy)) }
    return pow(pow(abs(dx), internalP) + pow(abs(dy), internalP), 1 / internalP)
  }

  func edge(_ p: PersistencePair, _ r: PersistencePair) -> Double {
    norm(p.birth - r.birth, p.death - r.death)
  }

  func toDiagonal(_ p: PersistencePair) -> Double {
    let middle = (p.birth + p.death) / 2
    return norm(p.birth - middle, p.death - middle)
  }

  /// Calls `body` with the edge lengths of every partial matching.
  func forEachMatching(_ body: ([Double]) -> Void) {
    var used = [Bool](repeating: false, count: b.count)
    var lengths: [Double] = []
    func place(_ k: Int) {
      if k == a.count {
        let rest = b.indices.filter { !used[$0] }.map { toDiagonal(b[$0]) }
        body(lengths + rest)
        return
      }
      lengths.append(toDiagonal(a[k]))
      place(k + 1)
      lengths.removeLast()
      for j in b.indices where !used[j] {
        used[j] = true
        lengths.append(edge(a[k], b[j]))
        place(k + 1)
        lengths.removeLast()
        used[j] = false
      }
    }
    place(0)
  }

  /// min over matchings of the longest edge (L∞ only makes sense with `internalP == .infinity`).
  public var bottleneck: Double {
    var best = Double.infinity
    forEachMatching { best = min(best, $0.max() ?? 0) }
    return best
  }

  /// (min over matchings of Σ length^q)^(1/q).
  public func wasserstein(order q: Double) -> Double {
    var best = Double.infinity
    forEachMatching { lengths in best = min(best, lengths.reduce(0) { $0 + pow($1, q) }) }
    return pow(best, 1 / q)
  }
}

/// A random finite diagram of `count` points: births uniform on [0, scale), persistence
/// exponential with mean `scale / 4`; with `ties`, coordinates are rounded to multiples of
/// `scale / 8` so that ties and duplicates are frequent.
public func randomDiagram(count: Int, seed: UInt64, scale: Double = 1, ties: Bool = false)
  -> PersistenceDiagram
{
  var generator = SeededGenerator(seed: seed)
  var pairs: [PersistencePair] = []
  for _ in 0..<count {
    var birth = generator.nextUniform() * scale
    var persistence = -log(1 - generator.nextUniform()) * scale / 4
    if ties {
      let step = scale / 8
      birth = (birth / step).rounded() * step
      persistence = (persistence / step).rounded() * step
    }
    pairs.append(PersistencePair(birth: birth, death: birth + persistence))
  }
  return PersistenceDiagram(dimension: 1, pairs: pairs)
}

/// The cost of `matching` between `a` and `b` as a Wasserstein-q value with ground metric
/// `internalP` (q = .infinity gives the longest edge), computed from the definition.
public func matchingCost(
  _ matching: [MatchedPair], _ a: PersistenceDiagram, _ b: PersistenceDiagram,
  order q: Double, internalP: Double = .infinity
) -> Double {
  let oracle = BruteForceDiagramDistance([], [], internalP: internalP)
  func isFinite(_ p: PersistencePair) -> Bool { p.birth.isFinite && p.death.isFinite }
  var lengths: [Double] = []
  for pair in matching {
    switch (pair.first, pair.second) {
    case (-1, let j):
      lengths.append(isFinite(b.pairs[j]) ? oracle.toDiagonal(b.pairs[j]) : .infinity)
    case (let i, -1):
      lengths.append(isFinite(a.pairs[i]) ? oracle.toDiagonal(a.pairs[i]) : .infinity)
    case (let i, let j):
      let (p, r) = (a.pairs[i], b.pairs[j])
      if isFinite(p) && isFinite(r) {
        lengths.append(oracle.edge(p, r))
      } else if p.birth.isInfinite && p.death.isInfinite {
        lengths.append(0)
      } else {
        lengths.append(p.birth.isInfinite ? abs(p.death - r.death) : abs(p.birth - r.birth))
      }
    }
  }
  if q.isInfinite { return lengths.max() ?? 0 }
  return pow(lengths.reduce(0) { $0 + pow($1, q) }, 1 / q)
}
