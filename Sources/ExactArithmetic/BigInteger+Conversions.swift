import CGMP

extension BigInteger: ExpressibleByIntegerLiteral {
  /// The integer written in the source.
  public init(integerLiteral value: Int) { self.init(value) }
}

extension BigInteger {
  /// The value of any Swift integer (Int, UInt64, Int128, UInt128, …), exactly.
  public init<T: BinaryInteger>(_ value: T) {
    if let small = Int(exactly: value) {
      self.init(small)
      return
    }
    let words = Array(value.magnitude.words.map { UInt($0) })
    self.init()
    words.withUnsafeBufferPointer { buffer in
      cgmp_mpz_import_words(storage.value, buffer.count, buffer.baseAddress)
    }
    if value < 0 { negate() }
  }

  /// Parses an optional sign followed by digits in `radix` (2…36); nil for anything else,
  /// including an empty string or white space.
  public init?(_ text: String, radix: Int = 10) {
    precondition((2...36).contains(radix), "radix must be in 2...36, got \(radix)")
    var digits = Substring(text)
    let negative = digits.first == "-"
    if negative || digits.first == "+" { digits = digits.dropFirst() }
    guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
      return nil
    }
    self.init()
    let status = String(digits).withCString { cgmp_mpz_set_str(storage.value, $0, Int32(radix)) }
    guard status == 0 else { return nil }
    if negative { negate() }
  }
}

extension FixedWidthInteger {
  /// The value of `big` if it is representable in this type, nil otherwise.
  public init?(exactly big: BigInteger) {
    guard big.bitWidth <= Self.bitWidth, big.signum >= 0 || Self.isSigned else { return nil }
    var result: Self = 0
    for index in (0..<cgmp_mpz_size(big.pointer)).reversed() {
      result =
        (result << UInt.bitWidth) | Self(truncatingIfNeeded: cgmp_mpz_getlimbn(big.pointer, index))
    }
    if big.signum < 0 { result = 0 &- result }
    // Catches a magnitude that fills the sign bit (only Self.min may do so).
    guard (result < 0) == (big.signum < 0) else { return nil }
    self = result
  }
}

extension Double {
  /// The nearest `Double` toward zero (GMP's `mpz_get_d` truncates); ±infinity beyond the range.
  public init(_ big: BigInteger) {
    if big.bitWidth > 1024 {
      self = big.signum < 0 ? -.infinity : .infinity
    } else {
      self = cgmp_mpz_get_d(big.pointer)
    }
  }
}

extension BigInteger: CustomStringConvertible {
  /// The decimal digits, with a leading `-` when negative.
  public var description: String { string(radix: 10) }

  /// The digits in `radix` (2…36, lowercase letters), with a leading `-` when negative.
  public func string(radix: Int) -> String {
    precondition((2...36).contains(radix), "radix must be in 2...36, got \(radix)")
    let digits = cgmp_mpz_get_str(nil, Int32(radix), pointer)!
    defer { cgmp_free_string(digits) }
    return String(cString: digits)
  }
}
