import PointClouds
import Tables

/// Rows compared under one exact distance: a Euclidean point cloud, or a table under Gower's
/// distance (ranges fitted to the real table). The privacy measures are written once against it.
public enum RowSpace: Sendable {
  case euclidean(PointCloud)
  case gower(Table, GowerDistance)

  /// The number of rows.
  public var count: Int {
    switch self {
    case .euclidean(let cloud): cloud.count
    case .gower(let table, _): table.rowCount
    }
  }

  /// The distance kind.
  public var kind: RowDistanceKind {
    switch self {
    case .euclidean: .euclidean
    case .gower: .gower
    }
  }

  /// For every row of `self`, the index of its nearest row of `references` (the first among equally
  /// near ones) and the distance to it.
  func nearest(in references: RowSpace, progress: ProgressHandler?) -> (
    indices: [Int], distances: [Double]
  ) {
    switch (self, references) {
    case (.euclidean(let queries), .euclidean(let cloud)):
      let found = NearestNeighbors.nearest(from: queries, to: cloud, progress: progress)
      return (found.indices, found.squaredDistances.map { $0.squareRoot() })
    case (.gower(let queries, let gower), .gower(let table, _)):
      return gower.nearest(from: queries, to: table, progress: progress)
    default:
      preconditionFailure("rows compared under different distances")
    }
  }

  /// For every row of `self`, its `k` smallest distances to rows of `references`, row-major.
  func smallestDistances(in references: RowSpace, k: Int, progress: ProgressHandler?) -> [Double] {
    switch (self, references) {
    case (.euclidean(let queries), .euclidean(let cloud)):
      return NearestNeighbors.smallestSquaredDistances(
        from: queries, to: cloud, k: k, progress: progress
      )
      .map { $0.squareRoot() }
    case (.gower(let queries, let gower), .gower(let table, _)):
      return gower.smallestDistances(from: queries, to: table, k: k, progress: progress)
    default:
      preconditionFailure("rows compared under different distances")
    }
  }

  /// For every row, the distance to its `k`-th nearest other row of the same set.
  func kthNeighborDistances(k: Int, progress: ProgressHandler?) -> [Double] {
    switch self {
    case .euclidean(let cloud):
      return NearestNeighbors.kthNeighborDistances(in: cloud, k: k, progress: progress)
    case .gower(let table, let gower):
      return gower.kthNeighborDistances(in: table, k: k, progress: progress)
    }
  }
}

extension TableSamples {
  /// The real, synthetic and holdout rows under the samples' distance: Gower on the tables, or
  /// the Euclidean clouds (raw values, or the embedding of mixed tables).
  /// - Throws: ``TableError/missingCell(file:line:column:name:handledBy:)`` under the Euclidean
  ///   distance.
  public func rowSpaces() throws -> (real: RowSpace, synthetic: RowSpace, holdout: RowSpace?) {
    switch distance {
    case .gower:
      let gower = self.gower
      return (.gower(real, gower), .gower(synthetic, gower), holdout.map { .gower($0, gower) })
    case .euclidean:
      let clouds = try euclideanClouds()
      return (
        .euclidean(clouds.real), .euclidean(clouds.synthetic), clouds.holdout.map { .euclidean($0) }
      )
    }
  }
}
