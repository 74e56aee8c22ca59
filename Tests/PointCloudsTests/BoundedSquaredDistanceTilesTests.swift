import Testing
import _TestSupport

@testable import PointClouds

@Suite("Bounded float32 distance tiles")
struct BoundedSquaredDistanceTilesTests {
  /// Every pair's interval from a bounded pass, checked against the oracle's exact value.
  struct IntervalCheck: TileConsumer {
    var violations = 0
    var pairs = 0
    var widest = 0.0
    let queries: PointCloud
    let references: PointCloud

    mutating func consume(_ tile: BoundedSquaredDistanceTile) {
      for q in tile.queries {
        let lower = tile.lowerBounds(q)
        for r in tile.references {
          let exact = oracleSquaredDistance(queries, q, references, r)
          let low = lower[r - tile.references.lowerBound]
          let high = tile.upperBound(q, r)
          if !(low <= exact && exact <= high) || tile.exact(q, r) != exact { violations += 1 }
          if high.isFinite { widest = max(widest, (high - low) / max(exact, 1e-300)) }
          pairs += 1
        }
      }
    }
  }

  static let clouds: [(String, PointCloud, PointCloud)] = [
    (
      "unit Gaussians, d = 64",
      gaussianCloud(count: 70, dimension: 64, seed: 1),
      gaussianCloud(count: 300, dimension: 64, seed: 2)
    ),
    (
      "far from the origin (1e6) with unit spread",
      gaussianCloud(count: 50, dimension: 9, seed: 3, shift: 1e6),
      gaussianCloud(count: 270, dimension: 9, seed: 4, shift: 1e6)
    ),
    (
      "tiny scale (1e-9)",
      gaussianCloud(count: 40, dimension: 5, seed: 5, scale: 1e-9),
      gaussianCloud(count: 260, dimension: 5, seed: 6, scale: 1e-9)
    ),
    (
      "integer grid with duplicates",
      gridCloud(count: 60, dimension: 3, levels: 3, seed: 7),
      gridCloud(count: 265, dimension: 3, levels: 3, seed: 8)
    ),
    (
      "beyond the float32 range (1e200): unbounded intervals",
      gaussianCloud(count: 20, dimension: 4, seed: 9, scale: 1e200),
      gaussianCloud(count: 30, dimension: 4, seed: 10, scale: 1e200)
    ),
  ]

  /// The kernels this CPU runs (the portable one always; AVX2 where available).
  static let kernels: [BoundedSquaredDistanceTiles.Kernel] =
    BoundedSquaredDistanceTiles.Kernel.fastest == .avx2 ? [.portable, .avx2] : [.portable]

  @Test(
    "every pair's exact squared distance lies in its interval, with every kernel",
    arguments: 0..<clouds.count, kernels)
  func intervalsHoldTheExactValue(index: Int, kernel: BoundedSquaredDistanceTiles.Kernel) {
    let (_, queries, references) = Self.clouds[index]
    let checks = BoundedSquaredDistanceTiles.run(
      queries: queries, references: references, lowerTriangle: false, kernel: kernel, progress: nil
    ) { _ in IntervalCheck(queries: queries, references: references) }
    #expect(checks.map(\.violations).reduce(0, +) == 0)
    #expect(checks.map(\.pairs).reduce(0, +) == queries.count * references.count)
  }

  @Test("the kernels' lower bounds agree to float32 rounding", arguments: kernels.dropFirst())
  func kernelsAgree(kernel: BoundedSquaredDistanceTiles.Kernel) {
    struct Collect: TileConsumer {
      var values: [Double]
      let width: Int
      mutating func consume(_ tile: BoundedSquaredDistanceTile) {
        for q in tile.queries {
          for (offset, value) in tile.lowerBounds(q).enumerated() {
            values[q * width + tile.references.lowerBound + offset] = value
          }
        }
      }
    }
    let (_, queries, references) = Self.clouds[0]
    func lowerBounds(_ kernel: BoundedSquaredDistanceTiles.Kernel) -> [Double] {
      let parts = BoundedSquaredDistanceTiles.run(
        queries: queries, references: references, lowerTriangle: false, kernel: kernel,
        progress: nil
      ) { _ in
        Collect(
          values: [Double](repeating: .nan, count: queries.count * references.count),
          width: references.count)
      }
      return (0..<queries.count * references.count).map { i in
        parts.map { $0.values[i] }.first { !$0.isNaN }!
      }
    }
    let portable = lowerBounds(.portable)
    let other = lowerBounds(kernel)
    #expect(zip(portable, other).allSatisfy { abs($0 - $1) <= 1e-5 * abs($0) })
  }

  @Test("intervals are narrow on well-scaled data (relative width below 1e-4)")
  func intervalsAreNarrow() {
    let (_, queries, references) = Self.clouds[0]
    let checks = BoundedSquaredDistanceTiles.run(queries: queries, references: references) { _ in
      IntervalCheck(queries: queries, references: references)
    }
    let widest = checks.map(\.widest).max() ?? .infinity
    #expect(widest > 0 && widest < 1e-4)
  }

  @Test("k-th neighbours and nearest points stay exact when every interval is unbounded")
  func unboundedFallsBackToExact() {
    let cloud = gaussianCloud(count: 120, dimension: 4, seed: 11, scale: 1e200)
    let other = gaussianCloud(count: 30, dimension: 4, seed: 12, scale: 1e200)
    #expect(
      NearestNeighbors.bruteForceKthNeighborSquaredDistances(in: cloud, k: 4)
        == oracleKthNeighborSquaredDistances(cloud, k: 4))
    let nearest = NearestNeighbors.bruteForceNearest(from: other, to: cloud)
    let expected = oracleNearest(from: other, to: cloud)
    #expect(nearest.indices == expected.map(\.0))
    #expect(nearest.squaredDistances == expected.map(\.1))
  }

  @Test("the symmetric k-th neighbour pass is exact when its candidate log is compacted often")
  func compactedLogStaysExact() {
    let cloud = gridCloud(count: 400, dimension: 4, levels: 4, seed: 13)
    for k in [1, 6] {
      #expect(
        SymmetricKthNeighbors.squaredDistances(
          in: cloud, k: k, progress: nil, compactionThreshold: 8)
          == oracleKthNeighborSquaredDistances(cloud, k: k))
    }
  }
}

@Suite("Bounded tiles on data float32 cannot resolve")
struct BoundedTilesHardDataTests {
  @Test("one far outlier does not loosen the other pairs' intervals (robust centre)")
  func outlierKeepsIntervalsTight() {
    var coordinates = gaussianCloud(count: 300, dimension: 8, seed: 21).coordinates
    for c in 0..<8 { coordinates[c] = 1e9 }
    let cloud = PointCloud(count: 300, dimension: 8, coordinates: coordinates)
    struct Widest: TileConsumer {
      var widest = 0.0
      mutating func consume(_ tile: BoundedSquaredDistanceTile) {
        for q in tile.queries where q != 0 {
          let lower = tile.lowerBounds(q)
          for r in tile.references where r != 0 && r != q {
            let exact = tile.exact(q, r)
            widest = max(
              widest, (tile.upperBound(q, r) - lower[r - tile.references.lowerBound]) / exact)
          }
        }
      }
    }
    let widest = BoundedSquaredDistanceTiles.run(queries: cloud, references: cloud) { _ in Widest()
    }
    .map(\.widest).max()!
    #expect(widest < 1e-3)
    #expect(
      NearestNeighbors.bruteForceKthNeighborSquaredDistances(in: cloud, k: 5)
        == oracleKthNeighborSquaredDistances(cloud, k: 5))
  }

  @Test("k-th neighbours are exact on data below float32's range (1e-150)")
  func tinyScaleIsExact() {
    let cloud = gaussianCloud(count: 400, dimension: 9, seed: 22, scale: 1e-150)
    #expect(
      NearestNeighbors.bruteForceKthNeighborSquaredDistances(in: cloud, k: 3)
        == oracleKthNeighborSquaredDistances(cloud, k: 3))
  }
}
