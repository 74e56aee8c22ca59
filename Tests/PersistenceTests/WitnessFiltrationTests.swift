import Datasets
import Foundation
import Persistence
import PointClouds
import Testing
import _TestSupport

/// The present simplices of `filtration` as sorted vertex lists with their values.
func simplices(of filtration: WitnessFiltration) -> [[Int]: Double] {
  let count = filtration.landmarkCount
  var result: [[Int]: Double] = [:]
  for a in 0..<count where filtration.vertexValues[a] < .infinity {
    result[[a]] = filtration.vertexValues[a]
  }
  for b in 0..<count {
    for a in 0..<b where filtration.value(a, b) < .infinity {
      result[[a, b]] = filtration.value(a, b)
    }
  }
  for c in 0..<count {
    for b in 0..<c {
      for a in 0..<b where filtration.value(a, b, c) < .infinity {
        result[[a, b, c]] = filtration.value(a, b, c)
      }
    }
  }
  return result
}

@Suite("Witness filtration (GUDHI's weak relaxed witness complex)")
struct WitnessFiltrationTests {
  /// Landmarks A = 0, B = 1, C = 3, D = 6 on a line; witnesses A, B, C, D, 2 and 4.5.
  /// Sorted distances per witness (landmark: distance):
  ///   w=0: A0 B1 C3 D6 · w=1: B0 A1 C2 D5 · w=3: C0 B2 A3 D3 · w=6: D0 C3 B5 A6 ·
  ///   w=2: B1 C1 A2 D4 · w=4.5: C1.5 D1.5 B3.5 A4.5.
  /// Edge relaxation r_w = [max over the edge − min over the other two]₊, minimised over w:
  ///   AB: w=0 gives 1−3 → 0.  AC: w=3 gives 3−2 = 1 (w=2 too).  AD: w=3 gives 3−0 = 3 (best).
  ///   BC: w=3 gives 2−3 → 0.  BD: w=6 gives 5−3 = 2.  CD: w=6 gives 3−5 → 0.
  /// Triangle relaxation = [max over it − the fourth landmark]₊, minimised, then raised to the
  /// largest edge: ABC own 0 (w=0: 3−6) → 1; ABD own 3 (every witness gives 3) → 3;
  /// ACD own 1 (w=3: 3−2) → max(1, AD 3) = 3; BCD own 0 (w=3: 3−3) → max(0, BD 2) = 2.
  /// Vertices are 0: every landmark witnesses itself.
  static let line = (
    witnesses: PointCloud(rows: [[0], [1], [3], [6], [2], [4.5]]),
    landmarks: PointCloud(rows: [[0], [1], [3], [6]])
  )

  @Test("a hand-computed line: every edge and triangle value with α_max = 10")
  func handComputedLarge() {
    let filtration = WitnessFiltration(
      witnesses: Self.line.witnesses, landmarks: Self.line.landmarks, maxAlpha: .value(10))
    let (A, B, C, D) = (0, 1, 2, 3)
    #expect(filtration.vertexValues == [0, 0, 0, 0])
    #expect(filtration.value(A, B) == 0)
    #expect(filtration.value(A, C) == 1)
    #expect(filtration.value(A, D) == 3)
    #expect(filtration.value(B, C) == 0)
    #expect(filtration.value(B, D) == 2)
    #expect(filtration.value(C, D) == 0)
    #expect(filtration.value(A, B, C) == 1)
    #expect(filtration.value(A, B, D) == 3)
    #expect(filtration.value(A, C, D) == 3)
    #expect(filtration.value(B, C, D) == 2)
    #expect(filtration.maxDistance == 6)
  }

  @Test("the same line with α_max = 1.5: AD and BD are not witnessed, nor triangles on them")
  func handComputedSmall() {
    let filtration = WitnessFiltration(
      witnesses: Self.line.witnesses, landmarks: Self.line.landmarks, maxAlpha: .value(1.5))
    let (A, B, C, D) = (0, 1, 2, 3)
    #expect(filtration.value(A, C) == 1)
    #expect(filtration.value(A, D) == .infinity)
    #expect(filtration.value(B, D) == .infinity)
    #expect(filtration.value(C, D) == 0)
    #expect(filtration.value(A, B, C) == 1)
    // ACD is witnessed by w = 3 within 1.5 but its edge AD is absent.
    #expect(filtration.value(A, C, D) == .infinity)
    #expect(filtration.value(B, C, D) == .infinity)
  }

  @Test("γ sets α_max as a fraction of the largest witness–landmark distance")
  func fractionOfMaxDistance() {
    let filtration = WitnessFiltration(
      witnesses: Self.line.witnesses, landmarks: Self.line.landmarks,
      maxAlpha: .fractionOfMaxDistance(0.25))
    #expect(filtration.maxAlpha == 1.5)
    #expect(filtration.value(0, 3) == .infinity)
  }

  @Test(
    "agrees with the definition on random clouds, with repeated landmarks and tied distances",
    arguments: [(1 as UInt64, 0.1), (2, 0.3), (3, 0.6), (4, 2.0), (5, 0.05)])
  func matchesDefinition(seed: UInt64, alpha: Double) {
    var generator = SeededGenerator(seed: seed)
    // Coordinates on a 0.25 grid: many exact ties; landmarks drawn with replacement.
    let points = (0..<30).map { _ in
      (0..<2).map { _ in Double(generator.nextInt(below: 9)) * 0.25 }
    }
    let landmarks = (0..<9).map { _ in points[generator.nextInt(below: points.count)] }
    let filtration = WitnessFiltration(
      witnesses: PointCloud(rows: points), landmarks: PointCloud(rows: landmarks),
      maxAlpha: .value(alpha))
    let expected = WitnessOracle.filtration(
      witnesses: points, landmarks: landmarks, maxAlpha: alpha)
    let found = simplices(of: filtration)
    #expect(Set(found.keys) == Set(expected.keys))
    for (simplex, value) in expected {
      #expect(found[simplex].map { isClose($0, value, absolute: 1e-12) } == true, "\(simplex)")
    }
  }

  @Test("witnesses that are not landmarks, in dimension 5: agrees with the definition")
  func separateWitnesses() {
    var generator = SeededGenerator(seed: 9)
    let witnesses = (0..<40).map { _ in (0..<5).map { _ in generator.nextGaussian() } }
    let landmarks = (0..<8).map { _ in (0..<5).map { _ in generator.nextGaussian() } }
    let filtration = WitnessFiltration(
      witnesses: PointCloud(rows: witnesses), landmarks: PointCloud(rows: landmarks),
      maxAlpha: .value(0.8))
    let expected = WitnessOracle.filtration(
      witnesses: witnesses, landmarks: landmarks, maxAlpha: 0.8)
    let found = simplices(of: filtration)
    #expect(Set(found.keys) == Set(expected.keys))
    for (simplex, value) in expected {
      #expect(found[simplex].map { isClose($0, value) } == true, "\(simplex)")
    }
  }

  @Test(
    "γ = 1/8 and 1/4 in dimension 12 (many landmarks within d₀ + α): agrees with the definition",
    arguments: [(21 as UInt64, 0.125), (22, 0.25)])
  func wideRelaxation(seed: UInt64, gamma: Double) {
    var generator = SeededGenerator(seed: seed)
    let witnesses = (0..<60).map { _ in (0..<12).map { _ in generator.nextGaussian() } }
    let landmarks = (0..<18).map { _ in witnesses[generator.nextInt(below: witnesses.count)] }
    let filtration = WitnessFiltration(
      witnesses: PointCloud(rows: witnesses), landmarks: PointCloud(rows: landmarks),
      maxAlpha: .fractionOfMaxDistance(gamma))
    let expected = WitnessOracle.filtration(
      witnesses: witnesses, landmarks: landmarks, maxAlpha: filtration.maxAlpha)
    let found = simplices(of: filtration)
    #expect(expected.keys.filter { $0.count == 3 }.count > 100)
    #expect(Set(found.keys) == Set(expected.keys))
    for (simplex, value) in expected {
      #expect(found[simplex].map { isClose($0, value) } == true, "\(simplex)")
    }
  }

  @Test("edge and triangle indices are the combinatorial number system, in any vertex order")
  func indices() {
    #expect(WitnessFiltration.edgeIndex(0, 1) == 0)
    #expect(WitnessFiltration.edgeIndex(3, 1) == 3 + 1)
    #expect(WitnessFiltration.triangleIndex(0, 1, 2) == 0)
    #expect(WitnessFiltration.triangleIndex(4, 0, 2) == 4 + 1 + 0)
    #expect(WitnessFiltration.triangleIndex(2, 4, 0) == WitnessFiltration.triangleIndex(0, 2, 4))
  }

  @Test(
    "H1 by the engine's reducer equals a brute-force Z/2 reduction on random witness complexes",
    arguments: [(11 as UInt64, 0.15), (12, 0.3), (13, 0.5), (14, 1.0), (15, 0.08), (16, 0.25)])
  func barcodeMatchesBruteForce(seed: UInt64, alpha: Double) {
    var generator = SeededGenerator(seed: seed)
    // A noisy circle (one long H1 class) on a coarse grid (ties), 14 landmarks with replacement.
    let points = (0..<80).map { _ in
      let t = generator.nextUniform() * 2 * Double.pi
      return [
        ((cos(t) + 0.1 * generator.nextGaussian()) * 8).rounded() / 8,
        ((sin(t) + 0.1 * generator.nextGaussian()) * 8).rounded() / 8,
      ]
    }
    let landmarks = (0..<14).map { _ in points[generator.nextInt(below: points.count)] }
    let filtration = WitnessFiltration(
      witnesses: PointCloud(rows: points), landmarks: PointCloud(rows: landmarks),
      maxAlpha: .value(alpha))
    let expected = WitnessOracle.h1Bars(simplices(of: filtration))
    let diagrams = filtration.diagrams()
    #expect(diagrams.map(\.dimension) == [0, 1])
    #expect(barsMatch(diagrams[1].pairs, expected, relative: 0, absolute: 0))
  }

  @Test("a square of four landmarks: one H1 bar from the last edge to the first triangle")
  func square() {
    // Landmarks at the corners a, b, c, d of the unit square; witnesses at the corners and the
    // midpoints of the sides. A side {a, b} enters at 0 (from its midpoint: 0.5 − √1.25 → 0).
    // The diagonal {a, c}: from the corner a itself d(a,c) − d(a,b) = √2 − 1, better than from a
    // midpoint (√1.25 − 0.5) or the corner b (1 − 0). A triangle {a, b, c} from its corner b:
    // 1 − d(b, d) = 1 − √2 → 0, raised to its diagonal. The square's hole lives on [0, √2 − 1).
    let corners: [[Double]] = [[0, 0], [1, 0], [1, 1], [0, 1]]
    let midpoints: [[Double]] = [[0.5, 0], [1, 0.5], [0.5, 1], [0, 0.5]]
    let filtration = WitnessFiltration(
      witnesses: PointCloud(rows: corners + midpoints), landmarks: PointCloud(rows: corners),
      maxAlpha: .value(2))
    let bars = filtration.h1Barcode().pairs
    #expect(bars.count == 1)
    #expect(bars.first.map { $0.birth == 0 && isClose($0.death, 2.0.squareRoot() - 1) } == true)
    #expect(filtration.value(0, 1) == 0 && isClose(filtration.value(0, 2), 2.0.squareRoot() - 1))
  }

  @Test("from cached pairwise distances: the same filtration as from the points")
  func cachedDistances() {
    var generator = SeededGenerator(seed: 21)
    let cloud = PointCloud(
      count: 60, dimension: 3, coordinates: (0..<180).map { _ in generator.nextGaussian() })
    let landmarks = [5, 17, 17, 0, 59, 33, 2, 41, 8, 26]
    let direct = WitnessFiltration(
      witnesses: cloud, landmarks: cloud.selecting(points: landmarks),
      maxAlpha: .fractionOfMaxDistance(0.2))
    let cached = WitnessFiltration(
      distances: WitnessDistanceCache(cloud), landmarks: landmarks,
      maxAlpha: .fractionOfMaxDistance(0.2))
    #expect(isClose(direct.maxAlpha, cached.maxAlpha, relative: 1e-14))
    let (a, b) = (simplices(of: direct), simplices(of: cached))
    #expect(Set(a.keys) == Set(b.keys))
    #expect(a.allSatisfy { isClose($0.value, b[$0.key]!, relative: 1e-13, absolute: 1e-13) })
  }
}
