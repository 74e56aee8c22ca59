import CGMP

extension Rational: ExpressibleByIntegerLiteral {
  /// The integer written in the source.
  public init(integerLiteral value: Int) { self.init(value) }
}

extension Rational {
  /// The exact value of a finite `Double` (every finite double is a dyadic rational);
  /// nil for NaN and ±infinity.
  public init?(exactly value: Double) {
    guard value.isFinite else { return nil }
    self.init()
    cgmp_mpq_set_d(storage.value, value)
  }

  /// Parses `a` or `a/b` (optional sign on `a`, digits in `radix`, b ≠ 0), reducing to lowest
  /// terms; nil for anything else, including white space.
  public init?(_ text: String, radix: Int = 10) {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard (1...2).contains(parts.count), let numerator = BigInteger(String(parts[0]), radix: radix)
    else { return nil }
    guard parts.count == 2 else {
      self.init(numerator)
      return
    }
    guard let first = parts[1].first, first != "-", first != "+",
      let denominator = BigInteger(String(parts[1]), radix: radix), !denominator.isZero
    else { return nil }
    self.init(numerator: numerator, denominator: denominator)
  }
}

extension Double {
  /// The nearest `Double` toward zero (GMP's `mpq_get_d` truncates).
  public init(_ rational: Rational) { self = cgmp_mpq_get_d(rational.pointer) }
}

extension Rational: CustomStringConvertible {
  /// `a/b` in lowest terms, or just `a` for an integer.
  public var description: String {
    let digits = cgmp_mpq_get_str(nil, 10, pointer)!
    defer { cgmp_free_string(digits) }
    return String(cString: digits)
  }
}
