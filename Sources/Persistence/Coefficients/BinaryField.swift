/// Z/2, the default coefficients: every non-zero element is 1 and adding cancels pairs.
/// A separate type from `PrimeField` so that the common case pays for no modular arithmetic.
public struct BinaryField: CoefficientField {
  /// Creates Z/2.
  @inlinable public init() {}
  /// 2.
  @inlinable public var characteristic: Int { 2 }
  /// 1.
  @inlinable public var one: UInt8 { 1 }
  @inlinable public func isZero(_ a: UInt8) -> Bool { a == 0 }
  @inlinable public func sum(_ a: UInt8, _ b: UInt8) -> UInt8 { a ^ b }
  @inlinable public func negation(_ a: UInt8) -> UInt8 { a }
  @inlinable public func product(_ a: UInt8, _ b: UInt8) -> UInt8 { a & b }
  @inlinable public func inverse(_ a: UInt8) -> UInt8 { a }
}
