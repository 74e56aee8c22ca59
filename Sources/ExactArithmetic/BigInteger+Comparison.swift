import CGMP

/// Numeric order, and hashing consistent with equality (on sign and limbs).
extension BigInteger: Comparable, Hashable {
  /// Whether the two integers are equal.
  public static func == (lhs: BigInteger, rhs: BigInteger) -> Bool {
    lhs.storage === rhs.storage || cgmp_mpz_cmp(lhs.pointer, rhs.pointer) == 0
  }

  /// Numeric order.
  public static func < (lhs: BigInteger, rhs: BigInteger) -> Bool {
    cgmp_mpz_cmp(lhs.pointer, rhs.pointer) < 0
  }

  /// Hashes the sign and the limbs of the absolute value (the representation is unique).
  public func hash(into hasher: inout Hasher) {
    hasher.combine(signum)
    let limbs = cgmp_mpz_size(pointer)
    for index in 0..<limbs { hasher.combine(cgmp_mpz_getlimbn(pointer, index)) }
  }
}
