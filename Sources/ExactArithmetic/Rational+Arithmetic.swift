import CGMP

/// Field operations. Binary operators allocate their result; the compound forms,
/// ``Rational/negate()``, ``Rational/invert()`` and ``Rational/addProduct(_:_:scratch:)`` work in
/// place when the value is not shared (GMP allows the output to alias an input).
extension Rational: AdditiveArithmetic {
  /// Zero.
  public static var zero: Rational { Rational() }

  /// The sum.
  public static func + (lhs: Rational, rhs: Rational) -> Rational {
    make { cgmp_mpq_add($0, lhs.pointer, rhs.pointer) }
  }

  /// The difference.
  public static func - (lhs: Rational, rhs: Rational) -> Rational {
    make { cgmp_mpq_sub($0, lhs.pointer, rhs.pointer) }
  }

  /// Adds in place.
  public static func += (lhs: inout Rational, rhs: Rational) {
    let target = lhs.uniquePointer()
    cgmp_mpq_add(target, target, rhs.pointer)
  }

  /// Subtracts in place.
  public static func -= (lhs: inout Rational, rhs: Rational) {
    let target = lhs.uniquePointer()
    cgmp_mpq_sub(target, target, rhs.pointer)
  }
}

extension Rational {
  /// The product.
  public static func * (lhs: Rational, rhs: Rational) -> Rational {
    make { cgmp_mpq_mul($0, lhs.pointer, rhs.pointer) }
  }

  /// The quotient; the divisor must not be zero.
  public static func / (lhs: Rational, rhs: Rational) -> Rational {
    precondition(!rhs.isZero, "Division by zero")
    return make { cgmp_mpq_div($0, lhs.pointer, rhs.pointer) }
  }

  /// Multiplies in place.
  public static func *= (lhs: inout Rational, rhs: Rational) {
    let target = lhs.uniquePointer()
    cgmp_mpq_mul(target, target, rhs.pointer)
  }

  /// Divides in place; the divisor must not be zero.
  public static func /= (lhs: inout Rational, rhs: Rational) {
    precondition(!rhs.isZero, "Division by zero")
    let target = lhs.uniquePointer()
    cgmp_mpq_div(target, target, rhs.pointer)
  }

  /// The negation.
  public static prefix func - (value: Rational) -> Rational {
    make { cgmp_mpq_neg($0, value.pointer) }
  }

  /// Negates in place.
  public mutating func negate() {
    let target = uniquePointer()
    cgmp_mpq_neg(target, target)
  }

  /// The multiplicative inverse 1/self; self must not be zero.
  public var inverse: Rational {
    precondition(!isZero, "Zero has no inverse")
    return Rational.make { cgmp_mpq_inv($0, pointer) }
  }

  /// Replaces self by 1/self in place; self must not be zero.
  public mutating func invert() {
    precondition(!isZero, "Zero has no inverse")
    let target = uniquePointer()
    cgmp_mpq_inv(target, target)
  }

  /// Sets self to `b * c`, reusing self's storage when it is not shared.
  public mutating func setProduct(_ b: Rational, _ c: Rational) {
    cgmp_mpq_mul(overwritePointer(), b.pointer, c.pointer)
  }

  /// `self += b * c` in place. The product goes through `scratch`, whose storage is reused
  /// from call to call: keep one per loop to avoid an allocation per step.
  public mutating func addProduct(_ b: Rational, _ c: Rational, scratch: inout Rational) {
    scratch.setProduct(b, c)
    self += scratch
  }

  /// `self += b * c` in place, with a temporary for the product.
  public mutating func addProduct(_ b: Rational, _ c: Rational) {
    var scratch = Rational()
    addProduct(b, c, scratch: &scratch)
  }
}
