import Foundation

extension Array {
  /// `[body(0), …, body(count − 1)]`, the calls shared among the cores; each result lands in its
  /// own slot, so the array is the same whatever the number of threads.
  package init(concurrentlyComputing count: Int, _ body: @Sendable (Int) -> Element) {
    var slots = [Element?](repeating: nil, count: count)
    slots.withUnsafeMutableBufferPointer { buffer in
      nonisolated(unsafe) let output = buffer
      DispatchQueue.concurrentPerform(iterations: count) { output[$0] = body($0) }
    }
    self = slots.map { $0! }
  }
}
