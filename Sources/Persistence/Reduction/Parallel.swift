import Dispatch
import Synchronization

/// The number of worker threads used by default: the processors online.
public var defaultThreadCount: Int {
  #if canImport(Glibc) || canImport(Darwin)
    return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
  #else
    return 1
  #endif
}

/// Runs `body(part)` for part in 0..<parts, on up to `threads` threads (inline when 1).
@inlinable
func forEachPart(_ parts: Int, threads: Int, _ body: (Int) -> Void) {
  if threads <= 1 || parts <= 1 {
    for part in 0..<parts { body(part) }
  } else {
    withoutActuallyEscaping(body) { body in
      nonisolated(unsafe) let run = body
      DispatchQueue.concurrentPerform(iterations: parts) { run($0) }
    }
  }
}

/// Collects what `produce(part, append)` appends over `parts` concurrent parts, in part order.
@inlinable
func gatherParts<T>(_ parts: Int, threads: Int, _ produce: (Int, inout [T]) -> Void) -> [T] {
  var results = [[T]](repeating: [], count: parts)
  results.withUnsafeMutableBufferPointer { buffer in
    nonisolated(unsafe) let out = buffer
    forEachPart(parts, threads: threads) { part in produce(part, &out[part]) }
  }
  if parts == 1 { return results[0] }
  var all: [T] = []
  all.reserveCapacity(results.reduce(0) { $0 + $1.count })
  for part in results { all.append(contentsOf: part) }
  return all
}

/// Hands out consecutive runs of column numbers to the threads of a reduction.
final class WorkCounter: Sendable {
  private let next = Atomic<Int>(0)

  /// The first of the next `count` numbers.
  func take(_ count: Int) -> Int { next.add(count, ordering: .relaxed).oldValue }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
