import Testing
import _TestSupport

@testable import PointClouds

@Suite("Exact Euclidean minimum spanning tree")
struct EuclideanSpanningTreeTests {
  /// Kruskal on every pair, the oracle: all C(n, 2) edges with `squaredEuclidean`, sorted in the
  /// total order of `SpanningEdge`, kept when they join two components.
  static func kruskal(_ cloud: PointCloud) -> [SpanningEdge] {
    var all: [SpanningEdge] = []
    cloud.withUnsafeCoordinates { c in
      let d = cloud.dimension
      for i in 0..<cloud.count {
        for j in 0..<i {
          let value = squaredEuclidean(c.baseAddress! + i * d, c.baseAddress! + j * d, dimension: d)
          all.append(SpanningEdge(squaredLength: value, first: j, second: i))
        }
      }
    }
    all.sort()
    var parent = Array(0..<cloud.count)
    func root(_ x: Int) -> Int { parent[x] == x ? x : root(parent[x]) }
    return all.filter { edge in
      let (a, b) = (root(edge.first), root(edge.second))
      if a == b { return false }
      parent[a] = b
      return true
    }
  }

  /// minᵢ maxⱼ of the squared distances, by brute force.
  static func squaredEnclosingRadius(_ cloud: PointCloud) -> Double {
    (0..<cloud.count).map { i in
      (0..<cloud.count).map { j in
        cloud.withUnsafeCoordinates {
          squaredEuclidean(
            $0.baseAddress! + i * cloud.dimension, $0.baseAddress! + j * cloud.dimension,
            dimension: cloud.dimension)
        }
      }.max()!
    }.min()!
  }

  static func check(_ cloud: PointCloud) {
    let tree = EuclideanSpanningTree(cloud, enclosingRadius: true)
    #expect(tree.edges == kruskal(cloud))
    #expect(tree.squaredEnclosingRadius == squaredEnclosingRadius(cloud))
    #expect(EuclideanSpanningTree(cloud).squaredEnclosingRadius == nil)
  }

  @Test(
    "Gaussian clouds: the tree and the enclosing radius of Kruskal and brute force",
    arguments: [(300, 1), (400, 2), (350, 3), (300, 8), (260, 33), (200, 64), (600, 2), (700, 5)])
  func gaussian(count: Int, dimension: Int) {
    Self.check(
      gaussianCloud(count: count, dimension: dimension, seed: UInt64(7 * count + dimension)))
  }

  @Test(
    "integer grids, full of ties and duplicates",
    arguments: [(300, 2, 4), (280, 3, 3), (250, 5, 2), (600, 2, 6), (550, 4, 3)])
  func grid(count: Int, dimension: Int, levels: Int) {
    Self.check(gridCloud(count: count, dimension: dimension, levels: levels, seed: UInt64(count)))
  }

  @Test("one point repeated, and a few points each repeated many times")
  func duplicates() {
    Self.check(PointCloud(rows: Array(repeating: [1.5, -2, 0.25], count: 70)))
    Self.check(PointCloud(rows: Array(repeating: [1.5, -2, 0.25], count: 600)))
    let few = gaussianCloud(count: 5, dimension: 4, seed: 3)
    Self.check(few.selecting(points: (0..<120).map { $0 % 5 }))
  }

  @Test("far clusters: Borůvka must search outside the neighbour lists again", arguments: [2, 16])
  func clusters(dimension: Int) {
    // 12 clusters of 45 points: every point's 16 nearest neighbours lie in its own cluster (at
    // d = 2 on the k-d tree, at d = 16 on tiles).
    let centres = gaussianCloud(count: 12, dimension: dimension, seed: 11, scale: 1000)
    let noise = gaussianCloud(count: 540, dimension: dimension, seed: 12)
    let cloud = PointCloud(
      count: 540, dimension: dimension,
      coordinates: (0..<540 * dimension).map { i in
        noise.coordinates[i] + centres[(i / dimension) % 12, i % dimension]
      })
    Self.check(cloud)
  }

  @Test("one and two points")
  func tiny() {
    let one = EuclideanSpanningTree(PointCloud(rows: [[3, 4]]), enclosingRadius: true)
    #expect(one.edges.isEmpty && one.squaredEnclosingRadius == 0)
    let two = EuclideanSpanningTree(PointCloud(rows: [[0, 0], [3, 4]]), enclosingRadius: true)
    #expect(two.edges == [SpanningEdge(squaredLength: 25, first: 0, second: 1)])
    #expect(two.squaredEnclosingRadius == 25)
    Self.check(PointCloud(rows: [[1, 1], [1, 1]]))
    Self.check(PointCloud(rows: [[0], [1], [3]]))
  }

  @Test("coordinates too small for float32 bounds: every pair is decided exactly")
  func unboundedScale() {
    let cloud = gaussianCloud(count: 150, dimension: 5, seed: 21, scale: 1e-130)
    Self.check(cloud)
  }
}
