import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A computation refused before it allocated: its estimated memory is above the budget.
///
/// Thrown by ``MemoryBudget/check(bytes:what:suggestion:)`` (and the estimators built on it, e.g.
/// `RipsPersistence.checkMemory`), so that a harness can catch it and pick smaller parameters.
/// Its description is one line: what needs how much, the budget and where it comes from, and what
/// would make the computation fit.
public struct ResourceError: TDAEvalError, Equatable {
  /// What would have been allocated, e.g. "rips on 1000000 points (maxdim 0)".
  public var what: String
  /// The estimate, in bytes (a `Double`: estimates may exceed any integer type).
  public var bytes: Double
  /// The budget it exceeds.
  public var budget: MemoryBudget
  /// What would make it fit, e.g. "give --threshold (sparse path)".
  public var suggestion: String

  public init(what: String, bytes: Double, budget: MemoryBudget, suggestion: String) {
    self.what = what
    self.bytes = bytes
    self.budget = budget
    self.suggestion = suggestion
  }

  public var description: String {
    "\(what) may need up to \(MemoryBudget.format(bytes)) of memory, above the budget of "
      + "\(MemoryBudget.format(budget.bytes)) (\(budget.source)); \(suggestion), "
      + "or raise the budget with --max-memory SIZE"
  }
}

/// The memory a computation may use: the smallest of the physical memory, the address-space limit
/// (`RLIMIT_AS`) and the cgroup limit (`memory.max` of cgroup v2, `memory.limit_in_bytes` of v1),
/// or an explicit size (`--max-memory`).
///
/// Estimates are upper bounds of the large buffers a computation allocates (distance matrices,
/// simplices, covariance matrices, caches); ``check(bytes:what:suggestion:)`` refuses before
/// anything is allocated, with a ``ResourceError``.
public struct MemoryBudget: Sendable, Equatable {
  /// The budget in bytes.
  public var bytes: Double
  /// Where it comes from: "physical memory", "RLIMIT_AS", "cgroup memory.max", "--max-memory".
  public var source: String

  public init(bytes: Double, source: String) {
    self.bytes = bytes
    self.source = source
  }

  /// The memory of this machine and process: the smallest of its limits.
  public static var available: MemoryBudget {
    var best = MemoryBudget(bytes: .infinity, source: "unlimited")
    func consider(_ value: Double?, _ source: String) {
      if let value, value > 0, value < best.bytes {
        best = MemoryBudget(bytes: value, source: source)
      }
    }
    let pages = sysconf(Int32(_SC_PHYS_PAGES))
    let pageSize = sysconf(Int32(_SC_PAGESIZE))
    if pages > 0 && pageSize > 0 { consider(Double(pages) * Double(pageSize), "physical memory") }
    var limit = rlimit()
    #if canImport(Glibc)
      let resource = __rlimit_resource_t(RLIMIT_AS.rawValue)
    #else
      let resource = RLIMIT_AS
    #endif
    if getrlimit(resource, &limit) == 0 && limit.rlim_cur < rlim_t(1) << 62 {  // not RLIM_INFINITY
      consider(Double(limit.rlim_cur), "RLIMIT_AS")
    }
    consider(cgroupLimit("/sys/fs/cgroup/memory.max"), "cgroup memory.max")
    consider(
      cgroupLimit("/sys/fs/cgroup/memory/memory.limit_in_bytes"), "cgroup memory.limit_in_bytes")
    return best
  }

  /// A cgroup limit file's value in bytes, or nil (unreadable, `max`, or the v1 "no limit" value).
  static func cgroupLimit(_ path: String) -> Double? {
    guard let data = FileManager.default.contents(atPath: path),
      let text = String(data: data, encoding: .utf8)?.trimmingCharacters(
        in: .whitespacesAndNewlines),
      let value = UInt64(text)
    else { return nil }
    // cgroup v1 reports "unlimited" as a page-rounded Int64.max.
    return value >= UInt64(1) << 62 ? nil : Double(value)
  }

  private static let lock = NSLock()
  nonisolated(unsafe) private static var explicit: MemoryBudget?

  /// The budget set by ``setOverride(_:)`` (e.g. from `--max-memory`), otherwise ``available``.
  public static var current: MemoryBudget {
    lock.lock()
    defer { lock.unlock() }
    return explicit ?? available
  }

  /// Replaces ``available`` by `bytes` for every later check in this process (`nil` restores it).
  public static func setOverride(_ bytes: Double?, source: String = "--max-memory") {
    lock.lock()
    defer { lock.unlock() }
    explicit = bytes.map { MemoryBudget(bytes: $0, source: source) }
  }

  /// Throws a ``ResourceError`` when `bytes` is above this budget (or not a number).
  public func check(
    bytes: Double, what: @autoclosure () -> String, suggestion: @autoclosure () -> String
  )
    throws(ResourceError)
  {
    guard bytes <= self.bytes else {
      throw ResourceError(what: what(), bytes: bytes, budget: self, suggestion: suggestion())
    }
  }

  /// Parses a size: bytes (`1000000`), or a number with a binary unit K, M, G, T (also `KB`,
  /// `KiB`, …; any case): `4G`, `512M`, `1.5g`. Nil for anything else, zero or negative.
  public static func parse(_ text: String) -> Double? {
    var body = text.trimmingCharacters(in: .whitespaces).uppercased()
    for suffix in ["IB", "B"] where body.hasSuffix(suffix) && body.count > suffix.count {
      body.removeLast(suffix.count)
      break
    }
    var scale = 1.0
    if let last = body.last, let power = ["K": 1, "M": 2, "G": 3, "T": 4, "P": 5][String(last)] {
      scale = Double(1 << (10 * power))
      body.removeLast()
    }
    guard !body.isEmpty, body.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
      let value = Double(body), value.isFinite, value > 0
    else { return nil }
    return value * scale
  }

  /// A size for messages: `512 B`, `1.5 KiB`, `4.0 GiB`, `3.6e+03 PiB`.
  public static func format(_ bytes: Double) -> String {
    guard bytes.isFinite else { return bytes.isNaN ? "an unknown amount" : "unbounded" }
    let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"]
    var value = bytes
    var unit = 0
    while value >= 1024 && unit < units.count - 1 {
      value /= 1024
      unit += 1
    }
    if unit == 0 { return "\(Int(value)) B" }
    return String(format: value >= 10_000 ? "%.2g" : "%.1f", value) + " " + units[unit]
  }

  /// C(n, k) as a Double (no overflow; +∞ beyond float64).
  package static func binomial(_ n: Double, _ k: Int) -> Double {
    guard k >= 0, n >= Double(k) else { return 0 }
    var result = 1.0
    for i in 0..<k { result *= (n - Double(i)) / Double(i + 1) }
    // Exact integers stay exact (the quotients above may round by an ulp).
    return result < 0x1p53 ? result.rounded() : result
  }
}
