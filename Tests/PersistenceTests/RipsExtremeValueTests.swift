import PointClouds
import Testing
import _TestSupport

@testable import Persistence

/// Vietoris–Rips on coordinates near the float64 limits: the right diagram (computed in units of
/// a power of two), or one line for what float64 cannot hold (issue 21).
@Suite("Vietoris–Rips at the edges of float64")
struct RipsExtremeValueTests {
  static let base = RipsPropertyTests.cloud(seed: 7, count: 30)

  static func scaled(_ cloud: PointCloud, by factor: Double) -> PointCloud {
    PointCloud(
      count: cloud.count, dimension: cloud.dimension,
      coordinates: cloud.coordinates.map { $0 * factor })
  }

  @Test(
    "scaling by a power of two scales every bar by it, exactly",
    arguments: [900, -900, 1000, -1000])
  func powerOfTwo(exponent: Int) throws {
    let factor = Double(sign: .plus, exponent: exponent, significand: 1)
    let options = RipsOptions(maxDimension: 2, threads: 1)
    let original = try RipsPersistence.compute(Self.base, options: options)
    let result = try RipsPersistence.compute(Self.scaled(Self.base, by: factor), options: options)
    #expect(result.threshold == original.threshold * factor)
    for (a, b) in zip(original.diagrams, result.diagrams) {
      #expect(
        b.pairs
          == a.pairs.map { PersistencePair(birth: $0.birth * factor, death: $0.death * factor) })
    }
    #expect(original.diagrams[1].pairs.count > 0)
  }

  @Test(
    "1e300 and 1e-300: the bars of the unscaled cloud times the factor", arguments: [1e300, 1e-300])
  func decimalScales(factor: Double) throws {
    let options = RipsOptions(maxDimension: 1, threshold: 1.5 * factor, threads: 1)
    let result = try RipsPersistence.compute(Self.scaled(Self.base, by: factor), options: options)
    let original = try RipsPersistence.compute(
      Self.base, options: RipsOptions(maxDimension: 1, threshold: 1.5, threads: 1))
    #expect(result.threshold == 1.5 * factor)
    // 29 finite H0 bars and one essential one, as for the unscaled cloud (not 30 essential bars).
    #expect(
      result.diagrams[0].pairs.filter { $0.death.isFinite }.count
        == original.diagrams[0].pairs.filter { $0.death.isFinite }.count)
    for (a, b) in zip(original.diagrams, result.diagrams) {
      let expected = a.pairs.map {
        PersistencePair(birth: $0.birth * factor, death: $0.death * factor)
      }
      #expect(barsMatch(b.pairs, expected, relative: 1e-12, absolute: 0), "H\(a.dimension)")
    }
  }

  @Test("a death beyond float64 is one line, not an essential class")
  func deathBeyondFloat64() {
    let max = Double.greatestFiniteMagnitude
    // Two points 2 · max apart: H0 dies at 2 · max.
    let cloud = PointCloud(count: 2, dimension: 1, coordinates: [-max, max])
    #expect {
      try RipsPersistence.compute(cloud, options: RipsOptions(maxDimension: 0, threads: 1))
    } throws: { error in
      guard case .unrepresentable(let reason) = error as? PersistenceError else { return false }
      return reason.contains("beyond float64") && !reason.contains("\n")
    }
    // ±max/2 stays below the limit: H0 dies at max.
    let half = PointCloud(count: 2, dimension: 1, coordinates: [-max / 2, max / 2])
    let deaths = try? RipsPersistence.compute(
      half, options: RipsOptions(maxDimension: 0, threads: 1)
    )
    .diagrams[0].pairs.map(\.death).sorted()
    #expect(deaths == [max, .infinity])
  }

  @Test("mixed scales are refused: two points 1e-300 apart beside points 1e300 apart")
  func mixedScales() {
    let cloud = PointCloud(
      count: 4, dimension: 2, coordinates: [1e300, 0, -1e300, 0, 0, 1e-300, 0, 2e-300])
    #expect {
      try RipsPersistence.compute(cloud, options: RipsOptions(maxDimension: 1, threads: 1))
    } throws: { error in
      guard case .unrepresentable(let reason) = error as? PersistenceError else { return false }
      return reason.contains("mixed scales")
    }
  }

  @Test("simplices of dimension ≥ 2 are bounded from the degrees: Σ C(deg, k) / (k + 1)")
  func simplexBound() {
    // K4 has 4 triangles; the bound from its degrees (3 each) is 4 · C(3, 2) / 3 = 4, 24 bytes
    // each.
    let options = RipsOptions(maxDimension: 2)
    let fits = MemoryBudget(bytes: 4 * 24, source: "test")
    #expect(throws: Never.self) {
      try RipsPersistence.checkSimplices(
        degrees: [3, 3, 3, 3], top: 2, options: options, budget: fits)
    }
    let tight = MemoryBudget(bytes: 4 * 24 - 1, source: "test")
    #expect {
      try RipsPersistence.checkSimplices(
        degrees: [3, 3, 3, 3], top: 2, options: options, budget: tight)
    } throws: { error in
      guard case .tooLarge(let resource) = error as? PersistenceError else { return false }
      return resource.bytes == 96 && resource.suggestion.hasPrefix("up to 4 2-simplices")
    }
    // Tetrahedra of K5: 5 · C(4, 3) / 4 = 5.
    #expect {
      try RipsPersistence.checkSimplices(
        degrees: [4, 4, 4, 4, 4], top: 3, options: options,
        budget: MemoryBudget(bytes: 5 * 24 - 1, source: "test"))
    } throws: { error in
      guard case .tooLarge(let resource) = error as? PersistenceError else { return false }
      return resource.bytes == 120
    }
  }
}
