import ExactArithmetic
import PointClouds
import Testing

/// Small random rationals for field identities.
private func randomRationals(count: Int, seed: UInt64) -> [Rational] {
  var generator = SeededGenerator(seed: seed)
  return (0..<count).map { _ in
    Rational(generator.nextInt(below: 2001) - 1000, generator.nextInt(below: 97) + 1)
  }
}

@Suite("Rational numbers")
struct RationalTests {
  @Test("Equal rationals in different forms are equal and hash equally")
  func canonicalForm() {
    let forms: [Rational] = [
      Rational(1, 2), Rational(2, 4), Rational(-3, -6), Rational("50/100")!,
      Rational(exactly: 0.5)!,
      Rational(numerator: BigInteger(2).power(70), denominator: BigInteger(2).power(71)),
    ]
    for form in forms {
      #expect(form == Rational(1, 2))
      #expect(form.hashValue == Rational(1, 2).hashValue)
      #expect(form.numerator == 1 && form.denominator == 2)
    }
    #expect(Set(forms).count == 1)
    #expect(Rational(3, -6).description == "-1/2")
    #expect(Rational(4, 2).description == "2" && Rational(4, 2).isInteger)
  }

  @Test("Field identities hold on random rationals")
  func fieldIdentities() {
    let values = randomRationals(count: 12, seed: 1)
    for a in values {
      for b in values {
        #expect(a + b == b + a && a * b == b * a)
        #expect((a + b) - b == a)
        #expect(a * (b + 1) == a * b + a)
        if !b.isZero { #expect((a / b) * b == a) }
        #expect((a < b) == (Double(a) < Double(b)) || Double(a) == Double(b))
      }
      if !a.isZero {
        #expect(a * a.inverse == 1 && (a * a.inverse).isOne)
      }
      #expect(a + (-a) == 0 && (a + (-a)).isZero)
    }
  }

  @Test("In-place operations match the binary forms and leave copies alone")
  func inPlace() {
    let values = randomRationals(count: 8, seed: 2)
    var scratch = Rational()
    for a in values {
      for b in values where !b.isZero {
        var x = a
        x += b
        x -= a
        x *= b
        x /= b
        #expect(x == b)
        var fused = a
        fused.addProduct(b, a, scratch: &scratch)
        #expect(fused == a + b * a)
        var inverted = b
        inverted.invert()
        #expect(inverted == b.inverse)
        var negated = a
        negated.negate()
        #expect(negated == -a && a == a)
      }
    }
    var aliased = Rational(1, 3)
    aliased.addProduct(aliased, aliased)  // 1/3 + 1/9
    #expect(aliased == Rational(4, 9))
  }

  @Test("The Hilbert system H x = H·1 solves to x = 1 exactly for n = 12")
  func hilbert() {
    let n = 12
    var matrix = (0..<n * n).map { Rational(1, $0 / n + $0 % n + 1) }
    var rhs = (0..<n).map { i in (0..<n).reduce(Rational.zero) { $0 + matrix[i * n + $1] } }
    var scratch = Rational()
    for column in 0..<n {  // Gaussian elimination; H is positive definite, no pivoting needed
      let pivotInverse = matrix[column * n + column].inverse
      for row in column + 1..<n {
        var factor = -matrix[row * n + column] * pivotInverse
        for k in column..<n {
          matrix[row * n + k].addProduct(factor, matrix[column * n + k], scratch: &scratch)
        }
        rhs[row].addProduct(factor, rhs[column], scratch: &scratch)
        factor.negate()
      }
    }
    var solution = [Rational](repeating: 0, count: n)
    for row in (0..<n).reversed() {
      var value = rhs[row]
      for k in row + 1..<n { value -= matrix[row * n + k] * solution[k] }
      solution[row] = value / matrix[row * n + row]
    }
    #expect(solution.allSatisfy { $0 == 1 })
    #expect(matrix[(n - 1) * n + n - 1].denominator.bitWidth > 40)  // values beyond Int32 did occur
  }

  @Test("Doubles convert exactly both ways; NaN and infinities do not")
  func doubles() {
    for value in [0.1, -3.75, 1e300, .leastNonzeroMagnitude, 0] {
      let exact = Rational(exactly: value)!
      #expect(Double(exact) == value)
    }
    #expect(Rational(exactly: 0.1)! != Rational(1, 10))
    #expect(Rational(exactly: .nan) == nil && Rational(exactly: .infinity) == nil)
  }

  @Test(
    "Malformed rational strings are rejected",
    arguments: ["", "/", "1/", "/2", "1/0", "1/-2", "1/2/3", "a/b", " 1/2"])
  func malformed(text: String) {
    #expect(Rational(text) == nil)
  }
}
