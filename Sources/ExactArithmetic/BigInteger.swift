import CGMP

/// An arbitrary-precision signed integer: a value type over GNU MP's `mpz_t`.
///
/// The limbs live in a class-backed storage shared between copies and duplicated on the first
/// mutation of a shared value (copy-on-write), so copies are O(1) and mutation in place
/// (`+=`, ``addProduct(_:_:)``) reuses the existing allocation when the value is not shared.
/// Memory is released when the last copy goes away (`mpz_clear` in the storage's `deinit`).
/// Operations cost what GMP's do: O(n) for addition, subquadratic multiplication.
public struct BigInteger: Sendable {
  /// Owns one initialised `mpz_t` at a stable address.
  @usableFromInline final class Storage: @unchecked Sendable {
    /// The GMP integer; immutable once the storage is shared (copy-on-write).
    let value: UnsafeMutablePointer<__mpz_struct>

    /// A fresh zero (GMP ≥ 6.2 allocates no limbs for it).
    init() {
      value = .allocate(capacity: 1)
      cgmp_mpz_init(value)
    }

    /// A fresh copy of `other`.
    init(copying other: UnsafePointer<__mpz_struct>) {
      value = .allocate(capacity: 1)
      cgmp_mpz_init_set(value, other)
    }

    deinit {
      cgmp_mpz_clear(value)
      value.deallocate()
    }
  }

  @usableFromInline var storage: Storage

  /// Wraps a storage that nobody else references.
  init(storage: Storage) { self.storage = storage }

  /// A new value whose `mpz_t` is written by `body` (which receives a zero).
  static func make(_ body: (UnsafeMutablePointer<__mpz_struct>) -> Void) -> BigInteger {
    let result = Storage()
    body(result.value)
    return BigInteger(storage: result)
  }

  /// The `mpz_t` for reading.
  var pointer: UnsafePointer<__mpz_struct> { UnsafePointer(storage.value) }

  /// The `mpz_t` for writing, after copying a shared storage; the current value is kept.
  mutating func uniquePointer() -> UnsafeMutablePointer<__mpz_struct> {
    if !isKnownUniquelyReferenced(&storage) { storage = Storage(copying: storage.value) }
    return storage.value
  }

  /// The `mpz_t` for overwriting: a shared storage is replaced by a fresh one, not copied.
  mutating func overwritePointer() -> UnsafeMutablePointer<__mpz_struct> {
    if !isKnownUniquelyReferenced(&storage) { storage = Storage() }
    return storage.value
  }

  /// Zero.
  public init() { storage = Storage() }

  /// The integer `value`.
  public init(_ value: Int) {
    storage = Storage()
    cgmp_mpz_set_si(storage.value, value)
  }

  /// Whether the value is 0. O(1).
  public var isZero: Bool { cgmp_mpz_sgn(pointer) == 0 }

  /// −1, 0 or 1 according to the sign. O(1).
  public var signum: Int { Int(cgmp_mpz_sgn(pointer)) }

  /// The number of bits of the absolute value, 0 for zero (so 2^k needs k + 1). O(1).
  public var bitWidth: Int { isZero ? 0 : Int(cgmp_mpz_sizeinbase(pointer, 2)) }

  /// The binomial coefficient C(n, k) = n! / (k! (n − k)!), exactly; 0 when k > n.
  public static func binomial(_ n: UInt, _ k: UInt) -> BigInteger {
    make { cgmp_mpz_bin_uiui($0, n, k) }
  }

  /// The binomial coefficient C(self, k) for a non-negative self, exactly; 0 when k > self.
  public func choose(_ k: UInt) -> BigInteger {
    precondition(signum >= 0, "C(n, k) needs n ≥ 0, got \(self)")
    return BigInteger.make { cgmp_mpz_bin_ui($0, pointer, k) }
  }
}
