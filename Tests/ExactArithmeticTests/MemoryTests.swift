import Testing

@testable import ExactArithmetic

/// GMP memory is freed by the storages' deinit; these tests check that the storages themselves
/// are released (no retain cycle, no stray reference) on every path that creates or replaces one.
/// `valgrind --leak-check=full` on the test binary checks the GMP side (see the report).
@Suite("Exact arithmetic memory")
struct MemoryTests {
  @Test("BigInteger storages are released after use, copy-on-write and in-place updates")
  func bigIntegerStorages() {
    weak var first: BigInteger.Storage?
    weak var second: BigInteger.Storage?
    do {
      var a = BigInteger.binomial(300, 150)
      first = a.storage
      var b = a
      b += 1  // copies: b gets a new storage
      second = b.storage
      a.addProduct(b, b)
      _ = a.quotientAndRemainder(dividingBy: b)
      #expect(first != nil && second != nil && first !== second)
    }
    #expect(first == nil && second == nil)
  }

  @Test("Rational storages are released, including the scratch of addProduct")
  func rationalStorages() {
    weak var value: Rational.Storage?
    weak var scratchStorage: Rational.Storage?
    do {
      var x = Rational(1, 3)
      var scratch = Rational()
      x.addProduct(Rational(2, 7), Rational(5, 11), scratch: &scratch)
      value = x.storage
      scratchStorage = scratch.storage
      let y = x.inverse.numerator
      #expect(!y.isZero)
    }
    #expect(value == nil && scratchStorage == nil)
  }

  @Test("In-place updates of a unique value reuse its storage")
  func reuse() {
    var x = Rational(1, 3)
    let before = ObjectIdentifier(x.storage)
    var scratch = Rational()
    let (b, c) = (Rational(1, 2), Rational(-5, 7))
    for _ in 0..<10 { x.addProduct(b, c, scratch: &scratch) }
    x.negate()
    x.invert()
    #expect(ObjectIdentifier(x.storage) == before)
  }
}
