import Foundation
import Testing
import _TestSupport

@testable import PointClouds

@Suite("Exact fast path for short decimals")
struct DecimalFastPathTests {
  /// The fast path's answer for `text`, or nil when it declines.
  func fast(_ text: String) -> Double? {
    let bytes = Array(text.utf8)
    return bytes.withUnsafeBufferPointer { DecimalFastPath.value(0..<bytes.count, in: $0) }
  }

  @Test(
    "hand cases: values, signs, and the spellings it must leave to strtod",
    arguments: [
      ("12.5", 12.5), ("-0", -0.0), ("+3", 3), (".5", 0.5), ("5.", 5), ("1e3", 1000), ("2.5E-2", 0.025),
      ("007", 7), ("-1.25e+1", -12.5),
    ])
  func handCases(text: String, expected: Double) {
    let value = fast(text)
    #expect(value == expected && value?.sign == expected.sign)
  }

  @Test(
    "declines what it cannot convert exactly or what is not a plain decimal",
    arguments: ["", ".", "+", "1e", "1e+", "1.2.3", "1x", "12345678901234567890", "1e23", "1e-23", "9007199254740993", "nan"])
  func declines(text: String) {
    #expect(fast(text) == nil)
  }

  @Test("agrees bit for bit with strtod on 200 000 random short decimals")
  func agreesWithStrtod() {
    var generator = SeededGenerator(seed: 17)
    var checked = 0
    var mismatches: [String] = []
    for _ in 0..<200_000 {
      let digits = 1 + generator.nextInt(below: 17)
      var text = generator.nextInt(below: 2) == 0 ? "" : "-"
      let point = generator.nextInt(below: digits + 1)
      for position in 0..<digits {
        if position == point { text += "." }
        text += String(generator.nextInt(below: 10))
      }
      if generator.nextInt(below: 3) == 0 { text += "e\(generator.nextInt(below: 41) - 20)" }
      guard let value = fast(text) else { continue }
      checked += 1
      if value.bitPattern != strtod(text, nil).bitPattern { mismatches.append(text) }
    }
    #expect(mismatches.isEmpty)
    #expect(checked > 100_000)
  }
}
