import ExactArithmetic

/// The exact integer types the engine numbers simplices with, narrowest first. The engine picks
/// the narrowest that holds every binomial coefficient C(i, k), i ≤ n, k ≤ maxDimension + 2,
/// that the filtration's table needs (`BinomialTable`), so that every complex that fits in
/// memory can be computed, and the common case keeps 64-bit speed.
public enum SimplexIndexWidth: String, Sendable, CaseIterable {
  /// `Int`: indices up to 2⁶³ − 1.
  case bits64 = "64-bit"
  /// `WideSimplexIndex`: indices up to 2¹²⁸ − 1.
  case bits128 = "128-bit"
  /// `BigInteger` (GNU MP): unbounded.
  case unbounded = "GMP"

  /// The names `--index-width` takes: `64`, `128`, `gmp`.
  public static let names = ["64", "128", "gmp"]

  /// The width `name` names: `64`, `128` or `gmp` (any case; also `64-bit`, `128-bit`), or nil.
  public init?(name: String) {
    switch name.lowercased() {
    case "64", "64-bit": self = .bits64
    case "128", "128-bit": self = .bits128
    case "gmp": self = .unbounded
    default: return nil
    }
  }

  /// The narrowest width for `vertexCount` vertices and homology up to `maxDimension`: the
  /// largest coefficient in the table is C(n, min(maxDimension + 2, ⌊n/2⌋)), computed exactly.
  public static func narrowest(vertexCount: Int, maxDimension: Int) -> SimplexIndexWidth {
    precondition(vertexCount >= 0 && maxDimension >= 0)
    let k = min(maxDimension + 2, vertexCount / 2)
    let largest = BigInteger.binomial(UInt(vertexCount), UInt(k))
    if largest.bitWidth <= Int.bitWidth - 1 { return .bits64 }
    if largest.bitWidth <= 128 { return .bits128 }
    return .unbounded
  }

  /// The name of the Swift type.
  public var typeName: String {
    switch self {
    case .bits64: "Int"
    case .bits128: "WideSimplexIndex"
    case .unbounded: "BigInteger"
    }
  }

  /// Runs `computation` with this width's index type.
  package func run<C: IndexWidthComputation>(_ computation: C) throws(PersistenceError) -> C.Output
  {
    switch self {
    case .bits64: return try computation.run(indexType: Int.self)
    case .bits128: return try computation.run(indexType: WideSimplexIndex.self)
    case .unbounded: return try computation.run(indexType: BigInteger.self)
    }
  }
}

/// A computation written once for any simplex index type, run by `SimplexIndexWidth.run(_:)`
/// with the type chosen at run time (Swift closures cannot be generic, protocols can).
package protocol IndexWidthComputation {
  /// What the computation returns.
  associatedtype Output
  /// Performs the computation with simplex indices of type `Index`.
  func run<Index: SimplexIndex>(indexType: Index.Type) throws(PersistenceError) -> Output
}
