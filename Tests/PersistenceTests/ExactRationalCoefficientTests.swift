import ExactArithmetic
import PointClouds
import Testing

@testable import Persistence

/// Values around the inline range's edges (±(2³¹ − 1)) and small fractions.
private let samples: [Rational] = {
  let edge = Int(Int32.max)
  var values: [Rational] = [
    0, 1, -1, 2, Rational(1, 2), Rational(-2, 3), Rational(edge), Rational(-edge),
    Rational(edge + 1),
    Rational(1, edge), Rational(-1, edge + 1), Rational(edge, edge - 1), Rational(edge - 1, edge),
    Rational(numerator: BigInteger(2).power(70), denominator: 3),
  ]
  var generator = SeededGenerator(seed: 88)
  for _ in 0..<12 {
    values.append(Rational(generator.nextInt(below: 41) - 20, generator.nextInt(below: 12) + 1))
  }
  return values
}()

@Suite("Rational coefficients (inline fractions with GMP fallback)")
struct ExactRationalCoefficientTests {
  @Test("+, ×, negation and inverse agree with GMP rationals, across the inline range's edges")
  func arithmeticMatchesGMP() {
    for a in samples {
      for b in samples {
        let (x, y) = (RationalCoefficient(a), RationalCoefficient(b))
        #expect((x + y).rational == a + b, "\(a) + \(b)")
        #expect((x * y).rational == a * b, "\(a) × \(b)")
        // The representation is canonical whichever path produced the value.
        #expect(x + y == RationalCoefficient(a + b) && x * y == RationalCoefficient(a * b))
      }
      let x = RationalCoefficient(a)
      #expect((-x).rational == -a)
      if !a.isZero { #expect(x.inverse.rational == a.inverse && (x * x.inverse) == 1) }
      #expect(x.isZero == a.isZero)
    }
  }

  @Test("Values are inline exactly when numerator and denominator fit 31 bits")
  func representation() {
    let edge = Int(Int32.max)
    #expect(!RationalCoefficient(edge).isBig && RationalCoefficient(edge + 1).isBig)
    #expect(!RationalCoefficient(-edge).isBig && RationalCoefficient(-edge - 1).isBig)
    #expect(!RationalCoefficient(Rational(3, edge)).isBig)
    #expect(RationalCoefficient(Rational(1, edge + 1)).isBig)
    // A big intermediate that comes back into range is inline again.
    let big = RationalCoefficient(edge) + 1
    #expect(big.isBig && !(big + RationalCoefficient(-2)).isBig)
    #expect(big + RationalCoefficient(-2) == RationalCoefficient(edge - 1))
  }

  @Test("Equal values from different paths are equal and hash equally")
  func hashing() {
    let half = RationalCoefficient(Rational(1, 2))
    let alsoHalf = RationalCoefficient(Rational(1, 6)) + RationalCoefficient(Rational(1, 3))
    let viaBig =
      (RationalCoefficient(Int(Int32.max) + 1) * half)
      * RationalCoefficient(Int(Int32.max) + 1).inverse
    #expect(half == alsoHalf && half == viaBig)
    #expect(Set([half, alsoHalf, viaBig]).count == 1)
    #expect(half.description == "1/2" && (-half).description == "-1/2")
  }

  @Test("Coboundary-style sums of ±1 stay inline (no GMP allocation on the common path)")
  func staysInline() {
    var sum: RationalCoefficient = 0
    var oracle = Rational()
    for i in 0..<1000 {
      sum = sum + (i % 3 == 0 ? -1 : 1) * RationalCoefficient(Rational(1, 2))
      oracle += Rational(i % 3 == 0 ? -1 : 1, 2)
    }
    #expect(!sum.isBig && sum.rational == oracle && oracle == 166)
    #expect(MemoryLayout<RationalCoefficient>.stride <= 16)
  }
}
