import Testing
import _TestSupport

@testable import PointClouds

@Suite("Exact k-nearest neighbours")
struct NearestNeighborsTests {
  @Test("k-th neighbour on a line, by hand: ties give equal radii")
  func line() {
    let cloud = PointCloud(rows: [[0], [1], [2], [3]])
    #expect(NearestNeighbors.kthNeighborDistances(in: cloud, k: 1) == [1, 1, 1, 1])
    #expect(NearestNeighbors.kthNeighborDistances(in: cloud, k: 2) == [2, 1, 1, 2])
    #expect(NearestNeighbors.kthNeighborDistances(in: cloud, k: 3) == [3, 2, 2, 3])
  }

  @Test("duplicates count as neighbours at distance 0; the point itself does not")
  func duplicates() {
    let cloud = PointCloud(rows: [[0, 0], [0, 0], [0, 0], [3, 4]])
    #expect(NearestNeighbors.kthNeighborSquaredDistances(in: cloud, k: 1) == [0, 0, 0, 25])
    #expect(NearestNeighbors.kthNeighborSquaredDistances(in: cloud, k: 2) == [0, 0, 0, 25])
    #expect(NearestNeighbors.kthNeighborSquaredDistances(in: cloud, k: 3) == [25, 25, 25, 25])
  }

  @Test(
    "k-th neighbour agrees with sorting every row, across tile boundaries",
    arguments: [(300, 7, 1), (300, 7, 5), (41, 1, 3), (260, 33, 10)])
  func kthAgreesWithOracle(count: Int, dimension: Int, k: Int) {
    let cloud = gaussianCloud(count: count, dimension: dimension, seed: UInt64(count + dimension))
    let fast = NearestNeighbors.kthNeighborSquaredDistances(in: cloud, k: k)
    let slow = oracleKthNeighborSquaredDistances(cloud, k: k)
    #expect(fast == slow)
  }

  @Test(
    "k-th neighbour on integer data with many ties is exact, on both the lower-triangle and the full pass",
    arguments: [0, Int.max])
  func kthOnGrid(budget: Int) {
    let cloud = gridCloud(count: 280, dimension: 3, levels: 4, seed: 3)
    for k in [1, 4, 12] {
      #expect(
        NearestNeighbors.bruteForceKthNeighborSquaredDistances(in: cloud, k: k, budget: budget)
          == oracleKthNeighborSquaredDistances(cloud, k: k))
    }
  }

  @Test("nearest neighbour across sets: distance and lowest index among ties")
  func nearestAcross() {
    let references = gridCloud(count: 270, dimension: 2, levels: 5, seed: 9)
    let queries = gridCloud(count: 70, dimension: 2, levels: 6, seed: 10)
    let result = NearestNeighbors.nearest(from: queries, to: references)
    let expected = oracleNearest(from: queries, to: references)
    #expect(result.indices == expected.map(\.0))
    #expect(result.squaredDistances == expected.map(\.1))
  }

  @Test("the tiles cover every pair exactly once")
  func tilesCoverPairs() {
    struct Counter: TileConsumer {
      var pairs: [Int]
      let width: Int
      mutating func consume(_ tile: SquaredDistanceTile) {
        for q in tile.queries { for r in tile.references { pairs[q * width + r] += 1 } }
      }
    }
    let a = gaussianCloud(count: 70, dimension: 2, seed: 1)
    let b = gaussianCloud(count: 600, dimension: 2, seed: 2)
    let counters = SquaredDistanceTiles.run(queries: a, references: b) { _ in
      Counter(pairs: [Int](repeating: 0, count: 70 * 600), width: 600)
    }
    let total = counters.reduce(into: [Int](repeating: 0, count: 70 * 600)) { sum, counter in
      for index in sum.indices { sum[index] += counter.pairs[index] }
    }
    #expect(total.allSatisfy { $0 == 1 })
  }

  @Test(
    "the k-d tree gives the same bits as the brute force: k-th neighbours and nearest across sets",
    arguments: [(1, 1), (2, 5), (3, 3), (8, 7)])
  func treeAgreesWithBruteForce(dimension: Int, k: Int) {
    for (cloud, other) in [
      (
        gaussianCloud(count: 700, dimension: dimension, seed: 21),
        gaussianCloud(count: 300, dimension: dimension, seed: 22, shift: 0.5)
      ),
      (
        gridCloud(count: 700, dimension: dimension, levels: 3, seed: 23),
        gridCloud(count: 300, dimension: dimension, levels: 4, seed: 24)
      ),
    ] {
      let tree = KDTree(cloud)
      #expect(
        NearestNeighbors.kthNeighborSquaredDistances(in: cloud, k: k, tree: tree)
          == NearestNeighbors.bruteForceKthNeighborSquaredDistances(in: cloud, k: k))
      let viaTree = NearestNeighbors.nearest(from: other, to: tree)
      let brute = NearestNeighbors.bruteForceNearest(from: other, to: cloud)
      #expect(viaTree.indices == brute.indices)
      #expect(viaTree.squaredDistances == brute.squaredDistances)
    }
  }

  @Test(
    "the brute-force search reports exact float64 distances, bit for bit like the oracle",
    arguments: [11, 64])
  func bruteForceIsExact(dimension: Int) {
    let cloud = gaussianCloud(count: 300, dimension: dimension, seed: 31)
    #expect(
      NearestNeighbors.bruteForceKthNeighborSquaredDistances(in: cloud, k: 3)
        == oracleKthNeighborSquaredDistances(cloud, k: 3))
    #expect(
      NearestNeighbors.bruteForceKthNeighborSquaredDistances(in: cloud, k: 3, budget: 0)
        == oracleKthNeighborSquaredDistances(cloud, k: 3))
  }
}
