/// 128-bit simplex indices: the engine's choice when C(n, maxDimension + 2) exceeds 2⁶³ − 1
/// (for example dimension 3 beyond 16 175 points, dimension 8 beyond 329), up to 2¹²⁸ − 1.
/// Addition and comparison are two machine instructions; a simplex takes 24 bytes instead of 16.
@available(macOS 15.0, *)
extension UInt128: SimplexIndex {
  @inlinable public func adding(_ other: UInt128) -> UInt128? {
    let (sum, overflow) = addingReportingOverflow(other)
    return overflow ? nil : sum
  }
  @inlinable public var intValue: Int? { Int(exactly: self) }
  public static var maximumDescription: String? { "2^128 − 1" }
}
