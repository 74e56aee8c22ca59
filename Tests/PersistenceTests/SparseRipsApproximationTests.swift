import Foundation
import PointClouds
import Testing
import _TestSupport

@testable import Persistence

/// One reference of `Scripts/references/make_sparse_rips_references.py`: GUDHI's sparse Rips
/// diagrams (Z/2, H0 and H1) of a committed cloud.
struct SparseRipsReference: Decodable, CustomTestStringConvertible, Sendable {
  var name: String
  var cloud: String
  var epsilon: Double
  var threshold: Double?
  var distanceMatrix: Bool
  /// The simplices of GUDHI's complex up to dimension 2.
  var gudhiSimplices: Int
  var h0: [[Double?]]
  var h1: [[Double?]]

  enum CodingKeys: String, CodingKey {
    case name, cloud, epsilon, threshold, h0, h1
    case distanceMatrix = "distance_matrix"
    case gudhiSimplices = "gudhi_simplices"
  }

  var testDescription: String { name }

  static func bars(_ rows: [[Double?]]) -> [PersistencePair] {
    rows.map { PersistencePair(birth: $0[0]!, death: $0[1] ?? .infinity) }
  }

  static let all: [SparseRipsReference] = {
    struct File: Decodable { var cases: [SparseRipsReference] }
    let path = resourcePath("sparse_rips/references.json", in: Bundle.module)
    let data = try! Data(contentsOf: URL(fileURLWithPath: path))
    return try! JSONDecoder().decode(File.self, from: data).cases
  }()

  static func cloud(_ name: String) throws -> PointCloud {
    try PointCloud.read(contentsOf: resourcePath("sparse_rips/\(name).csv", in: Bundle.module))
  }
}

@Suite("Approximate (sparse) Vietoris–Rips")
struct SparseRipsApproximationTests {
  static func approximate(
    _ cloud: PointCloud, epsilon: Double, maxdim: Int = 1, threshold: Double? = nil,
    threads: Int = 2
  ) throws -> RipsResult {
    try RipsPersistence.compute(
      cloud, approximation: epsilon,
      options: RipsOptions(maxDimension: maxdim, threshold: threshold, threads: threads))
  }

  @Test("equals GUDHI's SparseRipsComplex", arguments: SparseRipsReference.all)
  func gudhi(_ reference: SparseRipsReference) throws {
    let cloud = try SparseRipsReference.cloud(reference.cloud)
    let options = RipsOptions(maxDimension: 1, threshold: reference.threshold, threads: 2)
    let result =
      reference.distanceMatrix
      ? try RipsPersistence.compute(
        DistanceMatrix(cloud), approximation: reference.epsilon, options: options)
      : try RipsPersistence.compute(cloud, approximation: reference.epsilon, options: options)
    let expected = [reference.h0, reference.h1].map(SparseRipsReference.bars)
    for k in 0...1 {
      #expect(
        barsMatch(result.diagrams[k].pairs, expected[k], relative: 1e-12, absolute: 1e-12),
        "H\(k): \(result.diagrams[k].pairs.count) bars, GUDHI \(expected[k].count)")
    }
    #expect(result.approximation == RipsApproximation(epsilon: reference.epsilon))
  }

  @Test("has as many simplices up to dimension 2 as GUDHI's", arguments: SparseRipsReference.all)
  func gudhiSize(_ reference: SparseRipsReference) throws {
    let cloud = try SparseRipsReference.cloud(reference.cloud)
    let approximation = SparseRipsApproximation(
      cloud, metric: .euclidean, epsilon: reference.epsilon,
      threshold: reference.threshold ?? .infinity, threads: 2)
    let filtration = try SparseRipsFiltration<Int>(
      matrix: approximation.matrix, maxDimension: 1, blocker: approximation.blocker)
    var count = filtration.vertexCount
    for dimension in 1...2 {
      filtration.forEachSimplex(ofDimension: dimension, part: 0, of: 1) { _ in count += 1 }
    }
    #expect(count == reference.gudhiSimplices)
    if reference.epsilon < 1 {
      // The blocker leaves some triangles out of these clouds' cliques.
      let flag = try SparseRipsFiltration<Int>(matrix: approximation.matrix, maxDimension: 1)
      var cliques = flag.vertexCount
      for dimension in 1...2 {
        flag.forEachSimplex(ofDimension: dimension, part: 0, of: 1) { _ in cliques += 1 }
      }
      #expect(cliques > count)
    }
  }

  /// Seeded clouds on which the exact engine runs quickly.
  static func clouds() throws -> [(String, PointCloud)] {
    var random = SeededGenerator(seed: 18)
    let noisyCircle = (0..<150).map { _ -> [Double] in
      let t = Double.random(in: 0..<(2 * .pi), using: &random)
      return [cos(t), sin(t)].map { $0 + Double.random(in: -0.1...0.1, using: &random) }
    }
    return [
      ("torus60", try SparseRipsReference.cloud("torus60")),
      ("circles70", try SparseRipsReference.cloud("circles70")),
      ("uniform50", try SparseRipsReference.cloud("uniform50")),
      ("circle150", PointCloud(rows: noisyCircle)),
    ]
  }

  @Test("within the guaranteed log-bottleneck distance of the exact diagrams")
  func guarantee() throws {
    for (name, cloud) in try Self.clouds() {
      let exact = try RipsPersistence.compute(cloud, options: RipsOptions(maxDimension: 1))
      for epsilon in [0.05, 0.2, 0.5, 0.9] {
        let result = try Self.approximate(cloud, epsilon: epsilon)
        let bound = try #require(result.approximation?.logBottleneckBound)
        #expect(abs(bound - log(1 / (1 - epsilon))) < 1e-15)
        // H0: every bar is born at 0; matched deaths (in order) within the factor.
        let deaths = { (d: PersistenceDiagram) in d.pairs.map(\.death).sorted() }
        let (a, b) = (deaths(exact.diagrams[0]), deaths(result.diagrams[0]))
        #expect(a.count == b.count, "\(name) ε \(epsilon)")
        for (x, y) in zip(a, b) where x.isFinite || y.isFinite {
          #expect(abs(log(y) - log(x)) <= bound + 1e-12, "\(name) ε \(epsilon): \(x) vs \(y)")
        }
        // H1: the bottleneck distance of the logarithms.
        let logarithms = { (d: PersistenceDiagram) in
          d.pairs.map { PersistencePair(birth: log($0.birth), death: log($0.death)) }
        }
        let distance = bruteForceBottleneck(
          logarithms(exact.diagrams[1]), logarithms(result.diagrams[1]))
        #expect(distance <= bound + 1e-12, "\(name) ε \(epsilon): \(distance) > \(bound)")
        // Every sparse value is at least the Rips value: no bar is born earlier than the first
        // exact birth.
        let firstBirth = exact.diagrams[1].pairs.map(\.birth).min() ?? .infinity
        #expect(result.diagrams[1].pairs.allSatisfy { $0.birth >= firstBirth })
      }
    }
  }

  @Test("a small ε keeps the exact diagrams of a small cloud")
  func smallEpsilonIsExact() throws {
    // Below ε = 2λ_min / diameter every pair is an edge of value d, and nothing is blocked.
    let cloud = try SparseRipsReference.cloud("uniform50")
    let exact = try RipsPersistence.compute(cloud, options: RipsOptions(maxDimension: 2))
    let permutation = GreedyPermutation(BallSearch(cloud, metric: .euclidean))
    let diameter = try #require(DistanceMatrix(cloud).entries.max())
    let epsilon = 0.99 * 2 * permutation.radii.last! / diameter
    let result = try Self.approximate(cloud, epsilon: epsilon, maxdim: 2)
    for k in 0...2 {
      #expect(barsMatch(result.diagrams[k].pairs, exact.diagrams[k].pairs, relative: 1e-12))
    }
  }

  @Test("one and two points, by hand, at small and large ε")
  func tinyClouds() throws {
    let one = try Self.approximate(PointCloud(rows: [[3, 4]]), epsilon: 0.5)
    #expect(one.diagrams[0].pairs == [PersistencePair(birth: 0, death: .infinity)])
    #expect(one.diagrams[1].pairs.isEmpty)
    let two = PointCloud(rows: [[0, 0], [3, 4]])
    // λ = (∞, 5): for ε ≤ 2 the edge has its length; beyond, d·ε > 2λ₁ and its value is
    // 2(d − λ₁/ε).
    for (epsilon, death) in [(0.5, 5.0), (2.0, 5.0), (4.0, 2 * (5 - 5 / 4.0))] {
      let result = try Self.approximate(two, epsilon: epsilon)
      #expect(
        result.diagrams[0].pairs.sorted { $0.death < $1.death }
          == [
            PersistencePair(birth: 0, death: death), PersistencePair(birth: 0, death: .infinity),
          ],
        "ε \(epsilon)")
    }
  }

  @Test("repeated points change nothing; a cloud of one repeated point has one class")
  func repeats() throws {
    let base = try SparseRipsReference.cloud("circles70")
    let rows = (0..<base.count).map { Array(base[point: $0]) }
    let repeated = PointCloud(rows: rows + rows[0..<20] + rows[5..<9])
    for epsilon in [0.3, 0.9] {
      let a = try Self.approximate(base, epsilon: epsilon)
      let b = try Self.approximate(repeated, epsilon: epsilon)
      #expect(a.diagrams == b.diagrams)
      #expect(b.points == repeated.count)
    }
    let same = try Self.approximate(
      PointCloud(rows: Array(repeating: [1, 2], count: 7)), epsilon: 0.5)
    #expect(same.diagrams[0].pairs == [PersistencePair(birth: 0, death: .infinity)])
    #expect(same.diagrams[1].pairs.isEmpty)
  }

  @Test("the same diagrams on 1, 2 and 3 threads")
  func determinism() throws {
    let (_, cloud) = try Self.clouds()[3]
    let runs = try [1, 2, 3].map {
      try Self.approximate(cloud, epsilon: 0.4, maxdim: 2, threads: $0)
    }
    #expect(runs[1].diagrams == runs[0].diagrams)
    #expect(runs[2].diagrams == runs[0].diagrams)
  }

  @Test("the greedy permutation by a k-d tree equals the brute-force one")
  func greedyPermutationByTree() throws {
    var random = SeededGenerator(seed: 7)
    let rows = (0..<2000).map { _ in (0..<3).map { _ in Double.random(in: 0..<1, using: &random) } }
    let cloud = PointCloud(rows: rows)
    let tree = GreedyPermutation(BallSearch(cloud, metric: .euclidean))
    let brute = GreedyPermutation(count: cloud.count) { Metric.euclidean.distance(cloud, $0, $1) }
    #expect(tree.order == brute.order)
    #expect(tree.radii == brute.radii)
    #expect(zip(tree.radii, tree.radii.dropFirst()).allSatisfy { $0 >= $1 })
  }

  @Test("ε must be a positive finite number")
  func invalidEpsilon() throws {
    let cloud = PointCloud(rows: [[0, 0], [1, 0]])
    for epsilon in [0, -1, .nan, .infinity] {
      #expect(throws: PersistenceError.self) { try Self.approximate(cloud, epsilon: epsilon) }
    }
  }
}
