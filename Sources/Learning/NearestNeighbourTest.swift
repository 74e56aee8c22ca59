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
/// takes the one of least ``priority(query:candidate:seed:)``, a hash of the seed and both rows:
/// one of them uniformly at random, whatever order the rows are met in and however many threads
/// meet them. The p-value permutes the labels over the
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

  /// The tie-breaking priority of `candidate` for `query` (lower wins): a SplitMix64 hash of the
  /// seed and both rows, so that among equally near rows each is chosen with equal chance, and the
  /// choice does not depend on the order in which rows are met (nor on the number of threads).
  static func priority(query: Int, candidate: Int, seed: UInt64) -> UInt64 {
    var generator = SeededGenerator(
      seed: seed ^ (UInt64(truncatingIfNeeded: query) &* 0x9E37_79B9_7F4A_7C15)
        ^ (UInt64(truncatingIfNeeded: candidate) &* 0xC2B2_AE3D_27D4_EB4F))
    return generator.next()
  }

  /// Gower: one pass over the lower triangle (each distance serves both rows), each worker keeping
  /// its own nearest rows, merged at the end.
  static func nearestOtherRows(gower: GowerDistance, _ table: Table, seed: UInt64) -> [Int] {
    let workers = gower.pass(queries: table, references: table, lowerTriangle: true) { _ in
      GowerNearest(count: table.rowCount, seed: seed)
    }
    var merged = workers[0].nearest
    for worker in workers.dropFirst() { merged.merge(worker.nearest) }
    return merged.chosen
  }

  /// Euclidean: the bounded tiles of every query against every row, each worker owning its
  /// queries' rows of the shared state.
  static func nearestOtherRows(euclidean cloud: PointCloud, seed: UInt64) -> [Int] {
    var nearest = NearestRows(count: cloud.count)
    nearest.best.withUnsafeMutableBufferPointer { best in
      nearest.chosen.withUnsafeMutableBufferPointer { chosen in
        nearest.priority.withUnsafeMutableBufferPointer { priority in
          let shared = SharedNearest(best: best, chosen: chosen, priority: priority)
          _ = BoundedSquaredDistanceTiles.run(queries: cloud, references: cloud) { _ in
            EuclideanNearest(state: shared, seed: seed)
          }
        }
      }
    }
    return nearest.chosen
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

/// Per row: the nearest other row met so far — the least (distance, priority) — its distance and
/// its priority.
struct NearestRows {
  var best: [Double]
  var chosen: [Int]
  var priority: [UInt64]

  init(count: Int) {
    best = [Double](repeating: .infinity, count: count)
    chosen = [Int](repeating: -1, count: count)
    priority = [UInt64](repeating: .max, count: count)
  }

  /// Keeps, per row, the lesser of `self`'s and `other`'s choice.
  mutating func merge(_ other: NearestRows) {
    for row in best.indices
    where other.best[row] < best[row]
      || (other.best[row] == best[row] && other.priority[row] < priority[row])
    {
      best[row] = other.best[row]
      chosen[row] = other.chosen[row]
      priority[row] = other.priority[row]
    }
  }
}

/// Offers `candidate` at distance `value` to `row` of the state at `best`, `chosen`, `priority`.
@inline(__always)
private func offer(
  _ value: Double, row: Int, candidate: Int, seed: UInt64, best: UnsafeMutablePointer<Double>,
  chosen: UnsafeMutablePointer<Int>, priority: UnsafeMutablePointer<UInt64>
) {
  guard value <= best[row] else { return }
  let rank = NearestNeighbourTest.priority(query: row, candidate: candidate, seed: seed)
  if value < best[row] || rank < priority[row] {
    best[row] = value
    chosen[row] = candidate
    priority[row] = rank
  }
}

/// One worker's nearest rows from lower-triangle Gower tiles.
private struct GowerNearest: TileConsumer {
  var nearest: NearestRows
  let seed: UInt64

  init(count: Int, seed: UInt64) {
    nearest = NearestRows(count: count)
    self.seed = seed
  }

  mutating func consume(_ tile: DistanceTile) {
    let seed = self.seed
    nearest.best.withUnsafeMutableBufferPointer { best in
      nearest.chosen.withUnsafeMutableBufferPointer { chosen in
        nearest.priority.withUnsafeMutableBufferPointer { priority in
          let (b, c, p) = (best.baseAddress!, chosen.baseAddress!, priority.baseAddress!)
          for q in tile.queries {
            let values = tile.row(q)
            for r in tile.references where r < q {
              let value = values[r - tile.references.lowerBound]
              offer(value, row: q, candidate: r, seed: seed, best: b, chosen: c, priority: p)
              offer(value, row: r, candidate: q, seed: seed, best: b, chosen: c, priority: p)
            }
          }
        }
      }
    }
  }
}

/// The nearest-row state shared by the workers of a full pass, each writing only its queries.
private struct SharedNearest: @unchecked Sendable {
  let best: UnsafeMutableBufferPointer<Double>
  let chosen: UnsafeMutableBufferPointer<Int>
  let priority: UnsafeMutableBufferPointer<UInt64>
}

private struct EuclideanNearest: TileConsumer {
  let state: SharedNearest
  let seed: UInt64

  mutating func consume(_ tile: BoundedSquaredDistanceTile) {
    let first = tile.references.lowerBound
    let (b, c, p) = (
      state.best.baseAddress!, state.chosen.baseAddress!, state.priority.baseAddress!
    )
    for query in tile.queries {
      let lower = tile.lowerBounds(query)
      var gate = SIMD8(repeating: b[query])
      tile.forEachCandidate(of: query, mayMatter: { chunk, _ in any(chunk .<= gate) }) { offset in
        let reference = first + offset
        guard lower[offset] <= b[query], reference != query else { return }
        offer(
          tile.exact(query, reference), row: query, candidate: reference, seed: seed, best: b,
          chosen: c, priority: p)
        gate = SIMD8(repeating: b[query])
      }
    }
  }
}
