/// Append-only storage for the reduced columns one thread of a reduction publishes: each record
/// (a column's number, its pivot's coefficient and its V) is a header plus a run of entries, in
/// chunks that never move, so that other threads may read a record through its address (the word
/// in the `PivotTable`) until the arena is released at the end of the dimension. One allocation
/// per chunk instead of per column keeps the bookkeeping of millions of columns to a few words
/// each.
final class RecordArena<Index: SimplexIndex, Element> {
  typealias Entry = Term<Index, Element>

  /// A published record. Its address is 8-byte aligned (bits 0–2 clear).
  struct Header {
    var column: Int
    var coefficient: Element
    var entries: UnsafeMutablePointer<Entry>
    var count: Int

    /// V, without the unit entry of the column's own simplex.
    var reduction: UnsafeBufferPointer<Entry> { UnsafeBufferPointer(start: entries, count: count) }
  }

  /// A chunk of `capacity` elements of which the first `used` are initialised.
  private struct Chunk<T> {
    var base: UnsafeMutablePointer<T>
    var used: Int
    var capacity: Int

    init(capacity: Int) {
      base = .allocate(capacity: capacity)
      used = 0
      self.capacity = capacity
    }

    func release() {
      base.deinitialize(count: used)
      base.deallocate()
    }
  }

  private var entryChunks: [Chunk<Entry>] = []
  private var headerChunks: [Chunk<Header>] = []

  init() {}

  deinit {
    for chunk in entryChunks { chunk.release() }
    for chunk in headerChunks { chunk.release() }
  }

  /// Stores a record and returns the address of its header.
  func store(column: Int, coefficient: Element, reduction: [Entry]) -> UnsafePointer<Header> {
    if entryChunks.last.map({ $0.capacity - $0.used < reduction.count }) ?? true {
      entryChunks.append(Chunk(capacity: max(1 << 15, reduction.count)))
    }
    let e = entryChunks.count - 1
    let entries = entryChunks[e].base + entryChunks[e].used
    reduction.withUnsafeBufferPointer { entries.initialize(from: $0.baseAddress!, count: $0.count) }
    entryChunks[e].used += reduction.count
    if headerChunks.last.map({ $0.used == $0.capacity }) ?? true {
      headerChunks.append(Chunk(capacity: 1 << 10))
    }
    let h = headerChunks.count - 1
    let header = headerChunks[h].base + headerChunks[h].used
    header.initialize(
      to: Header(column: column, coefficient: coefficient, entries: entries, count: reduction.count)
    )
    headerChunks[h].used += 1
    return UnsafePointer(header)
  }
}
