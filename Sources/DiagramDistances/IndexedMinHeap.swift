/// A binary min-heap of the items `0..<count` keyed by `key[item]`, addressable by item: any key
/// may change (`update`), items may leave (`remove`) and come back (`insert`). O(log n) each.
///
/// Used for the cheapest diagonal copies of the auction and for the diagonal copies of largest
/// potential in the exact solver (keyed by the negated potential).
struct IndexedMinHeap {
  private var heap: [Int32] = []
  /// Position of each item in `heap`, −1 when absent.
  private var slot: [Int32]
  private(set) var key: [Double]

  /// A heap holding every item `0..<keys.count`.
  init(keys: [Double]) {
    key = keys
    slot = Array(repeating: -1, count: keys.count)
    for item in keys.indices { insert(item) }
  }

  var isEmpty: Bool { heap.isEmpty }

  /// The item of least key, or nil.
  var top: Int? { heap.first.map { Int($0) } }

  /// The item of least key, its key and the second least key (+∞ if there is no second).
  var twoLeast: (item: Int, key: Double, second: Double) {
    let first = Int(heap[0])
    var second = Double.infinity
    if heap.count > 1 { second = key[Int(heap[1])] }
    if heap.count > 2 { second = min(second, key[Int(heap[2])]) }
    return (first, key[first], second)
  }

  func contains(_ item: Int) -> Bool { slot[item] >= 0 }

  /// Sets the key of `item` (present or not) and restores the heap order.
  mutating func update(_ item: Int, to value: Double) {
    key[item] = value
    guard slot[item] >= 0 else { return }
    siftUp(Int(slot[item]))
    siftDown(Int(slot[item]))
  }

  mutating func insert(_ item: Int) {
    guard slot[item] < 0 else { return }
    heap.append(Int32(item))
    slot[item] = Int32(heap.count - 1)
    siftUp(heap.count - 1)
  }

  mutating func remove(_ item: Int) {
    let position = Int(slot[item])
    guard position >= 0 else { return }
    slot[item] = -1
    let last = heap.removeLast()
    if position < heap.count {
      heap[position] = last
      slot[Int(last)] = Int32(position)
      siftUp(position)
      siftDown(Int(slot[Int(last)]))
    }
  }

  private mutating func place(_ item: Int32, at position: Int) {
    heap[position] = item
    slot[Int(item)] = Int32(position)
  }

  private mutating func siftUp(_ start: Int) {
    var position = start
    let item = heap[position]
    while position > 0 {
      let parent = (position - 1) / 2
      if key[Int(heap[parent])] <= key[Int(item)] { break }
      place(heap[parent], at: position)
      position = parent
    }
    place(item, at: position)
  }

  private mutating func siftDown(_ start: Int) {
    var position = start
    let item = heap[position]
    let count = heap.count
    while true {
      var child = 2 * position + 1
      if child >= count { break }
      if child + 1 < count && key[Int(heap[child + 1])] < key[Int(heap[child])] { child += 1 }
      if key[Int(heap[child])] >= key[Int(item)] { break }
      place(heap[child], at: position)
      position = child
    }
    place(item, at: position)
  }
}
