/// A 2-d tree whose points carry weights (auction prices), answering "which two points minimise
/// `cost(q, y) + weight(y)`?" — the bid oracle of the Wasserstein auction (Hera's weighted k-d
/// tree).
///
/// Every node keeps the least weight below it; a subtree is skipped when the cost to its box plus
/// that least weight cannot beat the current second best. A weight change is O(log n).
struct WeightedTree {
  private let layout: KDTreeLayout
  private var weight: [Double]
  private var least: [Double]
  private var positionOfID: [Int32]
  /// The layout's nodes and points packed for the bid queries.
  private let nodes: [PackedNode]
  private let points: [(x: Double, y: Double)]

  private struct PackedNode {
    var minX, maxX, minY, maxY: Double
    var left, right, lower, upper: Int32
  }

  /// A tree over the points `0..<x.count` with the given weights (default 0).
  init(x: [Double], y: [Double], weights: [Double]? = nil) {
    layout = KDTreeLayout(x: x, y: y, ids: Array(x.indices))
    positionOfID = Array(repeating: 0, count: x.count)
    for (position, id) in layout.ids.enumerated() { positionOfID[Int(id)] = Int32(position) }
    weight = layout.ids.map { weights?[Int($0)] ?? 0 }
    nodes = (0..<layout.nodeCount).map { [layout] k in
      PackedNode(
        minX: layout.minX[k], maxX: layout.maxX[k], minY: layout.minY[k], maxY: layout.maxY[k],
        left: layout.leftChild[k], right: layout.rightChild[k], lower: layout.lower[k],
        upper: layout.upper[k])
    }
    points = zip(layout.px, layout.py).map { (x: $0, y: $1) }
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
    for k in Int(layout.lower[node])..<Int(layout.upper[node]) {
      smallest = min(smallest, weight[k])
    }
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
  func twoBest(from qx: Double, _ qy: Double, ground: GroundCost) -> (
    id: Int, best: Double, second: Double
  ) {
    var (bestPosition, best, second) = (-1, Double.infinity, Double.infinity)
    search(from: qx, qy, ground: ground, threshold: { second }) { position, value in
      if value < best {
        second = best
        best = value
        bestPosition = position
      } else if value < second {
        second = value
      }
    }
    return (bestPosition < 0 ? -1 : Int(layout.ids[bestPosition]), best, second)
  }

  /// The `k` points of least `cost + weight` from `(qx, qy)`, by increasing value (fewer if the
  /// tree has fewer points).
  func best(_ k: Int, from qx: Double, _ qy: Double, ground: GroundCost) -> [(
    id: Int, value: Double
  )] {
    guard k > 0 else { return [] }
    var position = [Int32](repeating: -1, count: k)
    var value = [Double](repeating: .infinity, count: k)
    position.withUnsafeMutableBufferPointer { position in
      value.withUnsafeMutableBufferPointer { value in
        search(from: qx, qy, ground: ground, threshold: { value[k - 1] }) { found, candidate in
          var slot = k - 1
          while slot > 0 && value[slot - 1] > candidate {
            (position[slot], value[slot]) = (position[slot - 1], value[slot - 1])
            slot -= 1
          }
          (position[slot], value[slot]) = (Int32(found), candidate)
        }
      }
    }
    return zip(position, value).prefix { $0.0 >= 0 }.map { (Int(layout.ids[Int($0.0)]), $0.1) }
  }

  /// Calls `visit(position, value)` for every point whose value `cost + weight` from `(qx, qy)`
  /// is below `threshold()` when its leaf is reached, nearest boxes first; a subtree is skipped
  /// once its bound reaches `threshold()`. The hot loop of the auction: raw buffers, no bounds
  /// checks, and for L∞ with q ∈ {1, 2} (`GroundCost.lInfinityPower`) a copy of the loop without
  /// the branches on p, q and the unit (the same bits as `GroundCost.cost`).
  @inline(__always)
  private func search(
    from qx: Double, _ qy: Double, ground: GroundCost, threshold: () -> Double,
    visit: (_ position: Int, _ value: Double) -> Void
  ) {
    guard !nodes.isEmpty else { return }
    switch ground.lInfinityOrder {
    case 1:
      traverse(from: qx, qy, threshold: threshold, visit: visit) { dx, dy in
        ground.lInfinityPower(dx, dy, squared: false)
      } pointCost: { x, y in
        let d = max(abs(qx - x), abs(qy - y))
        return d.isFinite ? ground.lInfinityPower(d, 0, squared: false) : ground.cost(qx, qy, x, y)
      }
    case 2:
      traverse(from: qx, qy, threshold: threshold, visit: visit) { dx, dy in
        ground.lInfinityPower(dx, dy, squared: true)
      } pointCost: { x, y in
        let d = max(abs(qx - x), abs(qy - y))
        return d.isFinite ? ground.lInfinityPower(d, 0, squared: true) : ground.cost(qx, qy, x, y)
      }
    default:
      traverse(from: qx, qy, threshold: threshold, visit: visit) { dx, dy in
        ground.power(ground.norm(dx, dy))
      } pointCost: { x, y in
        ground.cost(qx, qy, x, y)
      }
    }
  }

  /// `search` with the cost of a box gap (`boxCost`) and of a point (`pointCost`) given.
  @inline(__always)
  private func traverse(
    from qx: Double, _ qy: Double, threshold: () -> Double,
    visit: (_ position: Int, _ value: Double) -> Void,
    boxCost: (_ dx: Double, _ dy: Double) -> Double,
    pointCost: (_ x: Double, _ y: Double) -> Double
  ) {
    nodes.withUnsafeBufferPointer { nodes in
      points.withUnsafeBufferPointer { points in
        weight.withUnsafeBufferPointer { weight in
          least.withUnsafeBufferPointer { least in
            withUnsafeTemporaryAllocation(of: Int32.self, capacity: 128) { stack in
              withUnsafeTemporaryAllocation(of: Double.self, capacity: 128) { stackBound in
                @inline(__always) func bound(_ node: Int) -> Double {
                  let box = nodes[node]
                  let gx = max(0, box.minX - qx, qx - box.maxX)
                  let gy = max(0, box.minY - qy, qy - box.maxY)
                  return boxCost(gx, gy) + least[node]
                }
                // Each node's bound is computed once, when its parent is split, and kept on the
                // stack beside it for the check when it is popped (the threshold may have fallen).
                var depth = 1
                stack[0] = 0
                stackBound[0] = -.infinity
                while depth > 0 {
                  depth -= 1
                  let node = Int(stack[depth])
                  if stackBound[depth] >= threshold() { continue }
                  let box = nodes[node]
                  if box.left >= 0 {
                    let (left, right) = (Int(box.left), Int(box.right))
                    let (leftBound, rightBound) = (bound(left), bound(right))
                    if leftBound < rightBound {
                      (stack[depth], stackBound[depth]) = (Int32(right), rightBound)
                      (stack[depth + 1], stackBound[depth + 1]) = (Int32(left), leftBound)
                    } else {
                      (stack[depth], stackBound[depth]) = (Int32(left), leftBound)
                      (stack[depth + 1], stackBound[depth + 1]) = (Int32(right), rightBound)
                    }
                    depth += 2
                    continue
                  }
                  for position in Int(box.lower)..<Int(box.upper) {
                    let point = points[position]
                    let value = pointCost(point.x, point.y) + weight[position]
                    if value < threshold() { visit(position, value) }
                  }
                }
              }
            }
          }
        }
      }
    }
  }
}
