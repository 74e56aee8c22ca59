/// Exact conversion of short decimal numbers (Clinger's fast path): a cell such as `-12.5e3` whose
/// digits form an integer w ≤ 2⁵³ and whose decimal exponent e has |e| ≤ 22 is w × 10^e or
/// w / 10^(−e), both operands exact doubles, so the one IEEE multiplication or division rounds
/// exactly as `strtod` does. Tabular data (ages, doses, measurements with a few decimals) almost
/// always qualifies; anything else returns `nil` and goes to `strtod`.
enum DecimalFastPath {
  /// 10^0 … 10^22, all exact in binary64.
  static let powersOfTen: [Double] = (0...22).map { exponent in
    var value = 1.0
    for _ in 0..<exponent { value *= 10 }
    return value
  }

  /// The value of `bytes[cell]` if it matches `[+-]? digits? (. digits?)? ([eE] [+-]? digits)?`
  /// with at least one mantissa digit and lies in the fast path's range; otherwise `nil`.
  static func value(_ cell: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> Double? {
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
        mantissa = mantissa * 10 + UInt64(byte - UInt8(ascii: "0"))
        // The mantissa only grows: once past 2⁵³ the cell cannot qualify (and ≤ 17 digits cannot
        // overflow 64 bits before this test stops the scan).
        if mantissa > 1 << 53 { return nil }
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
    guard abs(scale) <= 22 else { return nil }
    let magnitude =
      scale >= 0 ? Double(mantissa) * powersOfTen[scale] : Double(mantissa) / powersOfTen[-scale]
    return negative ? -magnitude : magnitude
  }
}
