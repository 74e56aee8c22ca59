/// The greedy (farthest-point, Gonzalez) permutation of a finite metric space: the first point is
/// point 0, and each next point is the one farthest from the points taken so far; its
/// **insertion radius** λ is that distance (+∞ for the first point). The radii never increase, and
/// every point is within λₖ of the first k points.
///
/// Ties go to the smaller original index, so the order is a function of the distances alone
/// (GUDHI starts at a random point and breaks ties in heap order; the diagrams built on the
/// permutation do not depend on the start beyond the approximation guarantee).
///
/// Each step only lowers the distances of the points within λ of the new point (a point farther
/// away is already nearer to an earlier one), found with a k-d tree for Euclidean clouds of low
/// dimension; a lazy max-heap gives the farthest point. Elsewhere every point is updated, O(n²).
package struct GreedyPermutation: Sendable {
  /// Original indices in insertion order.
  package let order: [Int]
  /// The insertion radius of each point of `order`, non-increasing.
  package let radii: [Double]

  /// The permutation of the points of `search`'s cloud.
  package init(_ search: BallSearch) {
    self.init(count: search.cloud.count) { point, radius, relax in
      search.forEachPoint(within: radius, of: point, relax)
    }
  }

  /// The permutation of `count` points at distances `distance(i, j)` (O(n²) evaluations).
  package init(count: Int, distance: (Int, Int) -> Double) {
    self.init(count: count) { point, _, relax in
      for other in 0..<count { relax(other, distance(point, other)) }
    }
  }

  /// The permutation, where `neighbourhood(point, radius, relax)` calls `relax(other, distance)`
  /// for every point within `radius` of `point` at least (more is harmless).
  init(
    count: Int,
    neighbourhood: (Int, Double, (Int, Double) -> Void) -> Void
  ) {
    guard count > 0 else {
      order = []
      radii = []
      return
    }
    var nearest = [Double](repeating: .infinity, count: count)
    var taken = [Bool](repeating: false, count: count)
    var heap = FarthestFirstHeap()
    var order = [0]
    var radii = [Double.infinity]
    order.reserveCapacity(count)
    radii.reserveCapacity(count)
    taken[0] = true
    var latest = 0
    var radius = Double.infinity
    while order.count < count {
      neighbourhood(latest, radius) { other, d in
        if !taken[other] && d < nearest[other] {
          nearest[other] = d
          heap.push(distance: d, point: other)
        }
      }
      // Entries are stale once their point is taken or has come nearer.
      while let top = heap.pop() {
        if taken[top.point] || top.distance != nearest[top.point] { continue }
        latest = top.point
        radius = top.distance
        break
      }
      taken[latest] = true
      order.append(latest)
      radii.append(radius)
    }
    self.order = order
    self.radii = radii
  }
}

/// A binary max-heap of (distance, point), larger distance first and then smaller point.
private struct FarthestFirstHeap {
  private var entries: [(distance: Double, point: Int)] = []

  private static func above(
    _ a: (distance: Double, point: Int), _ b: (distance: Double, point: Int)
  ) -> Bool {
    a.distance > b.distance || (a.distance == b.distance && a.point < b.point)
  }

  mutating func push(distance: Double, point: Int) {
    entries.append((distance, point))
    var child = entries.count - 1
    while child > 0 {
      let parent = (child - 1) / 2
      guard Self.above(entries[child], entries[parent]) else { break }
      entries.swapAt(child, parent)
      child = parent
    }
  }

  mutating func pop() -> (distance: Double, point: Int)? {
    guard let last = entries.popLast() else { return nil }
    guard !entries.isEmpty else { return last }
    let top = entries[0]
    entries[0] = last
    var parent = 0
    while true {
      let left = 2 * parent + 1
      guard left < entries.count else { break }
      var best = left
      if left + 1 < entries.count && Self.above(entries[left + 1], entries[left]) {
        best = left + 1
      }
      guard Self.above(entries[best], entries[parent]) else { break }
      entries.swapAt(best, parent)
      parent = best
    }
    return top
  }
}
