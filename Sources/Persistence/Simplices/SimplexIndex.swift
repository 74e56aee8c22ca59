/// The integer type that numbers simplices in the combinatorial number system.
///
/// A k-simplex with vertices v_k > … > v_0 has the index Σᵢ C(vᵢ, i + 1) (its rank in
/// colexicographic order among all k-simplices). The engine never stores vertex lists: a simplex
/// is its filtration value and its index. This protocol is the ONE place where the index type is
/// chosen: `Int` (64-bit, the default and the fast path) conforms here; wider types (e.g. `UInt128`
/// or a GMP integer) conform in their own files.
///
/// Contract: indices up to C(n, maxDimension + 2) must be representable. `BinomialTable` builds
/// every binomial coefficient with `adding(_:)` and throws `PersistenceError.indexOverflow` when a
/// sum is not representable; after that check, `+` and `-` on indices of the filtration never
/// overflow, so they may be unchecked.
///
/// Access: `package` (only the Rips engine and the witness filtration number simplices), and
/// `@usableFromInline` with the index types, `FilteredSimplex` and `BinomialTable`, because the
/// reducer's columns are `@inlinable` generics specialised for each index type.
@usableFromInline
package protocol SimplexIndex: Hashable, Comparable, Sendable {
  /// The index 0.
  static var zero: Self { get }
  /// The index with value `value` (≥ 0), or `nil` if the type cannot represent it.
  init?(exactly value: Int)
  /// `self + other`, or `nil` if the sum is not representable.
  func adding(_ other: Self) -> Self?
  /// `lhs + rhs`; callers guarantee the sum is representable.
  static func + (lhs: Self, rhs: Self) -> Self
  /// `lhs - rhs`; callers guarantee `rhs ≤ lhs`.
  static func - (lhs: Self, rhs: Self) -> Self
  /// The index as an `Int` when it fits (vertex numbers and edge decoding), else `nil`.
  var intValue: Int? { get }
  /// The largest representable index, for error messages (`nil` if unbounded).
  static var maximumDescription: String? { get }
  /// A hash whose low bits are well mixed, for the reducer's open-addressing tables
  /// (default: `hashValue`).
  var tableHash: UInt64 { get }
}

extension SimplexIndex {
  @inlinable package var tableHash: UInt64 { UInt64(truncatingIfNeeded: hashValue) }
}

extension Int: SimplexIndex {
  @inlinable package static var zero: Int { 0 }
  @inlinable package func adding(_ other: Int) -> Int? {
    let (sum, overflow) = addingReportingOverflow(other)
    return overflow ? nil : sum
  }
  @inlinable package var intValue: Int? { self }
  @usableFromInline package static var maximumDescription: String? { "2^63 − 1" }
  /// Fibonacci hashing, with the high half of the product folded onto the low bits.
  @inlinable package var tableHash: UInt64 {
    let product = UInt64(bitPattern: Int64(self)) &* 0x9E37_79B9_7F4A_7C15
    return product ^ (product >> 32)
  }
}
