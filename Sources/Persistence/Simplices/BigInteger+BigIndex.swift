import ExactArithmetic

/// Unbounded simplex indices in GNU MP integers: the engine's last resort when
/// C(n, maxDimension + 2) exceeds 2¹²⁸ − 1, so that no complex that fits in memory is refused.
/// Every index operation allocates, so this path is much slower than the fixed-width ones.
extension BigInteger: SimplexIndex {
  /// The index `value`; never nil.
  @usableFromInline package init?(exactly value: Int) { self.init(value) }
  /// `self + other`; never nil.
  @usableFromInline package func adding(_ other: BigInteger) -> BigInteger? { self + other }
  @usableFromInline package var intValue: Int? { Int(exactly: self) }
  @usableFromInline package static var maximumDescription: String? { nil }
}
