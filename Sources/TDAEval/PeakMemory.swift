import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The peak resident memory of a piece of work, measured in-process on Linux: the kernel's
/// high-water mark `VmHWM` is reset to the current resident size (writing 5 to
/// `/proc/self/clear_refs`), the work runs, and the new high-water mark minus the resident size
/// before is what the work added at its peak.
///
/// Memory freed earlier is first handed back to the system (`malloc_trim`), so the work's own
/// allocations show. Other threads' allocations during the work count too, so measure one thing
/// at a time. On systems without these files the measurement is `nil`.
enum PeakMemory {
  /// `VmRSS` and `VmHWM` of this process in bytes, or `nil` when unavailable.
  static func current() -> (resident: Int, peak: Int)? {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else {
      return nil
    }
    func kilobytes(_ key: String) -> Int? {
      guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(key + ":") })
      else { return nil }
      // "VmHWM:\t    1700 kB"
      let number = line.dropFirst(key.count + 1).trimmingCharacters(in: .whitespaces)
        .prefix { $0.isNumber }
      return Int(number)
    }
    guard let resident = kilobytes("VmRSS"), let peak = kilobytes("VmHWM") else { return nil }
    return (resident * 1024, peak * 1024)
  }

  /// Resets the high-water mark to the current resident size; whether it worked.
  static func resetPeak() -> Bool {
    guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return false }
    defer { try? handle.close() }
    do {
      try handle.write(contentsOf: Data("5".utf8))
      return true
    } catch {
      return false
    }
  }

  /// Calls glibc's `malloc_trim(0)` when the C library has it (it is not in Swift's Glibc module).
  static func trimHeap() {
    #if canImport(Glibc)
      typealias Trim = @convention(c) (Int) -> Int32
      guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else {
        return
      }
      _ = unsafeBitCast(symbol, to: Trim.self)(0)
    #endif
  }

  /// Runs `body` and returns its result with the bytes it added to the resident size at its peak
  /// (`nil` when that cannot be measured here).
  static func measure<T>(_ body: () throws -> T) rethrows -> (result: T, peakBytes: Int?) {
    // Return memory freed by earlier work to the system, so that this work's allocations raise
    // the resident size again instead of reusing pages already counted.
    trimHeap()
    let before = resetPeak() ? current() : nil
    let result = try body()
    guard let before, let after = current() else { return (result, nil) }
    return (result, max(0, after.peak - before.resident))
  }
}
