import CGMP

/// An arbitrary-precision signed integer, a copy-on-write value over GNU MP's `mpz_t`.
public struct BigInteger: Sendable {
  @usableFromInline final class Storage: @unchecked Sendable {
    let value: UnsafeMutablePointer<__mpz_struct>
    init() {
      value = .allocate(capacity: 1)
      cgmp_mpz_init(value)
    }
    deinit {
      cgmp_mpz_clear(value)
      value.deallocate()
    }
  }

  @usableFromInline var storage: Storage

  /// Creates the integer `value`.
  public init(_ value: Int) {
    storage = Storage()
    cgmp_mpz_set_si(storage.value, value)
  }

  /// The binomial coefficient C(n, k), exactly.
  public static func binomial(_ n: UInt, _ k: UInt) -> BigInteger {
    var result = BigInteger(0)
    cgmp_mpz_bin_uiui(result.storage.value, n, k)
    return result
  }

  /// The number of bits of the absolute value (0 for zero).
  public var bitWidth: Int {
    cgmp_mpz_sgn(storage.value) == 0 ? 0 : Int(cgmp_mpz_sizeinbase(storage.value, 2))
  }
}

extension BigInteger: CustomStringConvertible {
  /// The decimal digits, with a leading `-` when negative.
  public var description: String {
    guard let digits = cgmp_mpz_get_str(nil, 10, storage.value) else { return "?" }
    defer { free(digits) }
    return String(cString: digits)
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
