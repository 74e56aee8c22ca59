import CGMP

/// An exact rational number: a value type over GNU MP's `mpq_t`, always in lowest terms with a
/// positive denominator, so equal numbers have equal representations (and equal hashes).
///
/// Copy-on-write over a class-backed storage, as ``BigInteger``: copies are O(1), compound
/// operators and ``addProduct(_:_:)`` mutate in place when the value is not shared, and GMP's
/// memory is released with the last copy. Every operation is one GMP call plus the gcd that
/// keeps the result canonical.
public struct Rational: Sendable {
  /// Owns one initialised `mpq_t` at a stable address.
  @usableFromInline final class Storage: @unchecked Sendable {
    /// The GMP rational; immutable once the storage is shared (copy-on-write).
    let value: UnsafeMutablePointer<__mpq_struct>

    /// A fresh 0/1 (GMP ≥ 6.2 allocates no limbs for it).
    init() {
      value = .allocate(capacity: 1)
      cgmp_mpq_init(value)
    }

    /// A fresh copy of `other`.
    convenience init(copying other: UnsafePointer<__mpq_struct>) {
      self.init()
      cgmp_mpq_set(value, other)
    }

    deinit {
      cgmp_mpq_clear(value)
      value.deallocate()
    }
  }

  @usableFromInline var storage: Storage

  /// Wraps a storage that nobody else references.
  init(storage: Storage) { self.storage = storage }

  /// A new value whose `mpq_t` is written by `body` (which receives 0/1).
  static func make(_ body: (UnsafeMutablePointer<__mpq_struct>) -> Void) -> Rational {
    let result = Storage()
    body(result.value)
    return Rational(storage: result)
  }

  /// The `mpq_t` for reading.
  var pointer: UnsafePointer<__mpq_struct> { UnsafePointer(storage.value) }

  /// The `mpq_t` for writing, after copying a shared storage; the current value is kept.
  mutating func uniquePointer() -> UnsafeMutablePointer<__mpq_struct> {
    if !isKnownUniquelyReferenced(&storage) { storage = Storage(copying: storage.value) }
    return storage.value
  }

  /// The `mpq_t` for overwriting: a shared storage is replaced by a fresh one, not copied.
  mutating func overwritePointer() -> UnsafeMutablePointer<__mpq_struct> {
    if !isKnownUniquelyReferenced(&storage) { storage = Storage() }
    return storage.value
  }

  /// Zero.
  public init() { storage = Storage() }

  /// The integer `value`.
  public init(_ value: Int) {
    storage = Storage()
    cgmp_mpq_set_si(storage.value, value, 1)
  }

  /// The integer `value`.
  public init(_ value: BigInteger) {
    storage = Storage()
    cgmp_mpq_set_z(storage.value, value.pointer)
  }

  /// numerator / denominator, reduced to lowest terms. The denominator must not be zero.
  public init(numerator: BigInteger, denominator: BigInteger) {
    precondition(!denominator.isZero, "A rational number needs a nonzero denominator")
    storage = Storage()
    cgmp_mpq_set_num_den(storage.value, numerator.pointer, denominator.pointer)
  }

  /// numerator / denominator, reduced to lowest terms. The denominator must not be zero.
  public init(_ numerator: Int, _ denominator: Int) {
    self.init(numerator: BigInteger(numerator), denominator: BigInteger(denominator))
  }

  /// The numerator in lowest terms (carries the sign).
  public var numerator: BigInteger {
    BigInteger.make { cgmp_mpz_set($0, cgmp_mpq_numref(pointer)) }
  }

  /// The denominator in lowest terms (always ≥ 1).
  public var denominator: BigInteger {
    BigInteger.make { cgmp_mpz_set($0, cgmp_mpq_denref(pointer)) }
  }

  /// Whether the value is 0. O(1).
  public var isZero: Bool { cgmp_mpq_sgn(pointer) == 0 }

  /// Whether the value is 1. O(1).
  public var isOne: Bool {
    cgmp_mpz_cmp_si(cgmp_mpq_numref(pointer), 1) == 0
      && cgmp_mpz_cmp_si(cgmp_mpq_denref(pointer), 1) == 0
  }

  /// Whether the denominator is 1. O(1).
  public var isInteger: Bool { cgmp_mpz_cmp_si(cgmp_mpq_denref(pointer), 1) == 0 }

  /// −1, 0 or 1 according to the sign. O(1).
  public var signum: Int { Int(cgmp_mpq_sgn(pointer)) }
}
