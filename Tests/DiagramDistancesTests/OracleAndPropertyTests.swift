import Foundation
import Persistence
import Testing
import _TestSupport

@testable import DiagramDistances

/// Small random diagrams (with ties and duplicates when `ties`), seeded.
func smallPair(_ seed: UInt64, ties: Bool) -> (PersistenceDiagram, PersistenceDiagram) {
  let sizes = [(0, 3), (1, 1), (2, 5), (4, 4), (5, 3), (6, 6)]
  let (n, m) = sizes[Int(seed % UInt64(sizes.count))]
  return (
    randomDiagram(count: n, seed: seed, ties: ties),
    randomDiagram(count: m, seed: seed &+ 1000, ties: ties)
  )
}

@Suite("Agreement with brute force over every partial matching")
struct BruteForceTests {
  // The oracle measures the distance to the diagonal through the rounded projection, as GUDHI
  // and Hera do; the library halves the persistence. They may differ in the last bits.
  @Test("exact bottleneck equals the brute-force value", arguments: 0..<36)
  func bottleneck(seed: Int) throws {
    let (a, b) = smallPair(UInt64(seed), ties: seed % 2 == 0)
    let oracle = BruteForceDiagramDistance(a.pairs, b.pairs)
    let result = try Bottleneck.compute(a, b, matching: true)
    #expect(isClose(result.distance, oracle.bottleneck, relative: 1e-14))
    #expect(
      isClose(
        matchingCost(result.matching!, a, b, order: .infinity), result.distance, relative: 1e-14))
  }

  @Test(
    "exact Wasserstein equals brute force for q ∈ {1, 2, 3.5} and p ∈ {1, 2, ∞}",
    arguments: 0..<24)
  func wasserstein(seed: Int) throws {
    let (a, b) = smallPair(UInt64(seed), ties: seed % 3 == 0)
    for p in [1.0, 2, .infinity] {
      let oracle = BruteForceDiagramDistance(a.pairs, b.pairs, internalP: p)
      for q in [1.0, 2, 3.5] {
        let expected = oracle.wasserstein(order: q)
        let exact = try Wasserstein.compute(
          a, b, order: q, internalP: p, method: .exact, matching: true)
        #expect(isClose(exact.distance, expected, relative: 1e-12), "p=\(p) q=\(q)")
        let cost = matchingCost(exact.matching!, a, b, order: q, internalP: p)
        #expect(isClose(cost, exact.distance, relative: 1e-12))
        let auction = try Wasserstein.compute(
          a, b, order: q, internalP: p, relativeError: 0.01, method: .auction, matching: true)
        #expect(
          auction.distance >= expected * (1 - 1e-12) && auction.distance <= expected * 1.01 + 1e-12)
        #expect(
          isClose(
            matchingCost(auction.matching!, a, b, order: q, internalP: p), auction.distance,
            relative: 1e-12))
      }
    }
  }
}

@Suite("Metric properties on random diagrams of a few dozen points")
struct PropertyTests {
  static let diagrams = (0..<4).map {
    randomDiagram(count: 20 + 9 * $0, seed: UInt64(77 + $0), ties: $0 == 2)
  }

  @Test("symmetry and zero self-distance (also for a shuffled copy)")
  func symmetryAndIdentity() throws {
    for a in Self.diagrams {
      let shuffled = PersistenceDiagram(dimension: 1, pairs: a.pairs.reversed())
      #expect(try Bottleneck.distance(a, shuffled) == 0)
      #expect(try Wasserstein.distance(a, shuffled, method: .auction) == 0)
      #expect(try Wasserstein.distance(a, shuffled, order: 2, method: .exact) == 0)
      for b in Self.diagrams {
        #expect(try Bottleneck.distance(a, b) == Bottleneck.distance(b, a))
        for q in [1.0, 2] {
          let ab = try Wasserstein.distance(a, b, order: q, method: .exact)
          let ba = try Wasserstein.distance(b, a, order: q, method: .exact)
          #expect(isClose(ab, ba, relative: 1e-12))
        }
      }
    }
  }

  @Test("triangle inequality and bottleneck ≤ Wasserstein-q")
  func triangleAndOrdering() throws {
    let d = Self.diagrams
    var bottleneck = [[Double]](repeating: [0, 0, 0, 0], count: 4)
    var w1 = bottleneck
    var w2 = bottleneck
    for i in 0..<4 {
      for j in 0..<4 {
        bottleneck[i][j] = try Bottleneck.distance(d[i], d[j])
        w1[i][j] = try Wasserstein.distance(d[i], d[j], order: 1, method: .exact)
        w2[i][j] = try Wasserstein.distance(d[i], d[j], order: 2, method: .exact)
        let w3 = try Wasserstein.distance(d[i], d[j], order: 3, method: .exact)
        #expect(bottleneck[i][j] <= w3 * (1 + 1e-12))
        #expect(w3 <= w2[i][j] * (1 + 1e-12) && w2[i][j] <= w1[i][j] * (1 + 1e-12))
      }
    }
    for i in 0..<4 {
      for j in 0..<4 {
        for k in 0..<4 {
          for m in [bottleneck, w1, w2] { #expect(m[i][k] <= (m[i][j] + m[j][k]) * (1 + 1e-12)) }
        }
      }
    }
  }

  @Test(
    "approximate values lie within their certified error of the exact ones",
    arguments: [0.001, 0.01, 0.1, 0.5])
  func approximations(delta: Double) throws {
    for (a, b) in zip(Self.diagrams, Self.diagrams.dropFirst()) {
      let exact = try Bottleneck.distance(a, b)
      let approximate = try Bottleneck.distance(a, b, relativeError: delta)
      #expect(approximate >= exact && approximate <= exact * (1 + delta))
      for q in [1.0, 2] {
        let exact = try Wasserstein.distance(a, b, order: q, method: .exact)
        let auction = try Wasserstein.distance(
          a, b, order: q, relativeError: delta, method: .auction)
        #expect(auction >= exact * (1 - 1e-12) && auction <= exact * (1 + delta))
      }
    }
  }

  @Test("the pairwise matrix equals the individual distances and is symmetric")
  func pairwise() throws {
    let d = Self.diagrams
    for metric in [DiagramMetric.bottleneck(), .wasserstein(order: 2, relativeError: 0.01)] {
      let matrix = try PairwiseDistances.matrix(d, metric: metric)
      #expect(matrix.count == 16)
      for i in 0..<4 {
        #expect(matrix[i * 4 + i] == 0)
        for j in (i + 1)..<4 {
          #expect(matrix[i * 4 + j] == matrix[j * 4 + i])
          #expect(matrix[i * 4 + j] == (try metric.distance(d[i], d[j])))
        }
      }
    }
    #expect(try PairwiseDistances.matrix([], metric: .bottleneck()).isEmpty)
  }
}

@Suite("The sparse exact solver agrees with the dense Hungarian method")
struct SparseExactTests {
  @Test("same optimal cost on random diagrams, with ties, q ∈ {1, 2}, p ∈ {1, ∞}", arguments: 0..<8)
  func sparseEqualsDense(seed: Int) throws {
    let a = randomDiagram(count: 40 + 7 * seed, seed: UInt64(500 + seed), ties: seed % 2 == 1)
    let b = randomDiagram(count: 60 - 3 * seed, seed: UInt64(900 + seed), ties: seed % 2 == 1)
    let first = try PreparedDiagram(a, name: "first", ignoreEssential: false)
    let second = try PreparedDiagram(b, name: "second", ignoreEssential: false)
    for (q, p) in [(1.0, Double.infinity), (2, .infinity), (1, 1)] {
      let instance = AssignmentInstance(first, second, ground: GroundCost(internalP: p, order: q))
      let sparse = Wasserstein.shortestPathAssignment(instance)
      let dense = Wasserstein.hungarianAssignment(instance)
      #expect(Set(sparse).count == instance.size)
      #expect(
        isClose(instance.totalCost(sparse), instance.totalCost(dense), relative: 1e-12),
        "q=\(q) p=\(p)")
    }
  }

  @Test("same optimal cost when magnitudes range from 1e-6 to 1e6")
  func mixedMagnitudes() throws {
    func mixed(_ seed: UInt64) -> PersistenceDiagram {
      let parts = [1e-6, 1e-3, 1, 1e3, 1e6].enumerated().flatMap { k, scale in
        randomDiagram(count: 12, seed: seed &+ UInt64(k), scale: scale).pairs
      }
      return PersistenceDiagram(dimension: 1, pairs: parts)
    }
    let first = try PreparedDiagram(mixed(1), name: "first", ignoreEssential: false)
    let second = try PreparedDiagram(mixed(50), name: "second", ignoreEssential: false)
    for q in [1.0, 2] {
      let instance = AssignmentInstance(
        first, second, ground: GroundCost(internalP: .infinity, order: q))
      let sparse = instance.totalCost(Wasserstein.shortestPathAssignment(instance))
      let dense = instance.totalCost(Wasserstein.hungarianAssignment(instance))
      #expect(isClose(sparse, dense, relative: 1e-12), "q=\(q)")
    }
  }

  /// The regime of large diagrams with coordinates spanning 10⁻⁶ to 10⁶: the auction's prices
  /// reach the largest costs (≈ 10¹² for q = 2), far above the rounding of the smallest ones, and
  /// the sparse solver warm-started from them used to re-solve without end.
  @Test("same optimal cost on log-uniform coordinates and persistence from 1e-6 to 1e6")
  func logUniformMagnitudes() throws {
    /// 200 points with birth and persistence 10^U(−6, 6) (the births of two seeded diagrams serve
    /// as the uniform variates).
    func logUniform(_ seed: UInt64) -> PersistenceDiagram {
      let u = randomDiagram(count: 200, seed: seed).pairs
      let v = randomDiagram(count: 200, seed: seed &+ 1).pairs
      let pairs = zip(u, v).map { first, second in
        let birth = pow(10, 12 * first.birth - 6)
        return PersistencePair(birth: birth, death: birth + pow(10, 12 * second.birth - 6))
      }
      return PersistenceDiagram(dimension: 1, pairs: pairs)
    }
    let first = try PreparedDiagram(logUniform(7), name: "first", ignoreEssential: false)
    let second = try PreparedDiagram(logUniform(70), name: "second", ignoreEssential: false)
    for q in [1.0, 2] {
      let instance = AssignmentInstance(
        first, second, ground: GroundCost(internalP: .infinity, order: q))
      let sparse = Wasserstein.shortestPathAssignment(instance)
      let dense = Wasserstein.hungarianAssignment(instance)
      #expect(Set(sparse).count == instance.size)
      #expect(
        isClose(instance.totalCost(sparse), instance.totalCost(dense), relative: 1e-12), "q=\(q)")
    }
  }
}
