/// A binary min-heap of item prices addressable by item, whose prices only rise: the cheapest
/// diagonal copies for the auction's diagonal bidders (to whom every diagonal copy costs 0).
struct PriceHeap {
  private var heap: [Int32]
  private var slot: [Int32]
  private(set) var price: [Double]

  /// A heap of `count` items, all of price 0.
  init(count: Int) {
    heap = (0..<count).map { Int32($0) }
    slot = heap
    price = Array(repeating: 0, count: count)
  }

  /// The cheapest item, its price and the second lowest price (+∞ if there is one item).
  var twoCheapest: (item: Int, price: Double, second: Double) {
    let top = Int(heap[0])
    var second = Double.infinity
    if heap.count > 1 { second = price[Int(heap[1])] }
    if heap.count > 2 { second = min(second, price[Int(heap[2])]) }
    return (top, price[top], second)
  }

  /// Raises the price of `item` to `value` (≥ its current price).
  mutating func raise(_ item: Int, to value: Double) {
    price[item] = value
    var k = Int(slot[item])
    let count = heap.count
    while true {
      let left = 2 * k + 1
      if left >= count { break }
      var child = left
      if left + 1 < count && price[Int(heap[left + 1])] < price[Int(heap[left])] { child = left + 1 }
      if price[Int(heap[child])] >= value { break }
      heap[k] = heap[child]
      slot[Int(heap[k])] = Int32(k)
      k = child
    }
    heap[k] = Int32(item)
    slot[item] = Int32(k)
  }
}
