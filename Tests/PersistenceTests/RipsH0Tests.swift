import Foundation
import PointClouds
import Testing
import _TestSupport

@testable import Persistence

/// The spanning-tree H0 path against the dense engine: identical diagrams (bars in the same
/// order, bit for bit), the same reported threshold, the same JSON.
@Suite("H0 from the minimum spanning tree")
struct RipsH0Tests {
  static func json(_ result: RipsResult) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return try encoder.encode(RipsSummary(result, maxdim: 0, coeff: .prime(2)))
  }

  /// The dense engine on the full distance matrix, and the sparse one under a threshold.
  static func dense(_ cloud: PointCloud, threshold: Double?) throws -> RipsResult {
    let options = RipsOptions(maxDimension: 0, threshold: threshold)
    if let threshold {
      let sparse = SparseDistanceMatrix(cloud, metric: .euclidean, threshold: threshold)
      return try RipsPersistence.compute(sparse, options: options)
    }
    return try RipsPersistence.compute(DistanceMatrix(cloud), options: options)
  }

  static func check(_ cloud: PointCloud, thresholds: [Double?] = [nil]) throws {
    for threshold in thresholds {
      let expected = try dense(cloud, threshold: threshold)
      let viaTree = try RipsPersistence.h0(of: cloud, threshold: threshold)
      #expect(viaTree.diagrams == expected.diagrams, "threshold \(String(describing: threshold))")
      #expect(viaTree.threshold == expected.threshold)
      #expect(viaTree.points == expected.points)
      // The library entry point takes the tree path for H0 of a Euclidean cloud.
      let entry = try RipsPersistence.compute(
        cloud, options: RipsOptions(maxDimension: 0, threshold: threshold))
      #expect(try json(entry) == json(expected))
      // And with a threshold also the dense matrix agrees (its cut and reported threshold).
      if let threshold {
        let full = try RipsPersistence.compute(
          DistanceMatrix(cloud), options: RipsOptions(maxDimension: 0, threshold: threshold))
        #expect(try json(full) == json(viaTree))
      }
    }
  }

  @Test(
    "Gaussian clouds of several dimensions, with and without thresholds",
    arguments: [(300, 2), (250, 3), (200, 8), (180, 64), (700, 2), (600, 4)])
  func gaussian(count: Int, dimension: Int) throws {
    let cloud = gaussianCloud(count: count, dimension: dimension, seed: UInt64(count * dimension))
    let radius = try Self.dense(cloud, threshold: nil).threshold
    try Self.check(cloud, thresholds: [nil, radius / 8, radius / 3, radius, 2 * radius])
    // A threshold between tree edges: some components stay apart (several essential bars).
    let cut = try RipsPersistence.h0(of: cloud, threshold: radius / 8).diagrams[0].essentialCount
    #expect(cut > 1)
  }

  @Test("integer grids: ties and duplicates, thresholds equal to edge lengths")
  func grid() throws {
    let cloud = gridCloud(count: 260, dimension: 3, levels: 4, seed: 8)
    try Self.check(cloud, thresholds: [nil, 0.5, 1, 2.0.squareRoot(), 3.0.squareRoot(), 2])
    let plane = gridCloud(count: 800, dimension: 2, levels: 12, seed: 9)
    try Self.check(plane, thresholds: [nil, 1, 2.0.squareRoot(), 2])
    let line = PointCloud(rows: (0..<50).map { [Double($0 % 10) * 0.1] })
    try Self.check(line, thresholds: [nil, 0.1, 0.2, 0.30000000000000004])
  }

  @Test("one point, two points, all points equal")
  func tiny() throws {
    try Self.check(PointCloud(rows: [[2, 7]]), thresholds: [nil, 1])
    try Self.check(PointCloud(rows: [[0, 0], [3, 4]]), thresholds: [nil, 4.9, 5, 6])
    try Self.check(PointCloud(rows: [[1, 1], [1, 1]]), thresholds: [nil, 1])
    try Self.check(
      PointCloud(rows: Array(repeating: [0.5, 0.25], count: 40)), thresholds: [nil, 1])
  }

  @Test("an empty cloud and a bad threshold are refused")
  func refused() {
    #expect(throws: PersistenceError.self) {
      try RipsPersistence.h0(of: PointCloud(count: 0, dimension: 2, coordinates: []))
    }
    #expect(throws: PersistenceError.self) {
      try RipsPersistence.h0(of: PointCloud(rows: [[0], [1]]), threshold: -1)
    }
  }

  @Test("the memory check of maxdim 0 is linear in the points")
  func memoryEstimate() throws {
    let cloud = gaussianCloud(count: 1000, dimension: 4, seed: 1)
    let options = RipsOptions(maxDimension: 0)
    // The dense matrix alone would be 4 MB; the tree path needs well under 1 MB.
    try RipsPersistence.checkMemory(
      cloud, options: options, budget: MemoryBudget(bytes: 0x1p20, source: "test"))
    #expect(throws: ResourceError.self) {
      try RipsPersistence.checkMemory(
        cloud, options: options, budget: MemoryBudget(bytes: 0x1p16, source: "test"))
    }
    var dense = options
    dense.maxDimension = 1
    #expect(throws: ResourceError.self) {
      try RipsPersistence.checkMemory(
        cloud, options: dense, budget: MemoryBudget(bytes: 0x1p20, source: "test"))
    }
  }
}
