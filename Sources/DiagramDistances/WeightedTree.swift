/// A 2-d tree whose points carry weights (auction prices), answering "which two points minimise
/// `cost(q, y) + weight(y)`?" — the bid oracle of the Wasserstein auction (Hera's weighted k-d tree,
/// TECHNIQUES.md §5.3).
///
/// Every node keeps the least weight below it; a subtree is skipped when the cost to its box plus
/// that least weight cannot beat the current second best. A weight change is O(log n).
struct WeightedTree {
  private let layout: KDTreeLayout
  private var weight: [Double]
  private var least: [Double]
  private var positionOfID: [Int32]
  private var stack: [Int32] = []

  /// A tree over the points `0..<x.count` with the given weights (default 0).
  init(x: [Double], y: [Double], weights: [Double]? = nil) {
    layout = KDTreeLayout(x: x, y: y, ids: Array(x.indices))
    positionOfID = Array(repeating: 0, count: x.count)
    for (position, id) in layout.ids.enumerated() { positionOfID[Int(id)] = Int32(position) }
    weight = layout.ids.map { weights?[Int($0)] ?? 0 }
    least = Array(repeating: 0, count: layout.nodeCount)
    for node in (0..<layout.nodeCount).reversed() {  // children come after their parent
      let left = Int(layout.leftChild[node])
      least[node] =
        left >= 0
        ? min(least[left], least[Int(layout.rightChild[node])])
        : weight[Int(layout.lower[node])..<Int(layout.upper[node])].min() ?? .infinity
    }
  }

  /// Sets the weight of point `id`.
  mutating func setWeight(_ value: Double, of id: Int) {
    let position = Int(positionOfID[id])
    weight[position] = value
    var node = Int(layout.leafOfPosition[position])
    var smallest = Double.infinity
    for k in Int(layout.lower[node])..<Int(layout.upper[node]) { smallest = min(smallest, weight[k]) }
    least[node] = smallest
    node = Int(layout.parent[node])
    while node >= 0 {
      let updated = min(least[Int(layout.leftChild[node])], least[Int(layout.rightChild[node])])
      if updated == least[node] { break }
      least[node] = updated
      node = Int(layout.parent[node])
    }
  }

  /// The point minimising `cost + weight` from `(qx, qy)`, that value, and the second smallest
  /// value (+∞ if there is one point).
  mutating func twoBest(from qx: Double, _ qy: Double, ground: GroundCost) -> (
    id: Int, best: Double, second: Double
  ) {
    var (bestID, best, second) = (-1, Double.infinity, Double.infinity)
    guard layout.nodeCount > 0 else { return (bestID, best, second) }
    stack.removeAll(keepingCapacity: true)
    stack.append(0)
    while let top = stack.popLast() {
      let node = Int(top)
      let (gx, gy) = layout.boxGap(node, qx, qy)
      if ground.power(ground.norm(gx, gy)) + least[node] >= second { continue }
      let left = Int(layout.leftChild[node])
      if left >= 0 {
        let right = Int(layout.rightChild[node])
        let (lx, ly) = layout.boxGap(left, qx, qy)
        let (rx, ry) = layout.boxGap(right, qx, qy)
        let leftBound = ground.power(ground.norm(lx, ly)) + least[left]
        let rightBound = ground.power(ground.norm(rx, ry)) + least[right]
        if leftBound < rightBound {
          stack.append(Int32(right)); stack.append(Int32(left))
        } else {
          stack.append(Int32(left)); stack.append(Int32(right))
        }
        continue
      }
      for position in Int(layout.lower[node])..<Int(layout.upper[node]) {
        let value =
          ground.cost(qx, qy, layout.px[position], layout.py[position]) + weight[position]
        if value < best {
          second = best
          best = value
          bestID = Int(layout.ids[position])
        } else if value < second {
          second = value
        }
      }
    }
    return (bestID, best, second)
  }

  /// The `k` points of least `cost + weight` from `(qx, qy)`, by increasing value.
  mutating func best(_ k: Int, from qx: Double, _ qy: Double, ground: GroundCost) -> [(
    id: Int, value: Double
  )] {
    var kept: [(id: Int, value: Double)] = []
    guard layout.nodeCount > 0, k > 0 else { return kept }
    func threshold() -> Double { kept.count < k ? .infinity : kept[kept.count - 1].value }
    stack.removeAll(keepingCapacity: true)
    stack.append(0)
    while let top = stack.popLast() {
      let node = Int(top)
      let (gx, gy) = layout.boxGap(node, qx, qy)
      if ground.power(ground.norm(gx, gy)) + least[node] >= threshold() { continue }
      let left = Int(layout.leftChild[node])
      if left >= 0 {
        stack.append(layout.rightChild[node])
        stack.append(Int32(left))
        continue
      }
      for position in Int(layout.lower[node])..<Int(layout.upper[node]) {
        let value =
          ground.cost(qx, qy, layout.px[position], layout.py[position]) + weight[position]
        if value < threshold() {
          if kept.count == k { kept.removeLast() }
          let at = kept.firstIndex { $0.value > value } ?? kept.count
          kept.insert((Int(layout.ids[position]), value), at: at)
        }
      }
    }
    return kept
  }
}
