import Foundation
import Testing
import _TestSupport

@testable import PointClouds

@Suite("Correctly rounded decimal conversion without strtod")
struct DecimalFastPathTests {
  /// The fast path's answer for `text`, or nil when it declines.
  func fast(_ text: String) -> Double? {
    let bytes = Array(text.utf8)
    return bytes.withUnsafeBufferPointer { DecimalFastPath.value(0..<bytes.count, in: $0) }
  }

  @Test(
    "hand cases: values, signs, and the spellings it must leave to strtod",
    arguments: [
      ("12.5", 12.5), ("-0", -0.0), ("+3", 3), (".5", 0.5), ("5.", 5), ("1e3", 1000),
      ("2.5E-2", 0.025),
      ("007", 7), ("-1.25e+1", -12.5), ("1e22", 1e22), ("9007199254740995", 9007199254740996),
      ("0.1", 0.1), ("2.2250738585072014e-308", 2.2250738585072014e-308),
      ("1.7976931348623157e308", 1.7976931348623157e308),
      ("7.3177701707893310e+15", 7.3177701707893310e+15),
      ("0e999", 0),
    ])
  func handCases(text: String, expected: Double) {
    let value = fast(text)
    #expect(value == expected && value?.sign == expected.sign)
  }

  @Test(
    "declines what it cannot convert exactly or what is not a plain decimal",
    arguments: [
      "", ".", "+", "1e", "1e+", "1.2.3", "1x", "12345678901234567890", "1e400", "1e-400", "4e-320",
      "nan",
      // exact halfway cases, which the truncated product cannot round: strtod's job
      "9007199254740993", "1e23",
    ])
  func declines(text: String) {
    #expect(fast(text) == nil)
  }

  @Test(
    "agrees bit for bit with strtod on 200 000 random decimals of 1 to 19 digits, exponents −360…330"
  )
  func agreesWithStrtod() {
    var generator = SeededGenerator(seed: 17)
    var checked = 0
    var mismatches: [String] = []
    for _ in 0..<200_000 {
      let digits = 1 + generator.nextInt(below: 19)
      var text = generator.nextInt(below: 2) == 0 ? "" : "-"
      let point = generator.nextInt(below: digits + 1)
      for position in 0..<digits {
        if position == point { text += "." }
        text += String(generator.nextInt(below: 10))
      }
      if generator.nextInt(below: 3) > 0 { text += "e\(generator.nextInt(below: 691) - 360)" }
      guard let value = fast(text) else { continue }
      checked += 1
      if value.bitPattern != strtod(text, nil).bitPattern { mismatches.append(text) }
    }
    #expect(mismatches.isEmpty)
    #expect(checked > 150_000)
  }

  @Test("round-trips 200 000 random doubles printed with 17 significant digits, bit for bit")
  func roundTripsSeventeenDigits() {
    var generator = SeededGenerator(seed: 18)
    var handled = 0
    var mismatches: [String] = []
    for _ in 0..<200_000 {
      // Any finite double with a normal exponent: random bits.
      let bits =
        generator.next() & ~(0x7FF << 52) | (UInt64(1 + generator.nextInt(below: 2046)) << 52)
      let value = Double(bitPattern: bits)
      let text = String(format: "%.17g", value)
      guard let parsed = fast(text) else { continue }
      handled += 1
      if parsed.bitPattern != value.bitPattern || parsed.bitPattern != strtod(text, nil).bitPattern
      {
        mismatches.append(text)
      }
    }
    #expect(mismatches.isEmpty)
    #expect(handled > 190_000)
  }

  @Test("the power-of-five table: 5^q for small q is exact in the high word")
  func powerTable() {
    // 5^0 = 1 → 2^63; 5^1 = 5 → 0xA000…; 5^-1 = 0.2 → 0xCCCC…CCCD (rounded up).
    #expect(powersOfFive[342] == (0x8000_0000_0000_0000, 0))
    #expect(powersOfFive[343].high == 0xA000_0000_0000_0000)
    #expect(powersOfFive[341] == (0xCCCC_CCCC_CCCC_CCCC, 0xCCCC_CCCC_CCCC_CCCD))
    #expect(powersOfFive.count == 651)
  }
}
