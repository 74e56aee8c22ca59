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

/// The working coboundary of a column being reduced: a binary heap holding a lazy sum of
/// terms (duplicates allowed), whose top is the entry earliest in the filtration (smallest
/// value, ties larger index). `pivot(in:)` pops and merges equal simplices until a non-zero sum
/// is on top — Ripser's `pop_pivot`/`get_pivot`.
@usableFromInline
struct WorkingColumn<Index: SimplexIndex, Element> {
  @usableFromInline var heap: [Term<Index, Element>] = []

  @inlinable init() {}

  @inlinable var isEmpty: Bool { heap.isEmpty }

  @inlinable mutating func removeAll() { heap.removeAll(keepingCapacity: true) }

  @inlinable
  mutating func push(_ term: Term<Index, Element>) {
    heap.append(term)
    heap.withUnsafeMutableBufferPointer { h in
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

  @inlinable
  mutating func popTop() -> Term<Index, Element>? {
    guard let last = heap.popLast() else { return nil }
    if heap.isEmpty { return last }
    return heap.withUnsafeMutableBufferPointer { h in
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
      while let next = heap.first, next.simplex.index == top.simplex.index {
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
