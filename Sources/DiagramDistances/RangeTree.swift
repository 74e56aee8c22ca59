/// A 2-d tree for L∞ range queries from which points can be removed: the neighbour structure of
/// the bottleneck matching oracle (Efrat–Itai–Katz: every point found is removed, so each vertex
/// enters a search forest once).
///
/// Removal is O(log n); `restoreAll` is O(n); a query costs O(√n + k) for k reported points.
struct RangeTree {
  private(set) var layout: KDTreeLayout
  private var alive: [Bool]
  private var live: [Int32]
  private var positionOfID: [Int32]

  /// A tree over the points `0..<x.count` of `x`, `y`.
  init(x: [Double], y: [Double]) {
    layout = KDTreeLayout(x: x, y: y, ids: Array(x.indices))
    alive = Array(repeating: true, count: x.count)
    live = []
    positionOfID = Array(repeating: 0, count: x.count)
    for (position, id) in layout.ids.enumerated() { positionOfID[Int(id)] = Int32(position) }
    live = Array(repeating: 0, count: layout.nodeCount)
    restoreAll()
  }

  /// Makes every point present again.
  mutating func restoreAll() {
    for k in alive.indices { alive[k] = true }
    for node in 0..<layout.nodeCount { live[node] = layout.upper[node] - layout.lower[node] }
  }

  /// Removes point `id` if present.
  mutating func remove(id: Int) {
    let position = Int(positionOfID[id])
    guard alive[position] else { return }
    alive[position] = false
    var node = Int(layout.leafOfPosition[position])
    while node >= 0 {
      live[node] -= 1
      node = Int(layout.parent[node])
    }
  }

  /// Removes and appends to `found` every present point within L∞ distance `r` of `(cx, cy)`.
  mutating func removeAll(within r: Double, of cx: Double, _ cy: Double, into found: inout [Int32])
  {
    removeEach(within: r, of: cx, cy) { id in
      found.append(Int32(id))
      return true
    }
  }

  /// Removes and returns one present point within L∞ distance `r` of `(cx, cy)`, if any.
  mutating func removeAny(within r: Double, of cx: Double, _ cy: Double) -> Int? {
    var taken: Int? = nil
    removeEach(within: r, of: cx, cy) { id in
      taken = id
      return false
    }
    return taken
  }

  /// Removes the present points within L∞ distance `r` of `(cx, cy)` one by one, handing each to
  /// `take`, until `take` returns false or none is left.
  @inline(__always)
  private mutating func removeEach(
    within r: Double, of cx: Double, _ cy: Double, _ take: (Int) -> Bool
  ) {
    guard layout.nodeCount > 0 else { return }
    var stack: [Int32] = [0]
    while let top = stack.popLast() {
      let node = Int(top)
      if live[node] == 0 { continue }
      let (gx, gy) = layout.boxGap(node, cx, cy)
      if gx > r || gy > r { continue }
      let left = layout.leftChild[node]
      if left >= 0 {
        stack.append(left)
        stack.append(layout.rightChild[node])
        continue
      }
      for position in Int(layout.lower[node])..<Int(layout.upper[node]) where alive[position] {
        if abs(layout.px[position] - cx) <= r && abs(layout.py[position] - cy) <= r {
          let id = Int(layout.ids[position])
          remove(id: id)
          if !take(id) { return }
        }
      }
    }
  }

  /// Calls `body(id, distance)` for every point (present or not) whose L∞ distance to `(cx, cy)`
  /// lies in `(inner, outer]`; nodes entirely within `inner` are skipped.
  func forEach(
    inAnnulus inner: Double, _ outer: Double, around cx: Double, _ cy: Double,
    _ body: (Int, Double) -> Void
  ) {
    guard layout.nodeCount > 0 else { return }
    var stack: [Int32] = [0]
    while let top = stack.popLast() {
      let node = Int(top)
      let (gx, gy) = layout.boxGap(node, cx, cy)
      if gx > outer || gy > outer { continue }
      let far = max(
        max(abs(layout.minX[node] - cx), abs(layout.maxX[node] - cx)),
        max(abs(layout.minY[node] - cy), abs(layout.maxY[node] - cy)))
      if far <= inner { continue }
      let left = layout.leftChild[node]
      if left >= 0 {
        stack.append(left)
        stack.append(layout.rightChild[node])
        continue
      }
      for position in Int(layout.lower[node])..<Int(layout.upper[node]) {
        let d = max(abs(layout.px[position] - cx), abs(layout.py[position] - cy))
        if d > inner && d <= outer { body(Int(layout.ids[position]), d) }
      }
    }
  }
}
