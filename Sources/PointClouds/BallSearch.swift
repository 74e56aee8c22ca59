/// The points of a cloud within a radius of one of its points, with their distances: a k-d tree
/// search for Euclidean clouds of low dimension (`KDTree.isPreferred`), every point otherwise.
package struct BallSearch: Sendable {
  /// The cloud searched.
  package let cloud: PointCloud
  let metric: Metric
  let tree: KDTree?

  /// Prepares the searches in `cloud` under `metric`.
  package init(_ cloud: PointCloud, metric: Metric) {
    self.cloud = cloud
    self.metric = metric
    let indexed =
      metric == .euclidean && KDTree.isPreferred(dimension: cloud.dimension, count: cloud.count)
    tree = indexed ? KDTree(cloud) : nil
  }

  /// Calls `visit(other, distance)` for every point within `radius` of point `point` (itself
  /// included), and possibly for some farther ones. Safe to call from several threads at once.
  package func forEachPoint(
    within radius: Double, of point: Int, _ visit: (Int, Double) -> Void
  ) {
    let d = cloud.dimension
    cloud.withUnsafeCoordinates { coordinates in
      let base = coordinates.baseAddress!
      guard let tree else {
        for other in 0..<cloud.count {
          visit(other, metric.distance(base + point * d, base + other * d, dimension: d))
        }
        return
      }
      // The box distances are rounded: a little slack keeps every point at distance ≤ radius.
      let bound = radius * radius * (1 + 1e-9)
      tree.search(
        base + point * d, prune: { _, boxDistance in boxDistance > bound },
        visit: { other, squared in visit(other, squared.squareRoot()) })
    }
  }
}
