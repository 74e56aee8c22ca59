/// A simplex as the reducer sees it: its filtration value and its combinatorial index.
///
/// The filtration order is by `value`, and among equal values by **larger index first**
/// (Ripser's order); `precedes(_:)` implements it.
@usableFromInline
package struct FilteredSimplex<Index: SimplexIndex>: Sendable {
  /// The filtration value (for Vietoris–Rips: the diameter, the longest edge).
  @usableFromInline package var value: Double
  /// The index in the combinatorial number system (see `SimplexIndex`).
  @usableFromInline package var index: Index

  @inlinable
  package init(value: Double, index: Index) {
    self.value = value
    self.index = index
  }

  /// Whether `self` enters the filtration strictly before `other`: smaller value, or the same
  /// value and a larger index.
  @inlinable
  package func precedes(_ other: Self) -> Bool {
    value < other.value || (value == other.value && index > other.index)
  }
}
