/// Z/p for a prime p < 2^16, elements as `UInt32` in 0..<p, inverses from a table built in O(p)
/// with inv(a) = −⌊p/a⌋ · inv(p mod a) mod p.
public struct PrimeField: CoefficientField {
  /// The prime p.
  public let modulus: UInt32
  @usableFromInline let inverses: [UInt32]

  /// The largest modulus accepted (the largest prime below 2^16).
  public static let largestModulus = 65_521

  /// Z/`modulus`.
  /// - Throws: `PersistenceError.invalidParameter` unless `modulus` is a prime in 2…65521.
  public init(modulus: Int) throws(PersistenceError) {
    guard modulus >= 2, modulus <= Self.largestModulus, Self.isPrime(modulus) else {
      throw .invalidParameter(
        name: "modulus", value: String(modulus), allowed: "a prime between 2 and 65521")
    }
    self.modulus = UInt32(modulus)
    var inverses = [UInt32](repeating: 0, count: modulus)
    inverses[1] = 1
    if modulus > 2 {
      for a in 2..<modulus {
        let q = UInt64(modulus / a)
        let inv = UInt64(inverses[modulus % a])
        inverses[a] = UInt32((UInt64(modulus) - (q * inv) % UInt64(modulus)) % UInt64(modulus))
      }
    }
    self.inverses = inverses
  }

  /// Whether `n` is prime (trial division; n < 2^16).
  public static func isPrime(_ n: Int) -> Bool {
    if n < 2 { return false }
    var d = 2
    while d * d <= n {
      if n % d == 0 { return false }
      d += 1
    }
    return true
  }

  /// p.
  @inlinable public var characteristic: Int { Int(modulus) }
  /// 1.
  @inlinable public var one: UInt32 { 1 }
  @inlinable public func isZero(_ a: UInt32) -> Bool { a == 0 }
  @inlinable public func sum(_ a: UInt32, _ b: UInt32) -> UInt32 {
    let s = a &+ b
    return s >= modulus ? s &- modulus : s
  }
  @inlinable public func negation(_ a: UInt32) -> UInt32 { a == 0 ? 0 : modulus &- a }
  @inlinable public func product(_ a: UInt32, _ b: UInt32) -> UInt32 {
    UInt32((UInt64(a) &* UInt64(b)) % UInt64(modulus))
  }
  @inlinable public func inverse(_ a: UInt32) -> UInt32 {
    inverses.withUnsafeBufferPointer { $0[Int(a)] }
  }
}
