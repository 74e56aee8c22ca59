import ExactArithmetic
import Testing

@Suite("BigInteger conversions")
struct BigIntegerConversionTests {
  @Test("Swift integers of every width round-trip")
  func roundTrip() {
    #expect(Int64(exactly: BigInteger(Int64.min)) == .min)
    #expect(UInt64(exactly: BigInteger(UInt64.max)) == .max)
    #expect(UInt128(exactly: BigInteger(UInt128.max)) == .max)
    #expect(Int128(exactly: BigInteger(Int128.min)) == .min)
    #expect(Int128(exactly: BigInteger(Int128.max)) == .max)
    #expect(BigInteger(UInt128.max) == BigInteger(2).power(128) - 1)
    #expect(BigInteger(Int128.min) == -BigInteger(2).power(127))
    #expect(BigInteger(UInt128(1) << 100).description == "1267650600228229401496703205376")
  }

  @Test(
    "Out-of-range conversions give nil",
    arguments: [
      ("128", Int8?.none), ("-129", nil), ("256", nil), ("-128", -128), ("127", 127), ("-1", -1),
    ] as [(String, Int8?)])
  func int8Range(text: String, expected: Int8?) {
    #expect(Int8(exactly: BigInteger(text)!) == expected)
  }

  @Test("Negative values do not convert to unsigned types; 2^128 does not fit UInt128")
  func unsignedRange() {
    #expect(UInt8(exactly: BigInteger(-1)) == nil)
    #expect(UInt128(exactly: -BigInteger(5)) == nil)
    #expect(UInt128(exactly: BigInteger(2).power(128)) == nil)
    #expect(Int128(exactly: BigInteger(2).power(127)) == nil)
  }

  @Test("Strings parse in any radix and print back")
  func strings() {
    #expect(BigInteger("-ff", radix: 16) == -255)
    #expect(BigInteger("+101", radix: 2) == 5)
    #expect(BigInteger(-255).string(radix: 16) == "-ff")
    #expect(BigInteger(0).description == "0")
    let digits = String(repeating: "9", count: 400)
    #expect(BigInteger(digits)!.description == digits)
  }

  @Test(
    "Malformed strings are rejected",
    arguments: ["", "-", "+", " 1", "1 ", "1_000", "12a", "--1", "1.5", "٣"])
  func malformed(text: String) {
    #expect(BigInteger(text) == nil)
  }

  @Test("Conversion to Double truncates toward zero and saturates to infinity")
  func double() {
    #expect(Double(BigInteger(1) << 53 + 1) == 9007199254740992)
    #expect(Double(-BigInteger(12345)) == -12345)
    #expect(Double(BigInteger(2).power(1100)) == .infinity)
    #expect(Double(-BigInteger(2).power(1100)) == -.infinity)
  }
}

private func << (lhs: BigInteger, rhs: UInt) -> BigInteger { lhs * BigInteger(2).power(rhs) }
