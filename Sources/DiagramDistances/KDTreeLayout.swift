/// A balanced 2-d tree over a set of plane points: the points in tree order and, per node, the
/// range of that order it covers, its bounding box, its children and its parent.
///
/// Nodes split at the median of the wider side of their box; leaves hold at most `leafSize`
/// points. Building takes O(n log n) expected time and O(n) memory. The range and nearest-neighbour
/// trees
/// of this module add their own per-node data on top of this layout.
struct KDTreeLayout {
  static let leafSize = 8

  /// The caller's id of the point at each position of the tree order.
  var ids: [Int32] = []
  /// Coordinates in tree order.
  var px: [Double] = []
  var py: [Double] = []
  /// Per node: positions `lower..<upper`, children (−1 for a leaf), parent (−1 for the root).
  var lower: [Int32] = []
  var upper: [Int32] = []
  var leftChild: [Int32] = []
  var rightChild: [Int32] = []
  var parent: [Int32] = []
  var minX: [Double] = []
  var maxX: [Double] = []
  var minY: [Double] = []
  var maxY: [Double] = []
  /// The leaf that holds each position.
  var leafOfPosition: [Int32] = []

  var nodeCount: Int { lower.count }

  /// A tree over the points `ids` of the arrays `x`, `y`.
  init(x: [Double], y: [Double], ids pointIDs: [Int]) {
    var order = pointIDs.map { Int32($0) }
    leafOfPosition = Array(repeating: 0, count: order.count)
    if !order.isEmpty { _ = build(&order, x, y, 0, order.count, parentNode: -1) }
    ids = order
    px = order.map { x[Int($0)] }
    py = order.map { y[Int($0)] }
  }

  private mutating func build(
    _ order: inout [Int32], _ x: [Double], _ y: [Double], _ lo: Int, _ hi: Int, parentNode: Int32
  ) -> Int32 {
    var (x0, x1, y0, y1) = (Double.infinity, -Double.infinity, Double.infinity, -Double.infinity)
    for k in lo..<hi {
      let id = Int(order[k])
      x0 = min(x0, x[id]); x1 = max(x1, x[id])
      y0 = min(y0, y[id]); y1 = max(y1, y[id])
    }
    let node = Int32(lower.count)
    lower.append(Int32(lo)); upper.append(Int32(hi))
    minX.append(x0); maxX.append(x1); minY.append(y0); maxY.append(y1)
    leftChild.append(-1); rightChild.append(-1); parent.append(parentNode)
    if hi - lo <= Self.leafSize {
      for k in lo..<hi { leafOfPosition[k] = node }
      return node
    }
    let mid = (lo + hi) / 2
    Self.select(&order, lo, hi, mid, key: x1 - x0 >= y1 - y0 ? x : y)
    let l = build(&order, x, y, lo, mid, parentNode: node)
    let r = build(&order, x, y, mid, hi, parentNode: node)
    leftChild[Int(node)] = l
    rightChild[Int(node)] = r
    return node
  }

  /// Reorders `order[lo..<hi]` so that position `k` holds the element of rank `k` by `key` and
  /// no element before it is larger, none after it smaller (Hoare's quickselect, median-of-three).
  private static func select(_ order: inout [Int32], _ lo: Int, _ hi: Int, _ k: Int, key: [Double])
  {
    var (left, right) = (lo, hi - 1)
    while right > left {
      let middle = (left + right) / 2
      let pivot = [key[Int(order[left])], key[Int(order[middle])], key[Int(order[right])]].sorted()[
        1]
      var (i, j) = (left, right)
      while i <= j {
        while key[Int(order[i])] < pivot { i += 1 }
        while key[Int(order[j])] > pivot { j -= 1 }
        if i <= j {
          order.swapAt(i, j)
          i += 1
          j -= 1
        }
      }
      if k <= j {
        right = j
      } else if k >= i {
        left = i
      } else {
        return
      }
    }
  }

  /// Per-coordinate distances from `(qx, qy)` to the box of `node` (0 inside).
  @inline(__always)
  func boxGap(_ node: Int, _ qx: Double, _ qy: Double) -> (Double, Double) {
    (max(0, minX[node] - qx, qx - maxX[node]), max(0, minY[node] - qy, qy - maxY[node]))
  }
}
