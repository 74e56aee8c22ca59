import ExactArithmetic
import Testing

@Suite("BigInteger binomials")
struct BigIntegerBinomialTests {
  @Test("C(200, 100) matches Python's math.comb")
  func binomial() {
    let value = BigInteger.binomial(200, 100)
    #expect("\(value)" == "90548514656103281165404177077484163874504589675413336841320")
    #expect(value.bitWidth == 196)
  }

  @Test("C(n, k) equals a UInt128 multiplicative oracle for n ≤ 120")
  func smallBinomials() {
    for n in UInt(0)...120 {
      var oracle: UInt128 = 1  // C(n, k), built as C(n, k−1)·(n−k+1)/k, exact at every step
      for k in UInt(0)...min(n, 20) {
        if k > 0 { oracle = oracle * UInt128(n - k + 1) / UInt128(k) }
        #expect(UInt128(exactly: BigInteger.binomial(n, k)) == oracle, "C(\(n), \(k))")
      }
      #expect(BigInteger.binomial(n, n + 1).isZero)
    }
  }

  @Test("Pascal's rule holds for big n, and the big-n overload agrees")
  func pascal() {
    let n: UInt = 10_000
    for k: UInt in [1, 2, 5, 37, 500, 5_000] {
      #expect(
        BigInteger.binomial(n, k) == BigInteger.binomial(n - 1, k - 1)
          + BigInteger.binomial(n - 1, k))
      #expect(BigInteger(n).choose(k) == BigInteger.binomial(n, k))
    }
  }

  @Test("30! and 2^200 have their known decimal digits")
  func knownValues() {
    var factorial: BigInteger = 1
    for i in 1...30 { factorial *= BigInteger(i) }
    #expect(factorial.description == "265252859812191058636308480000000")
    #expect(
      BigInteger(2).power(200).description
        == "1606938044258990275541962092341162602522202993782792835301376")
    #expect(BigInteger(2).power(200).bitWidth == 201)
    #expect(BigInteger(0).power(0) == 1)
  }
}
