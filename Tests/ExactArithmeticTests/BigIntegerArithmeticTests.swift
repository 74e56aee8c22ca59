import ExactArithmetic
import PointClouds
import Testing

/// Values around the edges of Int64 and small ones, for identities checked against Int128.
private let samples: [Int64] = {
  var generator = SeededGenerator(seed: 8)
  var values: [Int64] = [
    0, 1, -1, 2, -2, 7, -7, .max, .min, .max - 1, .min + 1, 1 << 32, -(1 << 32),
  ]
  for _ in 0..<20 { values.append(Int64(bitPattern: generator.next())) }
  for _ in 0..<10 { values.append(Int64(generator.nextInt(below: 1000)) - 500) }
  return values
}()

@Suite("BigInteger arithmetic")
struct BigIntegerArithmeticTests {
  @Test("+, −, ×, negation and comparison agree with Int128 on Int64 operands")
  func ringIdentities() {
    for a in samples {
      for b in samples {
        let (x, y) = (BigInteger(a), BigInteger(b))
        let (wa, wb) = (Int128(a), Int128(b))
        #expect(Int128(exactly: x + y) == wa + wb)
        #expect(Int128(exactly: x - y) == wa - wb)
        #expect(Int128(exactly: x * y) == wa * wb)
        #expect(Int128(exactly: -x) == -wa)
        #expect((x < y) == (a < b) && (x == y) == (a == b))
      }
    }
  }

  @Test("Truncating division and remainder follow Int's conventions")
  func division() {
    for a in samples {
      for b in samples where b != 0 && !(a == .min && b == -1) {
        let (q, r) = BigInteger(a).quotientAndRemainder(dividingBy: BigInteger(b))
        #expect(Int64(exactly: q) == a / b && Int64(exactly: r) == a % b, "\(a) / \(b)")
        #expect(BigInteger(a) / BigInteger(b) == q && BigInteger(a) % BigInteger(b) == r)
      }
    }
    #expect(BigInteger(Int64.min) / BigInteger(-1) == BigInteger(Int64.max) + 1)
  }

  @Test("Compound operators and addProduct work in place and match the binary forms")
  func inPlace() {
    for a in samples.prefix(15) {
      for b in samples.suffix(15) {
        let (x, y) = (BigInteger(a), BigInteger(b))
        var sum = x
        sum += y
        var difference = x
        difference -= y
        var product = x
        product *= y
        var fused = x
        fused.addProduct(y, y)
        var unfused = x
        unfused.subtractProduct(x, y)
        #expect(sum == x + y && difference == x - y && product == x * y)
        #expect(fused == x + y * y && unfused == x - x * y)
      }
    }
    var aliased = BigInteger(3)
    aliased.addProduct(aliased, aliased)  // 3 + 3·3
    #expect(aliased == 12)
  }

  @Test("Copies are independent values (copy-on-write)")
  func copyOnWrite() {
    let original = BigInteger.binomial(100, 50)
    var copy = original
    copy += 1
    copy.negate()
    #expect(original == BigInteger.binomial(100, 50))
    #expect(copy == -(BigInteger.binomial(100, 50) + 1))
  }

  @Test("gcd, magnitude, signum, isZero")
  func miscellany() {
    #expect(BigInteger.gcd(BigInteger(-12), BigInteger(18)) == 6)
    #expect(BigInteger.gcd(0, 0) == 0)
    #expect(BigInteger(-5).magnitude == 5)
    #expect(BigInteger(-5).signum == -1 && BigInteger(0).signum == 0 && BigInteger(9).signum == 1)
    #expect(BigInteger().isZero && BigInteger.zero.isZero && !BigInteger(1).isZero)
  }

  @Test("Equal values hash equally; a Set deduplicates them")
  func hashing() {
    let big = BigInteger(2).power(300)
    let again = BigInteger(
      "2037035976334486086268445688409378161051468393665936250636140449354381299763336706183397376")!
    #expect(big == again)
    #expect(big.hashValue == again.hashValue)
    let set: Set<BigInteger> = [big, again, -big, 0, BigInteger(0) * big, 1]
    #expect(set.count == 4)
  }
}
