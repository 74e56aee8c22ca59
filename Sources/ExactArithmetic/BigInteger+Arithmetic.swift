import CGMP

/// Ring operations. Binary operators allocate their result; the compound forms and
/// ``BigInteger/addProduct(_:_:)`` work in place when the value is not shared.
extension BigInteger: AdditiveArithmetic {
  /// Zero.
  public static var zero: BigInteger { BigInteger() }

  /// The sum.
  public static func + (lhs: BigInteger, rhs: BigInteger) -> BigInteger {
    make { cgmp_mpz_add($0, lhs.pointer, rhs.pointer) }
  }

  /// The difference.
  public static func - (lhs: BigInteger, rhs: BigInteger) -> BigInteger {
    make { cgmp_mpz_sub($0, lhs.pointer, rhs.pointer) }
  }

  /// Adds in place.
  public static func += (lhs: inout BigInteger, rhs: BigInteger) {
    let target = lhs.uniquePointer()
    cgmp_mpz_add(target, target, rhs.pointer)
  }

  /// Subtracts in place.
  public static func -= (lhs: inout BigInteger, rhs: BigInteger) {
    let target = lhs.uniquePointer()
    cgmp_mpz_sub(target, target, rhs.pointer)
  }
}

extension BigInteger {
  /// The product.
  public static func * (lhs: BigInteger, rhs: BigInteger) -> BigInteger {
    make { cgmp_mpz_mul($0, lhs.pointer, rhs.pointer) }
  }

  /// Multiplies in place.
  public static func *= (lhs: inout BigInteger, rhs: BigInteger) {
    let target = lhs.uniquePointer()
    cgmp_mpz_mul(target, target, rhs.pointer)
  }

  /// The negation.
  public static prefix func - (value: BigInteger) -> BigInteger {
    make { cgmp_mpz_neg($0, value.pointer) }
  }

  /// Negates in place.
  public mutating func negate() {
    let target = uniquePointer()
    cgmp_mpz_neg(target, target)
  }

  /// The absolute value.
  public var magnitude: BigInteger { BigInteger.make { cgmp_mpz_abs($0, pointer) } }

  /// `self += b * c` in place, without a temporary (GMP's `mpz_addmul`).
  public mutating func addProduct(_ b: BigInteger, _ c: BigInteger) {
    cgmp_mpz_addmul(uniquePointer(), b.pointer, c.pointer)
  }

  /// `self -= b * c` in place, without a temporary (GMP's `mpz_submul`).
  public mutating func subtractProduct(_ b: BigInteger, _ c: BigInteger) {
    cgmp_mpz_submul(uniquePointer(), b.pointer, c.pointer)
  }

  /// The quotient rounded toward zero and the remainder with the sign of `self`, as Swift's
  /// `Int` does: `self == quotient * divisor + remainder`, `|remainder| < |divisor|`.
  public func quotientAndRemainder(dividingBy divisor: BigInteger)
    -> (quotient: BigInteger, remainder: BigInteger)
  {
    precondition(!divisor.isZero, "Division by zero")
    let quotient = Storage()
    let remainder = Storage()
    cgmp_mpz_tdiv_qr(quotient.value, remainder.value, pointer, divisor.pointer)
    return (BigInteger(storage: quotient), BigInteger(storage: remainder))
  }

  /// The quotient rounded toward zero (as `Int`'s `/`).
  public static func / (lhs: BigInteger, rhs: BigInteger) -> BigInteger {
    precondition(!rhs.isZero, "Division by zero")
    return make { cgmp_mpz_tdiv_q($0, lhs.pointer, rhs.pointer) }
  }

  /// The remainder with the sign of the dividend (as `Int`'s `%`).
  public static func % (lhs: BigInteger, rhs: BigInteger) -> BigInteger {
    precondition(!rhs.isZero, "Division by zero")
    return make { cgmp_mpz_tdiv_r($0, lhs.pointer, rhs.pointer) }
  }

  /// `self` raised to a non-negative power (0⁰ = 1).
  public func power(_ exponent: UInt) -> BigInteger {
    BigInteger.make { cgmp_mpz_pow_ui($0, pointer, exponent) }
  }

  /// The greatest common divisor, non-negative; gcd(0, 0) = 0.
  public static func gcd(_ a: BigInteger, _ b: BigInteger) -> BigInteger {
    make { cgmp_mpz_gcd($0, a.pointer, b.pointer) }
  }
}
