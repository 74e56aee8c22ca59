import PointClouds

extension RipsPersistence {
  /// The H0 diagram of the Vietoris–Rips filtration of `cloud` (Euclidean), from its minimum
  /// spanning tree (``EuclideanSpanningTree``): no distance matrix, memory linear in n.
  ///
  /// Equal to ``compute(_:metric:options:)`` with `maxDimension` 0 — the same bars in the same
  /// order, the same reported threshold — because Ripser's union–find over the edges in
  /// filtration order merges two components exactly at the edges of a minimum spanning tree:
  /// each tree edge of length ℓ > 0 is a bar [0, ℓ), in increasing order, and each component left
  /// at the cut is an essential bar. Without a threshold the cut is the enclosing radius, at or
  /// above every tree edge (the star around the point attaining it spans the cloud), so one bar
  /// is essential and the reported threshold is that radius; with a threshold t, the tree edges
  /// longer than t are cut (lengths compared as the sparse path compares them) and each adds an
  /// essential bar.
  /// The tiled passes run on every processor online (`RipsOptions.threads` is not consulted);
  /// the result does not depend on their number.
  /// - Precondition: finite coordinates (``compute(_:metric:options:)`` takes this path only then).
  /// - Throws: `PersistenceError.invalidParameter` for an empty cloud or a threshold that is not
  ///   a positive number.
  public static func h0(
    of cloud: PointCloud, threshold: Double? = nil, progress: ProgressHandler? = nil
  ) throws(PersistenceError) -> RipsResult {
    try RipsOptions(maxDimension: 0, threshold: threshold).validate()
    guard cloud.count >= 1 else {
      throw .invalidParameter(name: "points", value: "0", allowed: "at least 1")
    }
    let tree = EuclideanSpanningTree(cloud, enclosingRadius: threshold == nil, progress: progress)
    let cut = threshold ?? .infinity
    var pairs: [PersistencePair] = []
    var essential = 1
    for edge in tree.edges {
      let length = edge.squaredLength.squareRoot()
      if length > cut {
        essential += 1
      } else if length > 0 {
        pairs.append(PersistencePair(birth: 0, death: length))
      }
    }
    pairs += Array(repeating: PersistencePair(birth: 0, death: .infinity), count: essential)
    return RipsResult(
      diagrams: [PersistenceDiagram(dimension: 0, pairs: pairs)],
      threshold: threshold ?? tree.squaredEnclosingRadius!.squareRoot(), points: cloud.count,
      indexWidth: indexWidth(points: cloud.count, maxDimension: 0, forced: nil))
  }

  /// Whether ``compute(_:metric:options:)`` computes `cloud` by ``h0(of:threshold:progress:)``:
  /// H0 only, Euclidean, finite coordinates.
  static func takesSpanningTreePath(_ cloud: PointCloud, metric: Metric, options: RipsOptions)
    -> Bool
  {
    options.maxDimension == 0 && metric == .euclidean && cloud.coordinates.allSatisfy(\.isFinite)
  }

  /// Bytes per point of ``h0(of:threshold:progress:)`` beyond the coordinates: the float32 copies
  /// of the tiled passes (4 d + 4 per point, twice), the neighbour lists (12 per neighbour, and
  /// their copy from the search), the edges (24) and the per-point bookkeeping (about 80).
  static func spanningTreeBytesPerPoint(dimension: Int) -> Double {
    Double(2 * (4 * dimension + 4) + 2 * 12 * EuclideanSpanningTree.listLength + 24 + 80)
  }
}
