import Datasets
import Foundation
import PointClouds
import Testing
import _TestSupport

@testable import SampleMetrics

/// k-means and NDB/K: Lloyd and the NDB/K test against scikit-learn and statsmodels from the same
/// initial centres (`Scripts/references/make_kmeans_references.py`), the greedy k-means++ seeding
/// and the whole codebook against a direct transcription of the algorithm in this file.
@Suite("k-means and NDB/K")
struct KMeansTests {
  /// One case of `kmeans/references.json`.
  struct Case: Decodable {
    var k: Int
    var initial_rows: [Int]
    var centres: [[Double]]
    var labels: [Int]
    var iterations: Int
    var stopping: String
    var real_counts, synth_counts: [Int]
    var different: Int
    var jsd: Double
  }

  static let references: [String: Case] = {
    let path = resourcePath("kmeans/references.json", in: Bundle.module)
    let data = try! Data(contentsOf: URL(fileURLWithPath: path))
    return try! JSONDecoder().decode([String: Case].self, from: data)
  }()

  static func cloud(_ name: String) throws -> PointCloud {
    try PointCloud.read(contentsOf: resourcePath("kmeans/\(name).csv", in: Bundle.module))
  }

  @Test("the references stop both ways and relocate an empty cluster")
  func referencesCoverTheRules() {
    #expect(Set(Self.references.values.map(\.stopping)) == ["strict", "tolerance"])
    #expect(Self.references.values.contains { Set($0.initial_rows).count < $0.k })
  }

  @Test(
    "Lloyd from scikit-learn's initial centres gives its centres, labels and iterations",
    arguments: ["blobs5", "gauss32", "shifted3", "duplicate2"])
  func lloydMatchesScikitLearn(name: String) throws {
    let reference = try #require(Self.references[name])
    let real = try Self.cloud("\(name)_real")
    let result = KMeans(real, initialCentres: real.selecting(points: reference.initial_rows))
    #expect(result.assignments == reference.labels)
    #expect(result.iterations == reference.iterations)
    for (ours, theirs) in zip(result.centres.rows, reference.centres) {
      #expect(zip(ours, theirs).allSatisfy { isClose($0, $1, relative: 1e-12, absolute: 1e-12) })
    }
  }

  @Test(
    "NDB/K from those centres equals statsmodels' z-tests and scipy's JSD",
    arguments: ["blobs5", "gauss32", "shifted3", "duplicate2"])
  func ndbMatchesReference(name: String) throws {
    let reference = try #require(Self.references[name])
    let real = try Self.cloud("\(name)_real")
    let synthetic = try Self.cloud("\(name)_synth")
    let codebook = KMeans(real, initialCentres: real.selecting(points: reference.initial_rows))
    let result = VectorQuantization.compare(
      real: real, synthetic: synthetic, codebook: codebook, seed: 0)
    #expect(result.realProportions == reference.real_counts.map { Double($0) / Double(real.count) })
    #expect(
      result.syntheticProportions
        == reference.synth_counts.map { Double($0) / Double(synthetic.count) })
    #expect(result.different == reference.different)
    #expect(isClose(result.jsd, reference.jsd, relative: 1e-12, absolute: 1e-15))
  }

  /// Clouds for the oracle comparisons: generic, clustered, with many duplicates, tiny.
  static let oracleClouds: [(PointCloud, Int)] = [
    (BaseDistribution.gaussianMixture.sample(count: 400, dimension: 3, seed: 3), 7),
    (BaseDistribution.gaussianMixture.sample(count: 300, dimension: 9, seed: 5), 20),
    (PointCloud(rows: (0..<120).map { [Double($0 % 4), Double($0 % 3)] }), 12),
    (PointCloud(rows: [[0, 0], [0, 0], [1, 0], [5, 5]]), 4),
    (PointCloud(rows: [[2, 2], [2, 2], [2, 2]]), 2),
  ]

  @Test("greedy k-means++ seeds equal a direct transcription of the algorithm")
  func seedingMatchesOracle() {
    for (cloud, clusters) in Self.oracleClouds {
      for seed: UInt64 in [0, 1, 99] {
        let seeds = KMeans.seeds(cloud, clusters: clusters, seed: seed)
        let expected = Self.oracleSeeds(cloud, clusters: clusters, seed: seed)
        #expect(seeds == cloud.selecting(points: expected))
      }
    }
  }

  @Test("the codebook equals the transcribed seeding followed by a transcribed Lloyd")
  func codebookMatchesOracle() {
    for (cloud, clusters) in Self.oracleClouds {
      for seed: UInt64 in [0, 7] {
        let result = KMeans(cloud, clusters: clusters, seed: seed)
        let expected = Self.oracleLloyd(
          cloud, from: Self.oracleSeeds(cloud, clusters: clusters, seed: seed))
        #expect(result.assignments == expected.labels)
        #expect(result.centres.rows == expected.centres)
        #expect(result.iterations == expected.iterations)
      }
    }
  }

  @Test("NDB/K on the default path: identical samples never differ; the codebook is reused")
  func ndbUsesTheSeededCodebook() throws {
    let (real, _) = Self.oracleClouds[0]
    let result = try VectorQuantization.compute(real: real, synthetic: real, bins: 7, seed: 3)
    let codebook = KMeans(real, clusters: 7, seed: 3)
    #expect(
      result
        == VectorQuantization.compare(
          real: real, synthetic: real, codebook: codebook, seed: 3))
    #expect(result.different == 0 && result.jsd == 0)
  }

  // MARK: Oracles (plain loops, written from the documented algorithm)

  /// Σ (x_c − y_c)² in coordinate order.
  static func squared(_ x: [Double], _ y: [Double]) -> Double {
    var total = 0.0
    for (a, b) in zip(x, y) { total += (a - b) * (a - b) }
    return total
  }

  static func oracleSeeds(_ cloud: PointCloud, clusters: Int, seed: UInt64) -> [Int] {
    let points = cloud.rows
    var generator = SeededGenerator(seed: seed)
    var chosen = [generator.nextInt(below: points.count)]
    var nearest = points.map { squared($0, points[chosen[0]]) }
    let trials = 2 + Int(Foundation.log(Double(clusters)))
    while chosen.count < clusters {
      let potential = nearest.reduce(0, +)
      var candidates: [Int] = []
      for _ in 0..<trials {
        let target = generator.nextUniform() * potential
        var running = 0.0
        var pick = points.count - 1
        for (i, value) in nearest.enumerated() {
          running += value
          if running > target {
            pick = i
            break
          }
        }
        candidates.append(pick)
      }
      let updated = candidates.map { c in
        zip(nearest, points).map { Swift.min($0, squared($1, points[c])) }
      }
      let potentials = updated.map { $0.reduce(0, +) }
      let best = potentials.firstIndex(of: potentials.min()!)!
      nearest = updated[best]
      chosen.append(candidates[best])
    }
    return chosen
  }

  static func oracleLloyd(_ cloud: PointCloud, from initial: [Int]) -> (
    labels: [Int], centres: [[Double]], iterations: Int
  ) {
    let points = cloud.rows
    let (n, d, k) = (points.count, cloud.dimension, initial.count)
    func assign(_ centres: [[Double]]) -> ([Int], [Double]) {
      var labels = [Int](), distances = [Double]()
      for point in points {
        let all = centres.map { squared(point, $0) }
        let best = all.min()!
        labels.append(all.firstIndex(of: best)!)
        distances.append(best)
      }
      return (labels, distances)
    }
    var variance = 0.0
    for c in 0..<d {
      let mean = points.reduce(0) { $0 + $1[c] } / Double(n)
      variance += points.reduce(0) { $0 + ($1[c] - mean) * ($1[c] - mean) } / Double(n)
    }
    let tolerance = 1e-4 * (d > 0 ? variance / Double(d) : 0)
    var centres = initial.map { points[$0] }
    var previous = [Int](repeating: -1, count: n)
    var labels: [Int] = []
    var iterations = 0
    var strict = false
    while iterations < 300 {
      let (assigned, distances) = assign(centres)
      labels = assigned
      iterations += 1
      var sums = [[Double]](repeating: [Double](repeating: 0, count: d), count: k)
      var sizes = [Int](repeating: 0, count: k)
      for (i, label) in labels.enumerated() {
        sizes[label] += 1
        for c in 0..<d { sums[label][c] += points[i][c] }
      }
      let farthest = (0..<n).sorted {
        distances[$0] > distances[$1] || (distances[$0] == distances[$1] && $0 < $1)
      }
      for (cluster, point) in zip((0..<k).filter { sizes[$0] == 0 }, farthest) {
        for c in 0..<d {
          sums[labels[point]][c] -= points[point][c]
          sums[cluster][c] = points[point][c]
        }
        sizes[labels[point]] -= 1
        sizes[cluster] = 1
      }
      let updated = (0..<k).map { j in
        sizes[j] > 0 ? sums[j].map { $0 / Double(sizes[j]) } : centres[j]
      }
      var shift = 0.0
      for (old, new) in zip(centres, updated) {
        for (a, b) in zip(old, new) { shift += (b - a) * (b - a) }
      }
      centres = updated
      if labels == previous {
        strict = true
        break
      }
      if shift <= tolerance { break }
      previous = labels
    }
    if !strict { labels = assign(centres).0 }
    return (labels, centres, iterations)
  }
}
