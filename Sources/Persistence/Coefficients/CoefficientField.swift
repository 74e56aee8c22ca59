/// A field of coefficients for (co)homology: Z/p here, the rationals elsewhere.
///
/// A field is a value (its parameters, such as the modulus, are known at run time). The reducer
/// only adds, negates, multiplies and inverts elements, and asks whether one is zero; the
/// coboundary signs ±1 are `one` and `negation(one)`. Implementations should be cheap to copy
/// and their operations `@inlinable`: they run in the innermost loop of the reduction.
public protocol CoefficientField: Sendable {
  /// The type of the field's elements.
  associatedtype Element: Sendable
  /// The characteristic: p for Z/p, 0 for Q.
  var characteristic: Int { get }
  /// The multiplicative identity.
  var one: Element { get }
  /// Whether `a` is the zero element.
  func isZero(_ a: Element) -> Bool
  /// a + b.
  func sum(_ a: Element, _ b: Element) -> Element
  /// −a.
  func negation(_ a: Element) -> Element
  /// a · b.
  func product(_ a: Element, _ b: Element) -> Element
  /// a⁻¹. - Precondition: `a` is not zero.
  func inverse(_ a: Element) -> Element
}

extension CoefficientField {
  /// `negation(one)` if `negative`, else `one`: the incidence number ±1 of a face.
  @inlinable
  public func sign(negative: Bool) -> Element { negative ? negation(one) : one }
}
