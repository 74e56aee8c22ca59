/// The searches of ``EuclideanSpanningTree`` on a k-d tree, for low dimension.
extension KDTree {
  /// Per node, the label shared by all its points, or −1 when they differ (a search for points of
  /// another component skips a node whose label is the query's).
  func commonLabels(_ labels: [Int32]) -> [Int32] {
    var common = [Int32](repeating: -1, count: nodeCount)
    // Children come after their parent in node order.
    for node in stride(from: nodeCount - 1, through: 0, by: -1) {
      if left[node] >= 0 {
        let (a, b) = (common[left[node]], common[right[node]])
        common[node] = a == b ? a : -1
      } else {
        let first = labels[order[start[node]]]
        let same = (start[node]..<end[node]).allSatisfy { labels[order[$0]] == first }
        common[node] = same ? first : -1
      }
    }
    return common
  }

  /// A box distance computed coordinate by coordinate may exceed a point's
  /// ``squaredEuclidean(_:_:dimension:)`` (summed in another order) by a relative 2(d − 1)u at
  /// most; pruning only beyond this factor keeps every decision exact for d < 2¹⁰.
  static let boxSlack = 1 + 0x1p-40

  /// For every query (`queryCloud` holds their coordinates), its `k` nearest points of another
  /// component, in (distance, index) order, into `distances` and `indices` (rows of `k`, row i for
  /// `queries[i]`).
  func outsideNeighbors(
    _ queryCloud: PointCloud, queries: [Int32], labels: [Int32], k: Int,
    distances: UnsafeMutablePointer<Double>, indices: UnsafeMutablePointer<Int32>
  ) {
    let common = commonLabels(labels)
    let rows = SharedRowPair(distances: distances, indices: indices)
    KDTree.forEachQuery(queryCloud) { q, point in
      let own = labels[Int(queries[q])]
      let row = rows.distances + q * k
      let neighbours = rows.indices + q * k
      search(
        point,
        prune: { node, distance in
          common[node] == own || distance > row[k - 1] * KDTree.boxSlack
        },
        visit: { r, value in
          guard labels[r] != own else { return }
          insertNeighbor(value, Int32(r), into: row, neighbours, k)
        })
    }
  }

  /// minᵢ maxⱼ |xᵢ − xⱼ|² (the squared enclosing radius): for each point, a farthest-first search
  /// that stops as soon as it meets a point at least as far as the best maximum found so far.
  func smallestEccentricity(_ cloud: PointCloud) -> Double {
    var best = Double.infinity
    cloud.withUnsafeCoordinates { coordinates in
      points.withUnsafeBufferPointer { points in
        var stack: [(node: Int, bound: Double)] = []
        for i in 0..<cloud.count {
          let query = coordinates.baseAddress! + i * dimension
          var farthest = 0.0
          stack = [(0, farthestBoxDistance(query, 0))]
          while let (node, bound) = stack.popLast(), farthest < best {
            if bound * KDTree.boxSlack <= farthest { continue }
            if left[node] < 0 {
              for position in start[node]..<end[node] {
                let p = points.baseAddress! + position * dimension
                farthest = Swift.max(farthest, squaredEuclidean(query, p, dimension: dimension))
              }
              continue
            }
            let a = (left[node], farthestBoxDistance(query, left[node]))
            let b = (right[node], farthestBoxDistance(query, right[node]))
            // The farther child is searched first.
            if a.1 >= b.1 {
              stack.append(b)
              stack.append(a)
            } else {
              stack.append(a)
              stack.append(b)
            }
          }
          best = Swift.min(best, farthest)
        }
      }
    }
    return best
  }

  /// The squared distance from `query` to the farthest corner of the bounding box of `node`.
  func farthestBoxDistance(_ query: UnsafePointer<Double>, _ node: Int) -> Double {
    var sum = 0.0
    for c in 0..<dimension {
      let x = query[c]
      let gap = Swift.max(abs(x - low[node * dimension + c]), abs(high[node * dimension + c] - x))
      sum += gap * gap
    }
    return sum
  }
}

/// The two row-major outputs of a neighbour search shared by the workers; each writes its own rows.
struct SharedRowPair: @unchecked Sendable {
  let distances: UnsafeMutablePointer<Double>
  let indices: UnsafeMutablePointer<Int32>
}

/// Inserts (value, index) into the row of `k` pairs sorted by (distance, index), dropping the
/// last, when it comes before the last.
@inline(__always)
func insertNeighbor(
  _ value: Double, _ index: Int32, into distances: UnsafeMutablePointer<Double>,
  _ indices: UnsafeMutablePointer<Int32>, _ k: Int
) {
  guard value < distances[k - 1] || (value == distances[k - 1] && index < indices[k - 1]) else {
    return
  }
  var slot = k - 1
  while slot > 0
    && (distances[slot - 1] > value || (distances[slot - 1] == value && indices[slot - 1] > index))
  {
    distances[slot] = distances[slot - 1]
    indices[slot] = indices[slot - 1]
    slot -= 1
  }
  distances[slot] = value
  indices[slot] = index
}
