/// A simplex with a coefficient: one entry of a (co)chain.
@usableFromInline
struct Term<Index: SimplexIndex, Element> {
  @usableFromInline var simplex: FilteredSimplex<Index>
  @usableFromInline var coefficient: Element

  @inlinable init(_ simplex: FilteredSimplex<Index>, _ coefficient: Element) {
    self.simplex = simplex
    self.coefficient = coefficient
  }
}

/// The working coboundary of a column being reduced: a lazy sum of terms (duplicates allowed)
/// from which `pivot(in:)` extracts the entry earliest in the filtration (smallest value, ties
/// larger index), popping and merging equal simplices until a non-zero sum is on top — Ripser's
/// `pop_pivot`/`get_pivot`.
///
/// A **radix heap** on the values: the pivots of a reduction only move forward in the filtration,
/// so the terms are split at the `frontier`, the value of the latest term extracted. Terms with a
/// value up to it are in `near`, a binary heap in filtration order (the few that tie at the
/// frontier, and the terms preceding it that cancel in pairs); a term of a later value is appended
/// to bucket b, where b − 1 is the highest bit in which its value's key differs from the
/// frontier's (keys: the values' bit patterns made order-preserving). When `near` runs empty, the
/// lowest non-empty bucket is spread below its smallest value, which becomes the frontier. A
/// term is moved at most 64 times, almost always a few, and pushes are appends: the huge columns
/// (millions of terms, most of them never reached) stay cheap, where a binary heap of them all
/// would miss the cache at every level.
@usableFromInline
struct WorkingColumn<Index: SimplexIndex, Element> {
  @usableFromInline typealias Entry = Term<Index, Element>

  /// The terms of value ≤ the frontier, a binary heap in filtration order.
  @usableFromInline var near: [Entry] = []
  /// `buckets[b]` (1 ≤ b ≤ 64): terms whose key's highest bit differing from the frontier is b − 1.
  @usableFromInline var buckets = [[Entry]](repeating: [], count: 65)
  /// Bit b − 1 set iff `buckets[b]` is not empty.
  @usableFromInline var occupied: UInt64 = 0
  /// The key of the value of the latest term extracted (0 before the first).
  @usableFromInline var frontier: UInt64 = 0
  /// Scratch for spreading a bucket.
  @usableFromInline var spreading: [Entry] = []

  @inlinable init() {}

  @inlinable var isEmpty: Bool { near.isEmpty && occupied == 0 }

  @inlinable mutating func removeAll() {
    Self.empty(&near)
    while occupied != 0 {
      let b = occupied.trailingZeroBitCount + 1
      Self.empty(&buckets[b])
      occupied &= occupied &- 1
    }
    frontier = 0
  }

  /// Terms a bucket keeps room for when emptied; larger ones give their memory back, so that
  /// the buckets, which fill and empty at different times, never hold much more than the terms.
  @inlinable static var retainedCapacity: Int { 1 << 14 }

  @inlinable @inline(__always)
  static func empty(_ terms: inout [Entry]) {
    if terms.capacity > retainedCapacity {
      terms = []
    } else {
      terms.removeAll(keepingCapacity: true)
    }
  }

  /// An order-preserving key of a value (−0 is taken as +0; values are never NaN).
  @inlinable @inline(__always)
  static func key(_ value: Double) -> UInt64 {
    let bits = (value + 0.0).bitPattern
    return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
  }

  @inlinable @inline(__always)
  mutating func push(_ term: Entry) {
    let k = Self.key(term.simplex.value)
    if k <= frontier {
      pushNear(term)
    } else {
      let b = UInt64.bitWidth - (k ^ frontier).leadingZeroBitCount
      buckets[b].append(term)
      occupied |= 1 << UInt64(b - 1)
    }
  }

  @inlinable
  mutating func pushNear(_ term: Entry) {
    near.append(term)
    near.withUnsafeMutableBufferPointer { h in
      var child = h.count - 1
      let moving = h[child]
      while child > 0 {
        let parent = (child - 1) >> 1
        guard moving.simplex.precedes(h[parent].simplex) else { break }
        h[child] = h[parent]
        child = parent
      }
      h[child] = moving
    }
  }

  /// Moves the lowest non-empty bucket below its smallest value, which becomes the frontier.
  @inlinable
  mutating func advance() {
    let b = occupied.trailingZeroBitCount + 1
    occupied &= occupied &- 1
    swap(&spreading, &buckets[b])
    var smallest = UInt64.max
    for term in spreading { smallest = min(smallest, Self.key(term.simplex.value)) }
    frontier = smallest
    for term in spreading { push(term) }
    Self.empty(&spreading)
  }

  @inlinable
  mutating func popTop() -> Entry? {
    if near.isEmpty {
      if occupied == 0 { return nil }
      advance()
    }
    let last = near.removeLast()
    if near.isEmpty { return last }
    return near.withUnsafeMutableBufferPointer { h in
      let top = h[0]
      let count = h.count
      var parent = 0
      while true {
        var child = 2 * parent + 1
        if child >= count { break }
        if child + 1 < count && h[child + 1].simplex.precedes(h[child].simplex) { child += 1 }
        guard h[child].simplex.precedes(last.simplex) else { break }
        h[parent] = h[child]
        parent = child
      }
      h[parent] = last
      return top
    }
  }

  /// Removes and returns the earliest simplex whose summed coefficient is non-zero, summing
  /// (and discarding) the duplicates of every simplex met on the way.
  @inlinable
  mutating func popPivot<K: CoefficientField>(in field: K) -> Term<Index, Element>?
  where K.Element == Element {
    while var top = popTop() {
      // Every duplicate of `top` has its value, the frontier's: it is in `near`.
      while let next = near.first, next.simplex.index == top.simplex.index {
        top.coefficient = field.sum(top.coefficient, next.coefficient)
        _ = popTop()
      }
      if !field.isZero(top.coefficient) { return top }
    }
    return nil
  }

  /// The pivot (earliest non-zero entry), left in the column.
  @inlinable
  mutating func pivot<K: CoefficientField>(in field: K) -> Term<Index, Element>?
  where K.Element == Element {
    guard let top = popPivot(in: field) else { return nil }
    push(top)
    return top
  }
}
