/// A 128-bit unsigned simplex index stored as two 64-bit words, the engine's choice when
/// C(n, maxDimension + 2) exceeds 2⁶³ − 1 (for example dimension 3 beyond 16 175 points,
/// dimension 8 beyond 329) and fits 2¹²⁸ − 1.
///
/// Why not `UInt128` itself: it is 16-byte aligned, so a `FilteredSimplex` (a `Double` and an
/// index) would take 32 bytes; with two words it takes 24, which keeps the heaps, column lists
/// and pivot tables of the reducer 25 % smaller and the wide path close to the 64-bit one.
/// Arithmetic is add-with-carry and subtract-with-borrow on the words.
@usableFromInline package struct WideSimplexIndex: SimplexIndex, CustomStringConvertible {
  /// The most significant 64 bits.
  @usableFromInline package var high: UInt64
  /// The least significant 64 bits.
  @usableFromInline package var low: UInt64

  /// The index `value`.
  @available(macOS 15.0, *)
  @inlinable package init(_ value: UInt128) {
    high = UInt64(truncatingIfNeeded: value >> 64)
    low = UInt64(truncatingIfNeeded: value)
  }

  /// The index as a `UInt128`.
  @available(macOS 15.0, *)
  @inlinable package var value: UInt128 { UInt128(high) << 64 | UInt128(low) }

  @inlinable init(high: UInt64, low: UInt64) {
    self.high = high
    self.low = low
  }

  @inlinable package static var zero: WideSimplexIndex { WideSimplexIndex(high: 0, low: 0) }

  @inlinable package init?(exactly value: Int) {
    guard value >= 0 else { return nil }
    self.init(high: 0, low: UInt64(value))
  }

  @inlinable package func adding(_ other: WideSimplexIndex) -> WideSimplexIndex? {
    let (low, carry) = low.addingReportingOverflow(other.low)
    let (partial, overflow1) = high.addingReportingOverflow(other.high)
    let (high, overflow2) = partial.addingReportingOverflow(carry ? 1 : 0)
    return overflow1 || overflow2 ? nil : WideSimplexIndex(high: high, low: low)
  }

  @inlinable package static func + (lhs: WideSimplexIndex, rhs: WideSimplexIndex)
    -> WideSimplexIndex
  {
    let (low, carry) = lhs.low.addingReportingOverflow(rhs.low)
    return WideSimplexIndex(high: lhs.high &+ rhs.high &+ (carry ? 1 : 0), low: low)
  }

  @inlinable package static func - (lhs: WideSimplexIndex, rhs: WideSimplexIndex)
    -> WideSimplexIndex
  {
    let (low, borrow) = lhs.low.subtractingReportingOverflow(rhs.low)
    return WideSimplexIndex(high: lhs.high &- rhs.high &- (borrow ? 1 : 0), low: low)
  }

  @inlinable package static func < (lhs: WideSimplexIndex, rhs: WideSimplexIndex) -> Bool {
    lhs.high < rhs.high || (lhs.high == rhs.high && lhs.low < rhs.low)
  }

  @inlinable package var intValue: Int? { high == 0 ? Int(exactly: low) : nil }

  @usableFromInline package static var maximumDescription: String? { "2^128 − 1" }

  /// The decimal digits.
  @usableFromInline package var description: String {
    guard #available(macOS 15.0, *) else {
      return "0x\(String(high, radix: 16))_\(String(low, radix: 16))"
    }
    return value.description
  }
}
