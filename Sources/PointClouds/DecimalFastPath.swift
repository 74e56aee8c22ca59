/// Correctly rounded conversion of decimal cells with at most 19 significant digits, bit for bit as
/// `strtod`, without `strtod`:
/// - Clinger's fast path: digits forming an integer w ≤ 2⁵³ with a decimal exponent |e| ≤ 22 give
///   w × 10^e or w / 10^(−e), both operands exact doubles, one IEEE rounding (tabular data: ages,
///   doses, measurements with a few decimals);
/// - otherwise the Eisel–Lemire algorithm (Lemire, "Number parsing at a gigabyte per second",
///   2021): w × 5^e with a 128-bit table of powers of five (``powersOfFive``), which decides the
///   rounding from the product's top bits (17-digit round-trip output of numpy and friends).
/// Anything else — more digits, exact halfway products, subnormal or overflowing results, other
/// spellings — returns `nil` and goes to `strtod`.
package enum DecimalFastPath {
  /// 10^0 … 10^22, all exact in binary64.
  static let powersOfTen: [Double] = (0...22).map { exponent in
    var value = 1.0
    for _ in 0..<exponent { value *= 10 }
    return value
  }

  /// The value of `bytes[cell]` if it matches `[+-]? digits? (. digits?)? ([eE] [+-]? digits)?`
  /// with at least one mantissa digit and one of the two algorithms decides it; otherwise `nil`.
  package static func value(_ cell: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> Double? {
    var i = cell.lowerBound
    let end = cell.upperBound
    var negative = false
    if i < end && (bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-")) {
      negative = bytes[i] == UInt8(ascii: "-")
      i += 1
    }
    var mantissa: UInt64 = 0
    var digits = 0
    var scale = 0
    var seenPoint = false
    while i < end {
      let byte = bytes[i]
      if byte == UInt8(ascii: ".") {
        if seenPoint { return nil }
        seenPoint = true
      } else if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
        digits += 1
        // At most 19 significant digits fit in 64 bits exactly; longer cells go to strtod.
        if mantissa > 999_999_999_999_999_999 { return nil }
        mantissa = mantissa * 10 + UInt64(byte - UInt8(ascii: "0"))
        if seenPoint { scale -= 1 }
      } else {
        break
      }
      i += 1
    }
    guard digits > 0 else { return nil }
    if i < end {
      guard bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") else { return nil }
      i += 1
      var exponentNegative = false
      if i < end && (bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-")) {
        exponentNegative = bytes[i] == UInt8(ascii: "-")
        i += 1
      }
      guard i < end else { return nil }
      var exponent = 0
      while i < end {
        let byte = bytes[i]
        guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
        exponent = exponent * 10 + Int(byte - UInt8(ascii: "0"))
        if exponent > 10_000 { return nil }
        i += 1
      }
      scale += exponentNegative ? -exponent : exponent
    }
    let magnitude: Double
    if mantissa == 0 {
      magnitude = 0
    } else if mantissa <= 1 << 53 && abs(scale) <= 22 {
      magnitude =
        scale >= 0 ? Double(mantissa) * powersOfTen[scale] : Double(mantissa) / powersOfTen[-scale]
    } else if let value = eiselLemire(mantissa, scale) {
      magnitude = value
    } else {
      return nil
    }
    return negative ? -magnitude : magnitude
  }

  /// w × 10^q correctly rounded (w ≠ 0), or `nil` where the algorithm cannot decide or the result
  /// is not a normal double.
  static func eiselLemire(_ w: UInt64, _ q: Int) -> Double? {
    guard q >= -342, q <= 308 else { return nil }
    let leadingZeros = w.leadingZeroBitCount
    let normalized = w << UInt64(leadingZeros)
    let power = powersOfFive[q + 342]
    var (upper, lower) = normalized.multipliedFullWidth(by: power.high)
    // The top 55 bits are exact unless the low nine bits of `upper` are all ones; then the low
    // word of the power refines the product (and a still-ambiguous product goes to strtod).
    if upper & 0x1FF == 0x1FF {
      let refinement = normalized.multipliedFullWidth(by: power.low).high
      let (sum, carry) = lower.addingReportingOverflow(refinement)
      lower = sum
      if carry { upper &+= 1 }
      if upper & 0x1FF == 0x1FF && lower == .max { return nil }
    }
    let upperBit = Int(upper >> 63)
    var mantissa = upper >> UInt64(upperBit + 9)
    // An exact halfway case cannot be told from the truncated product: leave it to strtod.
    if lower == 0 && upper & 0x1FF == 0 && mantissa & 3 == 1 { return nil }
    var exponent = ((217_706 * q) >> 16) + 63 + upperBit - leadingZeros + 1023
    mantissa += mantissa & 1
    mantissa >>= 1
    if mantissa >= 1 << 53 {
      mantissa = 1 << 52
      exponent += 1
    }
    guard exponent >= 1, exponent <= 2046 else { return nil }
    return Double(bitPattern: UInt64(exponent) << 52 | (mantissa & ~(1 << 52)))
  }
}
