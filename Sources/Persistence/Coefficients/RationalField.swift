/// The field Q of rational numbers, exactly: persistence over a field of characteristic 0,
/// which sees no torsion (compare Z/p with `TorsionCheck`).
///
/// Elements are `RationalCoefficient`s: inline 32-bit fractions, promoted to GNU MP rationals
/// when they outgrow that, so the reduction is exact whatever the size of the coefficients and
/// costs little more than over Z/p while they stay small (the usual case).
public struct RationalField: CoefficientField {
  /// Q.
  @inlinable public init() {}
  /// 0.
  @inlinable public var characteristic: Int { 0 }
  /// 1.
  @inlinable public var one: RationalCoefficient { 1 }
  @inlinable public func isZero(_ a: RationalCoefficient) -> Bool { a.isZero }
  @inlinable public func sum(_ a: RationalCoefficient, _ b: RationalCoefficient)
    -> RationalCoefficient
  { a + b }
  @inlinable public func negation(_ a: RationalCoefficient) -> RationalCoefficient { -a }
  @inlinable public func product(_ a: RationalCoefficient, _ b: RationalCoefficient)
    -> RationalCoefficient
  { a * b }
  @inlinable public func inverse(_ a: RationalCoefficient) -> RationalCoefficient { a.inverse }
}
