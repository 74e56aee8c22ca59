import Synchronization

/// A fixed-capacity, lock-free hash map from simplex indices to non-zero machine words, shared by
/// the threads of one reduction: the pivot of every reduced column and who owns it.
///
/// Open addressing with linear probing over a power-of-two number of slots (at least twice the
/// most keys ever inserted, so probes stay short and the table never fills). A slot's word is
/// atomic: 0 means empty, 1 means a thread has claimed the slot and is writing its key, anything
/// else is the value, stored with release ordering after the key, so that a reader that loads
/// the value with acquire ordering sees the key and whatever the value points to. Keys are never
/// removed; values are replaced with compare-and-swap. Lookups, insertions and replacements from
/// any number of threads are safe together.
final class PivotTable<Index: SimplexIndex>: @unchecked Sendable {
  private let mask: Int
  private let keys: UnsafeMutablePointer<Index>
  private let words: UnsafeMutablePointer<Atomic<Int>>

  /// A table for up to `count` keys.
  init(keyCount count: Int) {
    var capacity = 16
    while capacity < 2 * count { capacity <<= 1 }
    mask = capacity - 1
    keys = .allocate(capacity: capacity)
    words = .allocate(capacity: capacity)
    for slot in 0..<capacity { (words + slot).initialize(to: Atomic(0)) }
  }

  deinit {
    for slot in 0...mask where words[slot].load(ordering: .relaxed) > 1 {
      (keys + slot).deinitialize(count: 1)
    }
    words.deinitialize(count: mask + 1)
    words.deallocate()
    keys.deallocate()
  }

  @inline(__always)
  private func home(of key: Index) -> Int { Int(truncatingIfNeeded: key.tableHash) & mask }

  /// The slot holding `key`, if it is in the table.
  @inline(__always)
  func slot(of key: Index) -> Int? {
    var slot = home(of: key)
    while true {
      let word = words[slot].load(ordering: .acquiring)
      if word == 0 { return nil }
      if word == 1 { continue }  // its key is being written: read the slot again
      if keys[slot] == key { return slot }
      slot = (slot + 1) & mask
    }
  }

  /// Whether `key` is in the table.
  @inline(__always)
  func contains(_ key: Index) -> Bool { slot(of: key) != nil }

  /// The value in `slot` (a slot returned by `slot(of:)` or `insert(_:value:)`).
  @inline(__always)
  func value(at slot: Int) -> Int { words[slot].load(ordering: .acquiring) }

  /// Inserts `key` with `value` (> 1) unless `key` is present; returns nil if inserted, else the
  /// slot that holds `key`.
  func insert(_ key: Index, value: Int) -> Int? {
    var slot = home(of: key)
    while true {
      let word = words[slot].load(ordering: .acquiring)
      if word == 0 {
        guard words[slot].compareExchange(expected: 0, desired: 1, ordering: .acquiring).exchanged
        else { continue }
        (keys + slot).initialize(to: key)
        words[slot].store(value, ordering: .releasing)
        return nil
      }
      if word == 1 { continue }
      if keys[slot] == key { return slot }
      slot = (slot + 1) & mask
    }
  }

  /// Replaces the value in `slot` by `value` if it is still `expected`; whether it was.
  func replace(at slot: Int, expected: Int, with value: Int) -> Bool {
    words[slot].compareExchange(
      expected: expected, desired: value, ordering: .acquiringAndReleasing
    )
    .exchanged
  }
}
