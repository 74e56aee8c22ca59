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
}
