import CGMP

/// Numeric order, and hashing consistent with equality: the canonical form makes equal
/// rationals (2/4 and 1/2) identical, so hashing numerator and denominator is enough.
extension Rational: Comparable, Hashable {
  /// Whether the two rationals are equal.
  public static func == (lhs: Rational, rhs: Rational) -> Bool {
    lhs.storage === rhs.storage || cgmp_mpq_equal(lhs.pointer, rhs.pointer) != 0
  }

  /// Numeric order.
  public static func < (lhs: Rational, rhs: Rational) -> Bool {
    cgmp_mpq_cmp(lhs.pointer, rhs.pointer) < 0
  }

  /// Hashes the canonical numerator and denominator.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(numerator)
    hasher.combine(denominator)
  }
}
