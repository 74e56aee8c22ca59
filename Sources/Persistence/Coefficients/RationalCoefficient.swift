import ExactArithmetic

/// An exact rational number as the reducer handles it: a fraction of two 32-bit integers stored
/// inline, promoted to a GNU MP ``Rational`` only when a result does not fit.
///
/// Coboundary coefficients are ±1 and reductions of Rips complexes over Q seldom create
/// anything but small fractions, so nearly every operation is a few machine instructions on the
/// inline form and allocates nothing; GMP takes over, transparently and exactly, for values
/// beyond ±(2³¹ − 1) in numerator or denominator.
///
/// The representation is canonical: lowest terms, positive denominator, and the inline form
/// whenever the value fits it. Equal numbers therefore have equal representations, so equality
/// and hashing compare representations.
public struct RationalCoefficient: Hashable, Sendable {
  @usableFromInline enum Representation: Hashable, Sendable {
    /// numerator / denominator in lowest terms, |numerator| ≤ 2³¹ − 1, 1 ≤ denominator ≤ 2³¹ − 1.
    case small(numerator: Int32, denominator: Int32)
    /// A value that does not fit `small`.
    case big(Rational)
  }

  @usableFromInline var representation: Representation

  @inlinable init(_ representation: Representation) { self.representation = representation }

  /// The fraction numerator / denominator, already reduced, with |values| < 2³¹ and a positive
  /// denominator.
  @inlinable init(reducedNumerator numerator: Int64, denominator: Int64) {
    representation = .small(
      numerator: Int32(truncatingIfNeeded: numerator),
      denominator: Int32(truncatingIfNeeded: denominator))
  }

  /// The integer `value`.
  @inlinable public init(_ value: Int) {
    if value.magnitude <= UInt(Int32.max) {
      self.init(.small(numerator: Int32(value), denominator: 1))
    } else {
      self.init(Rational(value))
    }
  }

  /// The value of `rational`, inline if it fits.
  public init(_ rational: Rational) {
    if let numerator = Int32(exactly: rational.numerator), numerator != .min,
      let denominator = Int32(exactly: rational.denominator)
    {
      representation = .small(numerator: numerator, denominator: denominator)
    } else {
      representation = .big(rational)
    }
  }

  /// numerator / denominator in 64-bit integers (denominator > 0), reduced to lowest terms,
  /// inline if it then fits.
  @inlinable init(numerator: Int64, positiveDenominator denominator: Int64) {
    let divisor = Int64(Self.gcd(numerator.magnitude, UInt64(denominator)))
    let (n, d) =
      divisor > 1 ? (numerator / divisor, denominator / divisor) : (numerator, denominator)
    if n.magnitude <= UInt64(Int32.max) && d <= Int64(Int32.max) {
      self.init(reducedNumerator: n, denominator: d)
    } else {
      self.init(Rational(numerator: BigInteger(n), denominator: BigInteger(d)))
    }
  }

  /// The value as a GMP rational.
  public var rational: Rational {
    switch representation {
    case .small(let numerator, let denominator): Rational(Int(numerator), Int(denominator))
    case .big(let value): value
    }
  }

  /// Whether the value is 0.
  @inlinable public var isZero: Bool {
    if case .small(let numerator, _) = representation { return numerator == 0 }
    return false
  }

  /// Whether the value is held in GMP (it does not fit two 32-bit integers).
  public var isBig: Bool {
    if case .big = representation { return true }
    return false
  }

  /// gcd(a, b) by Stein's binary algorithm; gcd(0, b) = b.
  @inlinable static func gcd(_ a: UInt64, _ b: UInt64) -> UInt64 {
    if a == 0 { return b }
    if b == 0 { return a }
    var (x, y) = (a, b)
    let shift = (x | y).trailingZeroBitCount
    x >>= x.trailingZeroBitCount
    repeat {
      y >>= y.trailingZeroBitCount
      if x > y { swap(&x, &y) }
      y -= x
    } while y != 0
    return x << shift
  }
}

extension RationalCoefficient {
  /// The sum. Inline operands: one 64-bit cross-multiplication and a gcd (none for integers).
  @inlinable public static func + (a: Self, b: Self) -> Self {
    guard case .small(let an, let ad) = a.representation,
      case .small(let bn, let bd) = b.representation
    else { return Self(a.rational + b.rational) }
    if ad == 1 && bd == 1 {
      let sum = Int64(an) + Int64(bn)
      return sum.magnitude <= UInt64(Int32.max)
        ? Self(reducedNumerator: sum, denominator: 1) : Self(Rational(Int(sum)))
    }
    if ad == bd {
      return Self(numerator: Int64(an) + Int64(bn), positiveDenominator: Int64(ad))
    }
    return Self(
      numerator: Int64(an) * Int64(bd) + Int64(bn) * Int64(ad),
      positiveDenominator: Int64(ad) * Int64(bd))
  }

  /// The product.
  @inlinable public static func * (a: Self, b: Self) -> Self {
    guard case .small(let an, let ad) = a.representation,
      case .small(let bn, let bd) = b.representation
    else { return Self(a.rational * b.rational) }
    if ad == 1 && bd == 1 {
      let product = Int64(an) * Int64(bn)
      return product.magnitude <= UInt64(Int32.max)
        ? Self(reducedNumerator: product, denominator: 1) : Self(Rational(Int(product)))
    }
    return Self(numerator: Int64(an) * Int64(bn), positiveDenominator: Int64(ad) * Int64(bd))
  }

  /// The negation (exact: the inline range is symmetric).
  @inlinable public static prefix func - (a: Self) -> Self {
    switch a.representation {
    case .small(let numerator, let denominator):
      Self(.small(numerator: -numerator, denominator: denominator))
    case .big(let value): Self(.big(-value))
    }
  }

  /// The multiplicative inverse. - Precondition: `self` is not zero.
  @inlinable public var inverse: Self {
    switch representation {
    case .small(let numerator, let denominator):
      precondition(numerator != 0, "Zero has no inverse")
      return numerator > 0
        ? Self(.small(numerator: denominator, denominator: numerator))
        : Self(.small(numerator: -denominator, denominator: -numerator))
    case .big(let value):
      return Self(value.inverse)
    }
  }
}

extension RationalCoefficient: ExpressibleByIntegerLiteral {
  /// The integer written in the source.
  @inlinable public init(integerLiteral value: Int) { self.init(value) }
}

extension RationalCoefficient: CustomStringConvertible {
  /// `a/b` in lowest terms, or `a` for an integer.
  public var description: String { rational.description }
}
