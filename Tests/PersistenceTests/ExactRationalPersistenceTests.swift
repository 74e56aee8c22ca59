import Datasets
import ExactArithmetic
import Foundation
import PointClouds
import Testing

@testable import Persistence

/// Fixtures shared by the exact-arithmetic persistence tests.
enum ExactFixtures {
  /// Ripser's 13-point metric whose Rips complex at 1 has the homology of RP² (examples/
  /// projective_plane.lower_distance_matrix, the lower triangle row by row).
  static let projectivePlaneLowerTriangle: [Double] = [
    1, 1, 2, 1, 2, 2, 1, 2, 2, 2, 1, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 1, 2, 2, 1, 2, 2,
    1, 2, 1, 1, 2, 2, 2, 2, 2, 1, 1, 2, 2, 1, 1, 1, 1, 2, 2, 2, 2, 2, 1, 1, 2, 2, 1,
    2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 2, 1, 1,
  ]

  /// n points of RP² as unit vectors of the upper hemisphere, with the geodesic metric
  /// d(x, y) = arccos |x · y| (antipodes identified), max π/2.
  static func projectivePlaneSample(count: Int, seed: UInt64) -> DistanceMatrix {
    var random = SeededGenerator(seed: seed)
    let sphere = BaseDistribution.sphere.sample(count: count, using: &random).cloud
    var entries: [Double] = []
    for i in 0..<count {
      for j in 0..<i {
        let dot = (0..<3).reduce(0.0) { $0 + sphere[i, $1] * sphere[j, $1] }
        entries.append(acos(min(1, abs(dot))))
      }
    }
    return DistanceMatrix(count: count, lowerTriangle: entries)
  }

  static func diagrams(
    _ matrix: DistanceMatrix, coefficients: Coefficients, maxDimension: Int = 2,
    width: SimplexIndexWidth? = nil
  )
    throws -> [PersistenceDiagram]
  {
    var options = RipsOptions(maxDimension: maxDimension, coefficients: coefficients)
    options.indexWidth = width
    return try RipsPersistence.compute(matrix, options: options).diagrams
  }

  static func sameBars(_ a: [PersistenceDiagram], _ b: [PersistenceDiagram]) -> Bool {
    TorsionCheck(runs: [.init(field: "a", diagrams: a), .init(field: "b", diagrams: b)]).agree
  }
}

@Suite("Persistence over the rationals")
struct ExactRationalPersistenceTests {
  @Test("Projective plane (13 points): Q agrees with Z/3, Z/2 has the extra H1 and H2 bars [1, 2)")
  func projectivePlane() throws {
    let matrix = DistanceMatrix(
      count: 13, lowerTriangle: ExactFixtures.projectivePlaneLowerTriangle)
    let q = try ExactFixtures.diagrams(matrix, coefficients: .rationals)
    let z3 = try ExactFixtures.diagrams(matrix, coefficients: .prime(3))
    let z2 = try ExactFixtures.diagrams(matrix, coefficients: .prime(2))
    #expect(q[1].pairs.isEmpty && q[2].pairs.isEmpty)
    #expect(ExactFixtures.sameBars(q, z3))
    let check = TorsionCheck(runs: [
      .init(field: "Z/2", diagrams: z2), .init(field: "Z/3", diagrams: z3),
      .init(field: "Q", diagrams: q),
    ])
    #expect(check.differingDimensions == [1, 2])
    #expect(
      check.differences.allSatisfy {
        $0.bar == PersistencePair(birth: 1, death: 2) && $0.multiplicities == [1, 0, 0]
      })
  }

  @Test("A 70-point sample of RP²: Q agrees with Z/3 and not with Z/2")
  func projectivePlaneSample() throws {
    let matrix = ExactFixtures.projectivePlaneSample(count: 70, seed: 3)
    let q = try ExactFixtures.diagrams(matrix, coefficients: .rationals)
    #expect(ExactFixtures.sameBars(q, try ExactFixtures.diagrams(matrix, coefficients: .prime(3))))
    let z2 = try ExactFixtures.diagrams(matrix, coefficients: .prime(2))
    let check = TorsionCheck(runs: [
      .init(field: "Z/2", diagrams: z2), .init(field: "Q", diagrams: q),
    ])
    #expect(check.differingDimensions == [1, 2])
    // The signature of 2-torsion in H1 (universal coefficients): the loop born at b becomes
    // torsion at t, where its Q bar [b, t) ends; over Z/2 it lives on, [b, d) with d > t, and
    // an H2 class is born at t.
    let onlyZ2 = check.differences.filter { $0.multiplicities == [1, 0] }.map {
      ($0.dimension, $0.bar)
    }
    let onlyQ = check.differences.filter { $0.multiplicities == [0, 1] }.map {
      ($0.dimension, $0.bar)
    }
    let signature = onlyQ.contains { dimension, q in
      dimension == 1
        && onlyZ2.contains { $0.0 == 1 && $0.1.birth == q.birth && $0.1.death > q.death }
        && onlyZ2.contains { $0.0 == 2 && $0.1.birth == q.death }
    }
    #expect(signature)
  }

  @Test(
    "Sphere and torus (torsion-free): Q, Z/2 and Z/3 give the same diagrams",
    arguments: [BaseDistribution.sphere, .torus])
  func torsionFree(shape: BaseDistribution) throws {
    var random = SeededGenerator(seed: 11)
    let cloud = shape.sample(count: shape == .sphere ? 60 : 80, using: &random).cloud
    let matrix = DistanceMatrix(cloud)
    let q = try ExactFixtures.diagrams(matrix, coefficients: .rationals)
    #expect(ExactFixtures.sameBars(q, try ExactFixtures.diagrams(matrix, coefficients: .prime(2))))
    #expect(ExactFixtures.sameBars(q, try ExactFixtures.diagrams(matrix, coefficients: .prime(3))))
    if shape == .sphere { #expect(q[2].pairs.filter { $0.persistence > 0.3 }.count == 1) }
    // 80 points are sparse on the torus: its two H1 classes are long bars, beside a few
    // sampling loops of about the same length.
    if shape == .torus { #expect(q[1].pairs.filter { $0.persistence > 0.5 }.count >= 2) }
  }
}
