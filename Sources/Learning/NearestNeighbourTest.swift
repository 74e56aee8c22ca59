import Foundation
import PointClouds
import Tables

/// The 1-NN two-sample test (Friedman & Rafsky 1979; Lopez-Paz & Oquab 2017): pool the real and
/// synthetic rows, label each by its sample, and predict every row's label by its nearest other
/// row (leave-one-out) under the row distance of the other table metrics (Gower, or Euclidean on
/// the numbers or the embedding of mixed tables). `accuracy` near 0.5 (more exactly, near what
/// random labels of the same counts give) means the samples mix; 1 means they separate.
///
/// Exact: every pair is compared (the tiled passes of ``GowerDistance`` and
/// ``BoundedSquaredDistanceTiles``). A row with several nearest rows at exactly the same distance
/// takes one of them uniformly at random (a reservoir draw seeded by `seed`, the row and the
/// candidate, so the same on any number of threads). The p-value permutes the labels over the
/// fixed 1-NN graph `permutations` times (Fisher–Yates, stream b + 1 of `seed`):
/// p = (1 + #{permuted accuracy ≥ observed}) / (1 + permutations).
public struct NearestNeighbourTest: Sendable, Codable, Equatable {
  /// Leave-one-out 1-NN accuracy of the real/synthetic label on the pooled rows.
  public var accuracy: Double
  /// The permutation p-value of that accuracy.
  public var pValue: Double
  /// The number of permutations.
  public var permutations: Int

  enum CodingKeys: String, CodingKey {
    case accuracy, permutations
    case pValue = "p_value"
  }

  /// The test on `samples`' real and synthetic rows under their distance.
  /// - Throws: ``TableError`` for a missing cell under the Euclidean distance.
  public static func compute(_ samples: TableSamples, permutations: Int, seed: UInt64) throws
    -> NearestNeighbourTest
  {
    let nearest: [Int]
    var tieGenerator = SeededGenerator.stream(0, of: seed)
    let tieSeed = tieGenerator.next()
    switch samples.distance {
    case .gower:
      let pooled = samples.real.appending(samples.synthetic)
      nearest = nearestOtherRows(gower: samples.gower, pooled, seed: tieSeed)
    case .euclidean:
      let clouds = try samples.euclideanClouds()
      let pooled = PointCloud(
        count: clouds.real.count + clouds.synthetic.count, dimension: clouds.real.dimension,
        coordinates: clouds.real.coordinates + clouds.synthetic.coordinates)
      nearest = nearestOtherRows(euclidean: pooled, seed: tieSeed)
    }
    let labels = (0..<nearest.count).map { $0 < samples.real.rowCount }
    return test(nearest: nearest, labels: labels, permutations: permutations, seed: seed)
  }

  /// The accuracy and the permutation p-value over a fixed nearest-row graph.
  static func test(nearest: [Int], labels: [Bool], permutations: Int, seed: UInt64)
    -> NearestNeighbourTest
  {
    @Sendable func matches(_ labels: [Bool]) -> Int {
      var count = 0
      for (i, j) in nearest.enumerated() where labels[i] == labels[j] { count += 1 }
      return count
    }
    let observed = matches(labels)
    let chunks = min(permutations, 2 * ProcessInfo.processInfo.activeProcessorCount)
    let atLeast = UnsafeMutableBufferPointer<Int>.allocate(capacity: max(chunks, 1))
    defer { atLeast.deallocate() }
    atLeast.initialize(repeating: 0)
    nonisolated(unsafe) let counts = atLeast
    DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
      var permuted = labels
      for b in stride(from: chunk, to: permutations, by: chunks) {
        var generator = SeededGenerator.stream(b + 1, of: seed)
        for i in stride(from: permuted.count - 1, to: 0, by: -1) {
          permuted.swapAt(i, generator.nextInt(below: i + 1))
        }
        if matches(permuted) >= observed { counts[chunk] += 1 }
      }
    }
    let extreme = atLeast.reduce(0, +)
    return NearestNeighbourTest(
      accuracy: Double(observed) / Double(nearest.count),
      pValue: Double(1 + extreme) / Double(1 + permutations), permutations: permutations)
  }

  /// Whether a candidate at the current nearest distance replaces the chosen row: a reservoir
  /// draw that keeps each of the `ties` equally near rows seen so far with probability 1/ties.
  static func replaces(query: Int, candidate: Int, ties: Int, seed: UInt64) -> Bool {
    var queryGenerator = SeededGenerator.stream(query, of: seed)
    var generator = SeededGenerator.stream(candidate, of: queryGenerator.next())
    return generator.nextUniform() * Double(ties) < 1
  }

  static func nearestOtherRows(gower: GowerDistance, _ table: Table, seed: UInt64) -> [Int] {
    let state = NearestState(count: table.rowCount)
    defer { state.deallocate() }
    _ = gower.pass(queries: table, references: table) { _ in
      GowerNearest(state: state, seed: seed)
    }
    return Array(state.chosen)
  }

  static func nearestOtherRows(euclidean cloud: PointCloud, seed: UInt64) -> [Int] {
    let state = NearestState(count: cloud.count)
    defer { state.deallocate() }
    _ = BoundedSquaredDistanceTiles.run(queries: cloud, references: cloud) { _ in
      EuclideanNearest(state: state, seed: seed)
    }
    return Array(state.chosen)
  }
}

extension Table {
  /// The rows of `self` followed by those of `other` (tables encoded together).
  func appending(_ other: Table) -> Table {
    var pooled = self
    pooled.file = "\(file)+\(other.file)"
    pooled.lines = lines + other.lines
    for c in pooled.columns.indices { pooled.columns[c].values += other.columns[c].values }
    return pooled
  }
}

/// Per query: the nearest distance so far, the chosen row, and how many rows are that near;
/// shared by the workers, each writing only its own queries.
private struct NearestState: @unchecked Sendable {
  let best: UnsafeMutableBufferPointer<Double>
  let chosen: UnsafeMutableBufferPointer<Int>
  let ties: UnsafeMutableBufferPointer<Int>

  init(count: Int) {
    best = .allocate(capacity: count)
    best.initialize(repeating: .infinity)
    chosen = .allocate(capacity: count)
    chosen.initialize(repeating: -1)
    ties = .allocate(capacity: count)
    ties.initialize(repeating: 0)
  }

  func deallocate() {
    best.deallocate()
    chosen.deallocate()
    ties.deallocate()
  }

  /// Offers `candidate` at exact distance `value` to `query`.
  @inline(__always)
  func offer(_ value: Double, query: Int, candidate: Int, seed: UInt64) {
    if value < best[query] {
      best[query] = value
      chosen[query] = candidate
      ties[query] = 1
    } else if value == best[query] {
      ties[query] += 1
      if NearestNeighbourTest.replaces(query: query, candidate: candidate, ties: ties[query], seed: seed) {
        chosen[query] = candidate
      }
    }
  }
}

private struct GowerNearest: TileConsumer {
  let state: NearestState
  let seed: UInt64

  mutating func consume(_ tile: DistanceTile) {
    let first = tile.references.lowerBound
    for query in tile.queries {
      for (offset, value) in tile.row(query).enumerated()
      where value <= state.best[query] && first + offset != query {
        state.offer(value, query: query, candidate: first + offset, seed: seed)
      }
    }
  }
}

private struct EuclideanNearest: TileConsumer {
  let state: NearestState
  let seed: UInt64

  mutating func consume(_ tile: BoundedSquaredDistanceTile) {
    let first = tile.references.lowerBound
    for query in tile.queries {
      let lower = tile.lowerBounds(query)
      var gate = SIMD8(repeating: state.best[query])
      tile.forEachCandidate(of: query, mayMatter: { chunk, _ in any(chunk .<= gate) }) { offset in
        let reference = first + offset
        guard lower[offset] <= state.best[query], reference != query else { return }
        state.offer(tile.exact(query, reference), query: query, candidate: reference, seed: seed)
        gate = SIMD8(repeating: state.best[query])
      }
    }
  }
}
