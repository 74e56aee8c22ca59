/// A portable pseudo-random generator (SplitMix64): a seed gives the same numbers on every machine
/// and every Swift version, unlike `SystemRandomNumberGenerator` or `Double.random(in:)`.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
  @usableFromInline var state: UInt64

  /// A generator whose sequence is fixed by `seed`.
  public init(seed: UInt64) { state = seed }

  /// The next 64 random bits.
  @inlinable
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A uniform double in [0, 1), with 53 random bits.
  @inlinable
  public mutating func nextUniform() -> Double {
    Double(next() >> 11) * 0x1p-53
  }

  /// A uniform double in `range`.
  @inlinable
  public mutating func nextUniform(in range: Range<Double>) -> Double {
    range.lowerBound + (range.upperBound - range.lowerBound) * nextUniform()
  }

  /// A uniform integer in 0..<`bound`, without modulo bias (Lemire's method).
  @inlinable
  public mutating func nextInt(below bound: Int) -> Int {
    precondition(bound > 0, "bound must be positive")
    let b = UInt64(bound)
    var product = next().multipliedFullWidth(by: b)
    if product.low < b {
      let threshold = (0 &- b) % b
      while product.low < threshold { product = next().multipliedFullWidth(by: b) }
    }
    return Int(product.high)
  }

  /// A standard normal deviate (Marsaglia's polar method: only `log` and `sqrt`).
  @inlinable
  public mutating func nextGaussian() -> Double {
    while true {
      let u = 2 * nextUniform() - 1
      let v = 2 * nextUniform() - 1
      let s = u * u + v * v
      if s > 0 && s < 1 { return u * (-2 * _log(s) / s).squareRoot() }
    }
  }

  /// A generator for stream `index` derived from `seed`, so parallel work draws the same numbers
  /// whatever the number of threads.
  public static func stream(_ index: Int, of seed: UInt64) -> SeededGenerator {
    var mixer = SeededGenerator(
      seed: seed ^ (UInt64(truncatingIfNeeded: index) &* 0xD1B5_4A32_D192_ED03))
    return SeededGenerator(seed: mixer.next())
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

@usableFromInline func _log(_ x: Double) -> Double { log(x) }
